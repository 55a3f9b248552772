using ScheduleDsl;

namespace ScheduleDsl.Benchmarks;

[LearningRate(3e-4)]
[Warmup(500)]
[Cosine(10_000, Final = 3e-5)]
public partial struct BenchWarmupCosine;

[LearningRate(0.1)]
[OneCycle(10_000)]
public partial struct BenchOneCycle;

[LearningRate(0.1)]
[MultiStep(0.1, 3_000, 6_000, 8_000, 9_000)]
public partial struct BenchMultiStep;

[LearningRate(0.01)]
[Constant(1L << 50)]
public partial struct BenchConstant;
