using ScheduleDsl;

namespace ScheduleDsl.Tests.Runtime;

[LearningRate(0.1)]
[Warmup(10)]
[Cosine(90, Final = 0.001)]
public partial struct WarmupCosine;

[LearningRate(0.1)]
[Warmup(4)]
[Linear(6, 1.0, 0.5, End = EndBehavior.Throw)]
public partial struct ThrowsAtTen;

[LearningRate(1.0)]
[Constant(3, Factor = 0.25)]
public partial struct ConstantThenPeak;

[LearningRate(1.0)]
[Linear(10, 1.0, 0.5)]
[Constant(5, Factor = 0.1, Start = 20)]
public partial struct GapHolds;

[LearningRate(1.0)]
[Exponential(0.5)]
[Constant(5, Factor = 0.1, Start = 3)]
public partial struct StartCutsShort;

[LearningRate(0.2)]
[Warmup(100)]
[StepDecay(50, 0.5, Steps = 400)]
[MultiStep(0.5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120)]
public partial struct ExactKinds;

[LearningRate(0.05)]
[Warmup(1000)]
[Cosine(100_000, Final = 1e-5)]
[Exponential(0.9999, Steps = 10_000)]
[Polynomial(20_000, Power = 1.7, Final = 1e-6)]
public partial struct TranscendentalKinds;

[LearningRate(0.1)]
[OneCycle(1000, ThreePhase = true, PctStart = 0.25)]
public partial struct EveryKindOneCycle;

[LearningRate(0.1)]
[Cyclic(50, 0.01, StepsDown = 70, Mode = CyclicMode.ExpRange, Gamma = 0.999, Steps = 5000)]
[CosineRestarts(100, Multiplier = 1.5, Decay = 0.8, Final = 1e-4, Steps = 5000)]
[Noam(400, 512, Steps = 5000)]
[InverseSqrt(300, Steps = 5000)]
[InverseTime(100, 0.5, Staircase = true, Steps = 5000)]
[Optimal(1e-3, Steps = 5000)]
[InverseScaling(0.5, Steps = 5000)]
public partial struct EveryKindUnbounded;

[LearningRate(0.1)]
[Warmup(500, Shape = CurveShape.OneMinusSqrt)]
[Decay(500, Shape = CurveShape.Cosine, Final = 1e-3)]
[Tanh(1000, Final = 1e-4)]
[Cosine(1000, Exponent = 1.5, KDecay = 2)]
[SwaAnneal(300, 0.05)]
[Piecewise(new[] { 1.0, 0.5, 0.25 }, 100, 200)]
[Interpolate(new[] { 0.25, 1.0, 0.1 }, 0, 300, 900, Start = 4000)]
[Exponential(0.999, Multiply = true)]
public partial struct EveryKindShapes;

// Piece counts around the run-time search's strategies (Schedule.Evaluation): no end, exactly one vector of four
// ends, exactly two vectors of eight, one past them (binary search), many; and a throwing end after four ends.
// With the peak 1 and γ = 0.5 every rate is an exact power of two: 2^-k after the k-th milestone.

[LearningRate(1.0)]
[Exponential(0.99)]
public partial struct OnePiece;

[LearningRate(1.0)]
[MultiStep(0.5, 10, 20, 30, 40)]
public partial struct FourEnds;

[LearningRate(1.0)]
[MultiStep(0.5, 10, 20, 30, 40, 50, 60, 70, 80)]
public partial struct EightEnds;

[LearningRate(1.0)]
[MultiStep(0.5, 10, 20, 30, 40, 50, 60, 70, 80, 90)]
public partial struct NineEnds;

[LearningRate(1.0)]
[MultiStep(0.5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200)]
public partial struct TwentyEnds;

[LearningRate(1.0)]
[MultiStep(0.5, 10, 20, 30, Steps = 40, End = EndBehavior.Throw)]
public partial struct FourEndsThenThrows;
