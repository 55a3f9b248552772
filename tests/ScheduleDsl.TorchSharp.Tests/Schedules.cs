using System;

namespace ScheduleDsl.TorchSharp.Tests;

/// <summary>PyTorch/TorchSharp <c>CosineAnnealingLR(T_max 10, eta_min 0.001)</c> on lr 0.1, held after step 10.</summary>
[LearningRate(0.1)]
[Cosine(10, Final = 0.001)]
public partial struct Cosine10;

/// <summary>TorchSharp <c>OneCycleLR(max_lr 0.1, total_steps 20)</c> with its momentum cycle 0.95 → 0.85 → 0.95.</summary>
[LearningRate(0.1)]
[OneCycle(20)]
public partial struct OneCycle20;

/// <summary>A warmup and cosine that reject steps past their end.</summary>
[LearningRate(0.05)]
[Warmup(3)]
[Cosine(5, Final = 0.005, End = EndBehavior.Throw)]
public partial struct ShortThrowing;

/// <summary>The rate of the optimizer tests: warmup then cosine.</summary>
[LearningRate(0.01)]
[Warmup(2)]
[Cosine(8, Final = 1e-4)]
public partial struct OptimizerRate;

/// <summary>
/// A schedule written by hand as an <see cref="IScheduleFunction"/> (what a run-time schedule is to the scheduler):
/// rate 0.2/(1 + k) and momentum 0.5 + 0.01·k.
/// </summary>
public sealed class InverseByHand : IScheduleFunction
{
    public double PeakLearningRate => 0.2;

    public long? TotalSteps => null;

    public bool HasMomentum => true;

    public double At(long step) => step >= 0 ? 0.2 / (1 + step) : throw new ArgumentOutOfRangeException(nameof(step));

    public float AtSingle(long step) => (float)At(step);

    public void Fill(Span<float> destination, long firstStep)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = AtSingle(firstStep + i);
        }
    }

    public double MomentumAt(long step) => 0.5 + (0.01 * step);
}
