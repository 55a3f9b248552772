namespace ScheduleDsl.Training;

/// <summary>
/// The shape of a training run. Its length is <c>--epochs</c> (default <see cref="Epochs"/>); the schedules below give
/// their lengths as fractions of the run, so each is bound to the run it trains (<see cref="Trainer.RunFor"/>) and
/// follows its length.
/// </summary>
public static class RunLength
{
    /// <summary>Epochs per run unless <c>--epochs</c> says otherwise.</summary>
    public const int Epochs = 30;

    /// <summary>Examples per mini-batch.</summary>
    public const int BatchSize = 32;

    /// <summary>
    /// Optimizer updates per epoch: ⌈1,438 / 32⌉ = 45, one pass over the digits training split. (With <c>--mnist</c>
    /// an "epoch" is still 45 mini-batches of a running shuffled pass, so the schedules keep their shape.)
    /// </summary>
    public const int StepsPerEpoch = 45;

    /// <summary>The peak rate every schedule shares.</summary>
    public const double Peak = 0.2;
}

/// <summary>The peak rate throughout (also the base the reduce-on-plateau run starts from); it has no length to bind.</summary>
[LearningRate(RunLength.Peak)]
public partial struct ConstantRate;

/// <summary>
/// ×0.3 after each third of the run (every 10 epochs of 30). 0.3333333333333333 is the double just below ⅓, so
/// ⌈total × it⌉ is exactly total / 3 for every run of whole epochs (45 updates each, a multiple of 3).
/// </summary>
[LearningRate(RunLength.Peak)]
[StepDecay("0.3333333333333333 of run", 0.3)]
public partial struct StepDecayRate;

/// <summary>Cosine from the peak to 1 % of it over the run.</summary>
[LearningRate(RunLength.Peak)]
[Cosine("rest", Final = RunLength.Peak / 100)]
public partial struct CosineRate;

/// <summary>Linear warmup over the first 10 % of the run (3 epochs of 30), then cosine to 1 % of the peak.</summary>
[LearningRate(RunLength.Peak)]
[Warmup("10%")]
[Cosine("rest", Final = RunLength.Peak / 100)]
public partial struct WarmupCosineRate;

/// <summary>PyTorch's OneCycleLR over the run with the peak as max_lr; it also cycles the momentum (0.95 → 0.85 → 0.95).</summary>
[LearningRate(RunLength.Peak)]
[OneCycle("rest")]
public partial struct OneCycleRate;
