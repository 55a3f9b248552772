using System;
using ScheduleDsl.Formulas;

namespace ScheduleDsl.Optimizers.Tests;

/// <summary>A constant value for <see cref="Constant{TRate}"/>; one type per learning rate the reference cases use.</summary>
public interface IRate
{
    static abstract double Value { get; }
}

public readonly struct Rate0_1 : IRate { public static double Value => 0.1; }
public readonly struct Rate0_05 : IRate { public static double Value => 0.05; }
public readonly struct Rate0_01 : IRate { public static double Value => 0.01; }
public readonly struct Rate0_001 : IRate { public static double Value => 0.001; }

/// <summary>A constant learning rate, for the reference cases recorded without a scheduler.</summary>
public readonly struct Constant<TRate> : ISchedule
    where TRate : IRate
{
    public static double PeakLearningRate => TRate.Value;

    public static long? TotalSteps => null;

    public static double At(long step) => TRate.Value;

    public static float AtSingle(long step) => (float)TRate.Value;

    public static void Fill(Span<float> destination, long firstStep) => destination.Fill((float)TRate.Value);
}

/// <summary>
/// PyTorch SequentialLR(LinearLR(start_factor 0.1, total_iters 5), CosineAnnealingLR(T_max 15, eta_min 1e-4)),
/// milestones [5], base lr 0.01 — the reference case adam_sequential_warmup_cosine, generated from attributes.
/// </summary>
[LearningRate(0.01)]
[Linear(5, 0.1, 1.0)]
[Cosine(15, Final = 1e-4)]
public partial struct WarmupCosineSchedule;

/// <summary>
/// TEST DOUBLE for PyTorch OneCycleLR(max_lr 0.1, total_steps 20, pct_start 0.3, anneal_strategy 'cos',
/// cycle_momentum True, base_momentum 0.85, max_momentum 0.95, div_factor 25, final_div_factor 1e4), transcribed
/// from torch/optim/lr_scheduler.py (two phases; pct = (step − start)/(end − start);
/// cos anneal = end + (start − end)/2·(cos(π·pct) + 1)). One-cycle schedules belong to a later issue; this struct
/// stands in for the generated one and implements the momentum co-schedule by hand.
/// </summary>
public readonly struct OneCycleTestSchedule : ISchedule, IMomentumSchedule
{
    private const double MaxLr = 0.1;
    private const double InitialLr = MaxLr / 25.0;
    private const double MinLr = InitialLr / 1e4;
    private const double BaseMomentum = 0.85;
    private const double MaxMomentum = 0.95;
    private const long Total = 20;
    private static readonly double EndOfRise = 0.3 * Total - 1; // float(pct_start * total_steps) - 1
    private static readonly double EndOfFall = Total - 1;

    public static double PeakLearningRate => MaxLr;

    public static long? TotalSteps => Total;

    public static double At(long step)
        => step <= EndOfRise
            ? Anneal(InitialLr, MaxLr, step / EndOfRise)
            : Anneal(MaxLr, MinLr, (step - EndOfRise) / (EndOfFall - EndOfRise));

    public static double MomentumAt(long step)
        => step <= EndOfRise
            ? Anneal(MaxMomentum, BaseMomentum, step / EndOfRise)
            : Anneal(BaseMomentum, MaxMomentum, (step - EndOfRise) / (EndOfFall - EndOfRise));

    public static float AtSingle(long step) => (float)At(step);

    public static void Fill(Span<float> destination, long firstStep)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = AtSingle(firstStep + i);
        }
    }

    private static double Anneal(double start, double end, double pct) => end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1);
}
