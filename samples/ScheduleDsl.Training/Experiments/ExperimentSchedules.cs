namespace ScheduleDsl.Training;

/// <summary>
/// The lengths of the experiments' runs. The schedules below are declared with a unit peak (<c>[LearningRate(1)]</c>)
/// because the peak is chosen at run time by the range test: every update uses peak × <c>Schedule.At(step)</c>
/// (<c>optimizer.Step(…, learningRate)</c>). The shape, length and momentum co-schedule stay compile-time.
/// </summary>
public static class ExperimentLength
{
    /// <summary>MLP mini-batch size.</summary>
    public const int MlpBatch = 32;

    /// <summary>MLP updates per epoch: ⌈1,438 / 32⌉ = 45, one pass over the training split.</summary>
    public const int MlpStepsPerEpoch = 45;

    /// <summary>MLP epochs per run.</summary>
    public const int MlpEpochs = 20;

    /// <summary>MLP updates per run.</summary>
    public const int MlpSteps = MlpEpochs * MlpStepsPerEpoch;

    /// <summary>MLP warmup: 2 epochs.</summary>
    public const int MlpWarmup = 2 * MlpStepsPerEpoch;

    /// <summary>Linear-model updates per epoch: one example per update, as scikit-learn's SGD.</summary>
    public const int LinearStepsPerEpoch = 1438;

    /// <summary>Linear-model epochs per run.</summary>
    public const int LinearEpochs = 10;

    /// <summary>Linear-model updates per run.</summary>
    public const int LinearSteps = LinearEpochs * LinearStepsPerEpoch;

    /// <summary>scikit-learn's default L2 strength α of SGDClassifier.</summary>
    public const double Alpha = 1e-4;

    /// <summary>scikit-learn's default <c>eta0</c> (the initial rate of 'constant', 'invscaling' and 'adaptive').</summary>
    public const double Eta0 = 0.01;

    /// <summary>
    /// The η₀ scikit-learn's 'optimal' computes for the log loss at α = 1e-4 (<c>_sgd_fast</c>): typw = √(1/√α) = 10,
    /// η₀ = typw / max(1, dloss(1, −typw)) = 10 / (10/(1 + e⁻¹⁰)) = 1 + e⁻¹⁰ ≈ 1.
    /// </summary>
    public const double OptimalEta0 = 1.0000453999297625;
}

/// <summary>A constant rate: a schedule with no phase is its peak at every step.</summary>
[LearningRate(1)]
public partial struct UnitConstant;

/// <summary>Linear warmup from peak/(W+1) to the peak, then held (unbounded: the last phase holds its final rate).</summary>
[LearningRate(1)]
[Warmup(ExperimentLength.MlpWarmup)]
public partial struct UnitWarmup;

/// <summary>Linear warmup, then cosine to 0 at the end of the run.</summary>
[LearningRate(1, TrainingSteps = ExperimentLength.MlpSteps)]
[Warmup(ExperimentLength.MlpWarmup)]
[Cosine(ExperimentLength.MlpSteps - ExperimentLength.MlpWarmup)]
public partial struct UnitWarmupCosine;

/// <summary>PyTorch's OneCycleLR with the peak as max_lr: from peak/25 up over 30 %, cosine down to peak/10⁴; momentum 0.95 → 0.85 → 0.95.</summary>
[LearningRate(1, TrainingSteps = ExperimentLength.MlpSteps)]
[OneCycle(ExperimentLength.MlpSteps)]
public partial struct UnitOneCycle;

/// <summary>scikit-learn's 'invscaling' (power_t 0.5): η₀/t^0.5 with t counting examples from 1.</summary>
[LearningRate(1)]
[InverseScaling(0.5)]
public partial struct UnitInverseScaling;

/// <summary>scikit-learn's 'optimal' for α = 1e-4 with its own η₀: 1/(α(t₀ + t)), t₀ = 1/(η₀α).</summary>
/// <remarks>η₀ is 1 + e⁻¹⁰, just above 1, which SDL0018 flags as a likely typo; here it is scikit-learn's own value.</remarks>
#pragma warning disable SDL0018
[LearningRate(ExperimentLength.OptimalEta0)]
#pragma warning restore SDL0018
[Optimal(ExperimentLength.Alpha)]
public partial struct SklearnOptimal;

/// <summary>Cosine from the peak to 0 over the linear model's run (the deep-learning schedule, for contrast).</summary>
[LearningRate(1, TrainingSteps = ExperimentLength.LinearSteps)]
[Cosine(ExperimentLength.LinearSteps)]
public partial struct UnitLinearCosine;
