using System;

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
/// PyTorch OneCycleLR(max_lr 0.1, total_steps 20, pct_start 0.3, anneal_strategy 'cos', cycle_momentum True,
/// base_momentum 0.85, max_momentum 0.95, div_factor 25, final_div_factor 1e4) — the reference case
/// sgd_momentum_onecycle, generated from attributes; it implements <see cref="IMomentumSchedule"/>.
/// </summary>
[LearningRate(0.1)]
[OneCycle(20)]
public partial struct OneCycleSchedule;

/// <summary>The learning rate of <see cref="OneCycleSchedule"/> without its momentum co-schedule.</summary>
public readonly struct OneCycleRateOnly : ISchedule
{
    public static double PeakLearningRate => OneCycleSchedule.PeakLearningRate;

    public static long? TotalSteps => OneCycleSchedule.TotalSteps;

    public static double At(long step) => OneCycleSchedule.At(step);

    public static float AtSingle(long step) => OneCycleSchedule.AtSingle(step);

    public static void Fill(Span<float> destination, long firstStep) => OneCycleSchedule.Fill(destination, firstStep);
}

/// <summary>The learning rate of <see cref="WarmupCosineSchedule"/> under another name, for schedule-identity tests.</summary>
[LearningRate(0.01)]
[Linear(5, 0.1, 1.0)]
[Cosine(15, Final = 2e-4)]
public partial struct OtherCosineSchedule;
