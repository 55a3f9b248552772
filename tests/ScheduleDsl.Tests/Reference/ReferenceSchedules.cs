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

// CosineAnnealingWarmRestarts(T_0=20, T_mult=1, eta_min=1e-4), base_lr 0.1
[LearningRate(0.1)]
[CosineRestarts(20, Final = 1e-4)]
public partial struct Restarts20;

// CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=0.001), base_lr 0.05
[LearningRate(0.05)]
[CosineRestarts(10, Multiplier = 2, Final = 0.001)]
public partial struct RestartsDoubling;

// CyclicLR(base_lr=0.001, max_lr=0.006, step_size_up=20, mode='triangular', cycle_momentum=False)
[LearningRate(0.006)]
[Cyclic(20, 0.001, CycleMomentum = false)]
public partial struct CyclicTriangular;

// CyclicLR(base_lr=0.001, max_lr=0.01, step_size_up=10, step_size_down=15, mode='triangular2', cycle_momentum=False)
[LearningRate(0.01)]
[Cyclic(10, 0.001, StepsDown = 15, Mode = CyclicMode.Triangular2, CycleMomentum = false)]
public partial struct CyclicTriangular2;

// CyclicLR(base_lr=0.001, max_lr=0.006, step_size_up=25, mode='exp_range', gamma=0.99, cycle_momentum=False)
[LearningRate(0.006)]
[Cyclic(25, 0.001, Mode = CyclicMode.ExpRange, Gamma = 0.99, CycleMomentum = false)]
public partial struct CyclicExpRange;

// CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=15, cycle_momentum=True, base_momentum=0.8, max_momentum=0.9)
[LearningRate(0.1)]
[Cyclic(15, 0.01, BaseMomentum = 0.8, MaxMomentum = 0.9)]
public partial struct CyclicWithMomentum;

// OneCycleLR(max_lr=0.1, total_steps=100) with PyTorch's defaults (cos, pct 0.3, div 25, final div 1e4, momentum 0.85–0.95)
[LearningRate(0.1)]
[OneCycle(100)]
public partial struct OneCycleCos;

// OneCycleLR(max_lr=0.05, total_steps=120, pct_start=0.25, anneal_strategy='linear', div_factor=10, final_div_factor=100)
[LearningRate(0.05)]
[OneCycle(120, PctStart = 0.25, Anneal = AnnealStrategy.Linear, DivFactor = 10, FinalDivFactor = 100)]
public partial struct OneCycleLinear;

// OneCycleLR(max_lr=0.2, total_steps=150, pct_start=0.25, three_phase=True)
[LearningRate(0.2)]
[OneCycle(150, PctStart = 0.25, ThreePhase = true)]
public partial struct OneCycleThreePhase;

// OneCycleLR(max_lr=0.01, total_steps=100, anneal_strategy='linear', three_phase=True) on Adam (β₁ cycled)
[LearningRate(0.01)]
[OneCycle(100, Anneal = AnnealStrategy.Linear, ThreePhase = true)]
public partial struct OneCycleLinearThreePhase;

// OneCycleLR(max_lr=0.3, total_steps=64, pct_start=0.5, div_factor=30, final_div_factor=1000, cycle_momentum=False)
[LearningRate(0.3)]
[OneCycle(64, PctStart = 0.5, DivFactor = 30, FinalDivFactor = 1000, CycleMomentum = false)]
public partial struct OneCycleNoMomentum;

// ChainedScheduler([ConstantLR(factor=0.1, total_iters=2), ExponentialLR(gamma=0.9)]), base_lr 1.0
[LearningRate(1.0)]
[Constant(2, Factor = 0.1)]
[Exponential(0.9, Multiply = true)]
public partial struct ChainedConstantExponential;

// ChainedScheduler([LinearLR(start_factor=0.2, total_iters=8), ExponentialLR(gamma=0.97)]), base_lr 0.1
[LearningRate(0.1)]
[Linear(8, 0.2, 1.0)]
[Exponential(0.97, Multiply = true)]
public partial struct ChainedWarmupExponential;

// LambdaLR(lambda s: 2 * 512**-0.5 * min((s+1)**-0.5, (s+1) * 40**-1.5)), base_lr 1.0: the Annotated Transformer's rate()
[LearningRate(1.0)]
[Noam(40, 512, Scale = 2)]
public partial struct NoamSchedule;

// SWALR(swa_lr=0.01, anneal_epochs=10, anneal_strategy='cos'), base_lr 0.1
[LearningRate(0.1)]
[SwaAnneal(10, 0.01)]
public partial struct SwaCos;

// SWALR(swa_lr=0.2, anneal_epochs=20, anneal_strategy='linear'), base_lr 0.05
[LearningRate(0.05)]
[SwaAnneal(20, 0.2, Anneal = AnnealStrategy.Linear)]
public partial struct SwaLinearUp;
