using ScheduleDsl;

namespace ScheduleDsl.Samples;

/// <summary>GPT-style: linear warmup, then cosine to a tenth of the peak.</summary>
[LearningRate(3e-4)]
[Warmup(500)]
[Cosine(10_000, Final = 3e-5)]
public partial struct GptSchedule;

/// <summary>The classic ImageNet ResNet recipe: ×0.1 at epochs 30, 60 and 80 (here in steps).</summary>
[LearningRate(0.1)]
[MultiStep(0.1, 30, 60, 80)]
public partial struct ResNetSchedule;

/// <summary>Warmup, a stable plateau, then a polynomial decay (a warmup-stable-decay shape).</summary>
[LearningRate(1e-3)]
[Warmup(100)]
[Constant(800)]
[Polynomial(100, Power = 2, Final = 1e-5)]
public partial struct PlateauThenDecay;

/// <summary>PyTorch's CosineAnnealingLR left running past T_max: periodic, as PyTorch does.</summary>
[LearningRate(0.05)]
[Cosine(40, End = EndBehavior.Periodic)]
public partial struct PeriodicCosine;
