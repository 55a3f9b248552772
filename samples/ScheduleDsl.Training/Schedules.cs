namespace ScheduleDsl.Training;

/// <summary>The length of the training run, from which every schedule's length is derived.</summary>
public static class RunLength
{
    /// <summary>Epochs per run.</summary>
    public const int Epochs = 30;

    /// <summary>Examples per mini-batch.</summary>
    public const int BatchSize = 32;

    /// <summary>
    /// Optimizer updates per epoch: ⌈1,438 / 32⌉ = 45, one pass over the digits training split. (With <c>--mnist</c>
    /// an "epoch" is still 45 mini-batches of a running shuffled pass, so the schedules keep their shape.)
    /// </summary>
    public const int StepsPerEpoch = 45;

    /// <summary>Updates per run.</summary>
    public const int TotalSteps = Epochs * StepsPerEpoch;

    /// <summary>The peak rate every schedule shares.</summary>
    public const double Peak = 0.2;
}

/// <summary>The peak rate throughout (also the base the reduce-on-plateau run starts from).</summary>
[LearningRate(RunLength.Peak, TrainingSteps = RunLength.TotalSteps)]
[Constant(RunLength.TotalSteps)]
public partial struct ConstantRate;

/// <summary>×0.3 every 10 epochs.</summary>
[LearningRate(RunLength.Peak, TrainingSteps = RunLength.TotalSteps)]
[StepDecay(10 * RunLength.StepsPerEpoch, 0.3, Steps = RunLength.TotalSteps)]
public partial struct StepDecayRate;

/// <summary>Cosine from the peak to 1 % of it.</summary>
[LearningRate(RunLength.Peak, TrainingSteps = RunLength.TotalSteps)]
[Cosine(RunLength.TotalSteps, Final = RunLength.Peak / 100)]
public partial struct CosineRate;

/// <summary>Linear warmup over 3 epochs, then cosine to 1 % of the peak.</summary>
[LearningRate(RunLength.Peak, TrainingSteps = RunLength.TotalSteps)]
[Warmup(3 * RunLength.StepsPerEpoch)]
[Cosine(RunLength.TotalSteps - (3 * RunLength.StepsPerEpoch), Final = RunLength.Peak / 100)]
public partial struct WarmupCosineRate;

/// <summary>PyTorch's OneCycleLR with the peak as max_lr; it also cycles the momentum (0.95 → 0.85 → 0.95).</summary>
[LearningRate(RunLength.Peak, TrainingSteps = RunLength.TotalSteps)]
[OneCycle(RunLength.TotalSteps)]
public partial struct OneCycleRate;
