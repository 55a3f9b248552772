using ScheduleDsl;

// Each PyTorch reference case, declared the way a user would write it. The comment gives the PyTorch call.
namespace ScheduleDsl.Tests.Reference;

// StepLR(step_size=30, gamma=0.1), base_lr 0.1
[LearningRate(0.1)]
[StepDecay(30, 0.1)]
public partial struct StepLr30;

// StepLR(step_size=7, gamma=0.5), base_lr 0.05
[LearningRate(0.05)]
[StepDecay(7, 0.5)]
public partial struct StepLr7;

// MultiStepLR(milestones=[30, 80], gamma=0.1), base_lr 0.1
[LearningRate(0.1)]
[MultiStep(0.1, 30, 80)]
public partial struct MultiStep30And80;

// MultiStepLR(milestones=[10, 25, 25, 40], gamma=0.5), base_lr 1.0: the repeated milestone decays twice.
[LearningRate(1.0)]
[MultiStep(0.5, 10, 25, 25, 40)]
public partial struct MultiStepRepeated;

// ConstantLR(factor=1/3, total_iters=5), base_lr 0.02 (PyTorch's defaults)
[LearningRate(0.02)]
[Constant(5, Factor = 1.0 / 3)]
public partial struct ConstantDefaults;

// ConstantLR(factor=0.5, total_iters=4), base_lr 0.05
[LearningRate(0.05)]
[Constant(4, Factor = 0.5)]
public partial struct ConstantHalf;

// LinearLR(start_factor=0.25, end_factor=1.0, total_iters=10), base_lr 0.1: a warmup from a quarter of the peak.
[LearningRate(0.1)]
[Warmup(10, StartFactor = 0.25)]
public partial struct LinearWarmup;

// LinearLR(start_factor=1.0, end_factor=0.05, total_iters=40), base_lr 0.02
[LearningRate(0.02)]
[Linear(40, 1.0, 0.05)]
public partial struct LinearDecay;

// ExponentialLR(gamma=0.95), base_lr 0.1
[LearningRate(0.1)]
[Exponential(0.95)]
public partial struct Exponential95;

// PolynomialLR(total_iters=40, power=1.0), base_lr 0.1
[LearningRate(0.1)]
[Polynomial(40)]
public partial struct PolynomialLinear;

// PolynomialLR(total_iters=50, power=2.0), base_lr 0.01
[LearningRate(0.01)]
[Polynomial(50, Power = 2)]
public partial struct PolynomialSquare;

// CosineAnnealingLR(T_max=100, eta_min=0), base_lr 0.1
[LearningRate(0.1)]
[Cosine(100)]
public partial struct Cosine100;

// CosineAnnealingLR(T_max=50, eta_min=0.001), base_lr 0.1
[LearningRate(0.1)]
[Cosine(50, Final = 0.001)]
public partial struct Cosine50ToMin;

// CosineAnnealingLR(T_max=40, eta_min=0), base_lr 0.05, stepped 5·T_max times: periodic past T_max, as asked.
[LearningRate(0.05)]
[Cosine(40, End = EndBehavior.Periodic)]
public partial struct CosinePeriodic40;

// SequentialLR([LinearLR(0.1, 1.0, 10), CosineAnnealingLR(T_max=90, eta_min=1e-5)], milestones=[10]), base_lr 0.1
[LearningRate(0.1)]
[Linear(10, 0.1, 1.0)]
[Cosine(90, Final = 1e-5)]
public partial struct LinearThenCosine;

// SequentialLR([ConstantLR(factor=0.1, total_iters=2), ExponentialLR(gamma=0.9)], milestones=[2]), base_lr 1.0
[LearningRate(1.0)]
[Constant(2, Factor = 0.1)]
[Exponential(0.9)]
public partial struct ConstantThenExponential;

// Hugging Face get_cosine_schedule_with_warmup(warmup 10, total 100) as a LambdaLR: warmup from exactly 0.
[LearningRate(0.0005)]
[Warmup(10, StartFactor = 0)]
[Cosine(90)]
public partial struct HuggingFaceWarmupCosine;
