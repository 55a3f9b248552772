namespace ScheduleDsl.Training.Tests.Old;

// The sample's schedules as they were declared before they were bound to the run (samples/ScheduleDsl.Training/
// Schedules.cs at 3c7e257): constant lengths for 30 epochs of 45 updates, the RunLength constants written out.
// Compiled here, by the same generator, they are the reference the bound schedules must reproduce bit for bit.

/// <summary>The old constant rate: 1,350 steps at the peak.</summary>
[LearningRate(0.2, TrainingSteps = 1350)]
[Constant(1350)]
public partial struct ConstantRate;

/// <summary>The old step decay: ×0.3 every 10 epochs (450 steps).</summary>
[LearningRate(0.2, TrainingSteps = 1350)]
[StepDecay(10 * 45, 0.3, Steps = 1350)]
public partial struct StepDecayRate;

/// <summary>The old cosine: to 1 % of the peak over 1,350 steps.</summary>
[LearningRate(0.2, TrainingSteps = 1350)]
[Cosine(1350, Final = 0.2 / 100)]
public partial struct CosineRate;

/// <summary>The old warmup + cosine: 3 epochs (135 steps) of warmup, then cosine over the other 1,215.</summary>
[LearningRate(0.2, TrainingSteps = 1350)]
[Warmup(3 * 45)]
[Cosine(1350 - (3 * 45), Final = 0.2 / 100)]
public partial struct WarmupCosineRate;

/// <summary>The old one-cycle over 1,350 steps.</summary>
[LearningRate(0.2, TrainingSteps = 1350)]
[OneCycle(1350)]
public partial struct OneCycleRate;
