using ScheduleDsl;

// Peer schedules written the way docs/peers/*.md says to port them. Each comment gives the peer's call; the expected
// values are computed from the peer's own source in PeerConventionTests.cs.
namespace ScheduleDsl.Tests.Peers;

// optax.warmup_cosine_decay_schedule(init_value=0.01, peak_value=0.1, warmup_steps=10, decay_steps=100, end_value=0.001):
// decay_steps includes the warmup, so the cosine phase is 100 − 10 = 90 steps.
[LearningRate(0.1)]
[Warmup(10, StartFactor = 0.1)]
[Cosine(90, Final = 0.001)]
public partial struct OptaxWarmupCosine;

// keras.optimizers.schedules.CosineDecay(initial_learning_rate=0.01, decay_steps=100, alpha=0.01, warmup_target=0.1,
// warmup_steps=10): decay_steps excludes the warmup, so the cosine phase is the full 100 steps.
[LearningRate(0.1)]
[Warmup(10, StartFactor = 0.1)]
[Cosine(100, Final = 0.001)]
public partial struct KerasWarmupCosine;

// optax.cosine_decay_schedule(0.1, 50, alpha=0.02, exponent=2)
[LearningRate(0.1)]
[Cosine(50, Final = 0.002, Exponent = 2)]
public partial struct OptaxCosineExponent;

// optax.cosine_onecycle_schedule(transition_steps=100, peak_value=0.1, pct_start=0.3, div_factor=25, final_div_factor=1e4)
// = piecewise_interpolate_schedule('cosine', 0.1/25, {30: 25, 100: 1/(25·1e4)}), points (0, 1/25), (30, 1), (100, 1/250000).
[LearningRate(0.1)]
[Interpolate(new[] { 1.0 / 25, 1.0, 1.0 / 250_000 }, 0, 30, 100, Anneal = AnnealStrategy.Cosine)]
public partial struct OptaxCosineOneCycle;

// optax.linear_onecycle_schedule(transition_steps=100, peak_value=0.1, pct_start=0.3, pct_final=0.85, div_factor=25,
// final_div_factor=1e4): points (0, 1/25), (30, 1), (85, 1/25), (100, 1/(25·1e4)).
[LearningRate(0.1)]
[Interpolate(new[] { 1.0 / 25, 1.0, 1.0 / 25, 1.0 / 250_000 }, 0, 30, 85, 100)]
public partial struct OptaxLinearOneCycle;

// optax.exponential_decay(0.1, transition_steps=1, decay_rate=0.9, transition_begin=5): held for 5 steps, then decays.
[LearningRate(0.1)]
[Constant(5)]
[Exponential(0.9)]
public partial struct OptaxExponentialBegin;

// optax.polynomial_schedule(init_value=0.1, end_value=0.01, power=2, transition_steps=40, transition_begin=10)
[LearningRate(0.1)]
[Constant(10)]
[Polynomial(40, Power = 2, Final = 0.01)]
public partial struct OptaxPolynomialBegin;

// optax.piecewise_constant_schedule(0.1, {10: 0.5, 20: 0.2}): cumulative scales 1, 0.5, 0.1 written as values.
[LearningRate(0.1)]
[Piecewise(new[] { 1.0, 0.5, 0.1 }, 10, 20)]
public partial struct OptaxPiecewiseConstant;

// transformers.get_cosine_schedule_with_warmup(opt(lr=0.1), num_warmup_steps=10, num_training_steps=100): HF's cosine
// is not clamped, so it is periodic past num_training_steps.
[LearningRate(0.1)]
[Warmup(10, StartFactor = 0)]
[Cosine(90, End = EndBehavior.Periodic)]
public partial struct HfCosine;

// transformers.get_cosine_schedule_with_warmup(..., num_warmup_steps=10, num_training_steps=100, num_cycles=1): a full
// cosine wave over the 90 decay steps is a periodic cosine with half-period 45.
[LearningRate(0.1)]
[Warmup(10, StartFactor = 0)]
[Cosine(45, End = EndBehavior.Periodic)]
public partial struct HfCosineOneCycle;

// transformers.get_cosine_with_hard_restarts_schedule_with_warmup(..., num_warmup_steps=10, num_training_steps=100,
// num_cycles=3): three equal cycles of 30 steps, then 0.
[LearningRate(0.1)]
[Warmup(10, StartFactor = 0)]
[CosineRestarts(30, CycleLimit = 3)]
public partial struct HfHardRestarts;

// transformers.get_linear_schedule_with_warmup(opt(lr=0.1), num_warmup_steps=10, num_training_steps=100)
[LearningRate(0.1)]
[Warmup(10, StartFactor = 0)]
[Linear(90, 1, 0)]
public partial struct HfLinear;

// transformers.get_polynomial_decay_schedule_with_warmup(opt(lr=0.1), 10, 100, lr_end=1e-4, power=2)
[LearningRate(0.1)]
[Warmup(10, StartFactor = 0)]
[Polynomial(90, Power = 2, Final = 1e-4)]
public partial struct HfPolynomial;

// transformers.get_inverse_sqrt_schedule(opt(lr=0.1), num_warmup_steps=10, timescale=25)
[LearningRate(0.1)]
[Warmup(10, StartFactor = 0)]
[InverseSqrt(25)]
public partial struct HfInverseSqrt;

// transformers.get_constant_schedule_with_warmup(opt(lr=0.1), num_warmup_steps=10)
[LearningRate(0.1)]
[Warmup(10, StartFactor = 0)]
public partial struct HfConstantWithWarmup;

// transformers.get_wsd_schedule(opt(lr=0.1), num_warmup_steps=10, num_decay_steps=50, num_stable_steps=40,
// warmup_type='cosine', decay_type='1-sqrt', min_lr_ratio=0.1): HF's warmup starts at min_lr_ratio, not 0.
[LearningRate(0.1)]
[Warmup(10, StartFactor = 0.1, Shape = CurveShape.Cosine)]
[Constant(40)]
[Decay(50, Shape = CurveShape.OneMinusSqrt, Final = 0.01)]
public partial struct HfWsd;

// transformers.get_cosine_with_min_lr_schedule_with_warmup(opt(lr=0.1), 10, 100, min_lr_rate=0.05): periodic like cosine.
[LearningRate(0.1)]
[Warmup(10, StartFactor = 0)]
[Cosine(90, Final = 0.005, End = EndBehavior.Periodic)]
public partial struct HfCosineMinLr;

// timm CosineLRScheduler(opt(lr=0.1), t_initial=20, lr_min=0.001, cycle_mul=1.5, cycle_decay=0.5, cycle_limit=3)
[LearningRate(0.1)]
[CosineRestarts(20, Multiplier = 1.5, Final = 0.001, Decay = 0.5, CycleLimit = 3, Convention = PeerConvention.Timm)]
public partial struct TimmCosineCycles;

// timm CosineLRScheduler(opt(lr=0.1), t_initial=100, lr_min=0.001, k_decay=2) (cycle_limit=1 default)
[LearningRate(0.1)]
[Cosine(100, Final = 0.001, KDecay = 2)]
public partial struct TimmCosineKDecay;

// timm CosineLRScheduler(opt(lr=0.1), t_initial=50, lr_min=0.001, warmup_t=5, warmup_lr_init=0.01, warmup_prefix=True)
[LearningRate(0.1)]
[Warmup(5, StartFactor = 0.1)]
[Cosine(50, Final = 0.001)]
public partial struct TimmCosineWarmupPrefix;

// timm StepLRScheduler(opt(lr=0.1), decay_t=30, decay_rate=0.5, warmup_t=5, warmup_lr_init=0.01) (warmup_prefix=True)
[LearningRate(0.1)]
[Warmup(5, StartFactor = 0.1)]
[StepDecay(30, 0.5)]
public partial struct TimmStepWarmup;

// timm MultiStepLRScheduler(opt(lr=0.1), decay_t=[30, 60], decay_rate=0.1): bisect_right(decay_t, t), at the milestone.
[LearningRate(0.1)]
[MultiStep(0.1, 30, 60)]
public partial struct TimmMultiStep;

// timm TanhLRScheduler(opt(lr=0.1), t_initial=40, lb=-6, ub=4, lr_min=0.001)
[LearningRate(0.1)]
[Tanh(40, Lower = -6, Upper = 4, Final = 0.001)]
public partial struct TimmTanh;

// timm PolyLRScheduler(opt(lr=0.1), t_initial=40, power=0.5, lr_min=0.001) (k_decay=1, cycle_limit=1)
[LearningRate(0.1)]
[Polynomial(40, Power = 0.5, Final = 0.001)]
public partial struct TimmPoly;

// keras ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5, staircase=True)
[LearningRate(0.1)]
[StepDecay(10, 0.5)]
public partial struct KerasExponentialStaircase;

// keras ExponentialDecay(0.1, decay_steps=2, decay_rate=0.25): rate^(t/2) = 0.5^t, γ = 0.25^(1/2) written as a literal.
[LearningRate(0.1)]
[Exponential(0.5)]
public partial struct KerasExponentialContinuous;

// keras InverseTimeDecay(0.1, decay_steps=10, decay_rate=0.5) and with staircase=True
[LearningRate(0.1)]
[InverseTime(10, 0.5)]
public partial struct KerasInverseTime;

[LearningRate(0.1)]
[InverseTime(10, 0.5, Staircase = true)]
public partial struct KerasInverseTimeStaircase;

// keras PiecewiseConstantDecay(boundaries=[10, 20], values=[0.1, 0.05, 0.01])
[LearningRate(0.1)]
[Piecewise(new[] { 1.0, 0.5, 0.1 }, 10, 20, ChangeAfterBoundary = true)]
public partial struct KerasPiecewise;

// keras PolynomialDecay(0.1, decay_steps=50, end_learning_rate=0.001, power=2) (cycle=False)
[LearningRate(0.1)]
[Polynomial(50, Power = 2, Final = 0.001)]
public partial struct KerasPolynomial;

// keras CosineDecay(0.1, decay_steps=60, alpha=0.05) (no warmup)
[LearningRate(0.1)]
[Cosine(60, Final = 0.005)]
public partial struct KerasCosine;

// keras CosineDecayRestarts(0.1, first_decay_steps=10, t_mul=2, m_mul=0.5, alpha=0): α = 0, where Keras and timm agree.
[LearningRate(0.1)]
[CosineRestarts(10, Multiplier = 2, Decay = 0.5)]
public partial struct KerasRestartsNoAlpha;

// keras CosineDecayRestarts(0.1, first_decay_steps=10, t_mul=2, m_mul=1, alpha=0.1): m_mul = 1, where they agree too.
[LearningRate(0.1)]
[CosineRestarts(10, Multiplier = 2, Final = 0.01)]
public partial struct KerasRestartsNoDecay;

// keras CosineDecayRestarts(0.1, first_decay_steps=10, t_mul=2, m_mul=0.5, alpha=0.1): Keras's m_mul scales only the
// part above the floor α·lr, which Convention = PeerConvention.Keras selects (docs/peers/keras.md).
[LearningRate(0.1)]
[CosineRestarts(10, Multiplier = 2, Decay = 0.5, Final = 0.01, Convention = PeerConvention.Keras)]
public partial struct KerasRestartsDecayAndAlpha;

// The same arguments by the timm convention (the default): cycle_decay scales the whole peak.
[LearningRate(0.1)]
[CosineRestarts(10, Multiplier = 2, Decay = 0.5, Final = 0.01, Convention = PeerConvention.Timm)]
public partial struct TimmRestartsDecayAndFloor;

// sklearn SGDClassifier(learning_rate='optimal', alpha=1e-3) with η₀ = 0.05 (sklearn derives η₀ from the loss)
[LearningRate(0.05)]
[Optimal(1e-3)]
public partial struct SklearnOptimal;

// sklearn SGDRegressor(learning_rate='invscaling', eta0=0.01, power_t=0.25)
[LearningRate(0.01)]
[InverseScaling(0.25)]
public partial struct SklearnInvScaling;

// TorchSharp torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma) with gamma passed explicitly (its default is 0.1)
[LearningRate(0.1)]
[Exponential(0.95)]
public partial struct TorchSharpExponential;

// optax.warmup_cosine_decay_schedule(init_value=0.2, peak_value=0.1, warmup_steps=10, decay_steps=60, end_value=0.001):
// a "warmup" from above the peak. The declared rate is the largest value (0.2); the linear part is a [Linear] phase and
// the cosine part an [Interpolate] with cosine annealing between factors 0.5 and 0.005 (Optax's cosine_decay with
// exponent 1 equals that interpolation).
[LearningRate(0.2)]
[Linear(10, 1, 0.5)]
[Interpolate(new[] { 0.5, 0.005 }, 0, 50, Anneal = AnnealStrategy.Cosine)]
public partial struct OptaxWarmupFromAbove;

// transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(opt(lr=0.1), num_warmup_steps=10,
// num_training_steps=100, min_lr_rate=0.05): warmup (s + 1)/W and decay progress (s − W + 1)/(N − W), so the decay
// starts at step W − 1 = 9.
[LearningRate(0.1)]
[Warmup(9, StartFactor = 0.1)]
[Cosine(90, Final = 0.005, End = EndBehavior.Periodic)]
public partial struct HfCosineWarmupMinLr;

// ... the same with warmup_lr_rate=0.2: r + (1 − r)·s/(W − 1).
[LearningRate(0.1)]
[Warmup(9, StartFactor = 0.2)]
[Cosine(90, Final = 0.005, End = EndBehavior.Periodic)]
public partial struct HfCosineWarmupMinLrRate;

// ---------------------------------------------------------------- issue 14: literal ports

// optax.exponential_decay(0.1, transition_steps=10, decay_rate=0.5, transition_begin=7, end_value=0.01): a floor.
[LearningRate(0.1)]
[Exponential(0.5, DecaySteps = 10, TransitionBegin = 7, Final = 0.01)]
public partial struct OptaxExponentialFloor;

// optax.exponential_decay(0.01, transition_steps=4, decay_rate=1.5, transition_begin=3, staircase=True, end_value=0.2):
// growing, so end_value is a ceiling.
[LearningRate(0.01)]
[Exponential(1.5, DecaySteps = 4, TransitionBegin = 3, Staircase = true, Final = 0.2)]
public partial struct OptaxExponentialCeiling;

// keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=25, decay_rate=0.96) and staircase=True, literally.
[LearningRate(0.1)]
[Exponential(0.96, DecaySteps = 25)]
public partial struct KerasExponentialLiteral;

[LearningRate(0.1)]
[Exponential(0.96, DecaySteps = 25, Staircase = true)]
public partial struct KerasExponentialLiteralStaircase;

// keras.optimizers.schedules.PolynomialDecay(0.1, decay_steps=30, end_learning_rate=0.001, power=0.5, cycle=True)
[LearningRate(0.1)]
[Polynomial(30, Power = 0.5, Final = 0.001, Cycle = true)]
public partial struct KerasPolynomialCycle;

// optax.cosine_onecycle_schedule(100, 0.1) and linear_onecycle_schedule(100, 0.1, pct_start=0.25, pct_final=0.8,
// div_factor=10, final_div_factor=100), by the Optax convention of [OneCycle].
[LearningRate(0.1)]
[OneCycle(100, Convention = PeerConvention.Optax)]
public partial struct OptaxCosineOneCycleConvention;

[LearningRate(0.1)]
[OneCycle(100, Convention = PeerConvention.Optax, Anneal = AnnealStrategy.Linear, PctStart = 0.25, PctFinal = 0.8, DivFactor = 10, FinalDivFactor = 100)]
public partial struct OptaxLinearOneCycleConvention;

// optax.warmup_cosine_decay_schedule(init_value=0.2, peak_value=0.1, warmup_steps=10, decay_steps=60, end_value=0.001,
// exponent=2): a warmup from above the peak, then the cosine with its exponent.
[LearningRate(0.1)]
[Warmup(10, StartFactor = 2)]
[Cosine(50, Final = 0.001, Exponent = 2)]
public partial struct OptaxWarmupFromAboveExponent;

// torch SequentialLR(opt(lr=0.5), [CosineAnnealingLR(T_max=40), CyclicLR(base_lr=0.01, max_lr=0.2, step_size_up=10)],
// milestones=[40]): the cyclic scheduler has its own max_lr.
[LearningRate(0.5)]
[Cosine(40)]
[Cyclic(10, 0.01, Rate = 0.2, CycleMomentum = false)]
public partial struct PyTorchSequentialOwnRates;

// timm CosineLRScheduler(opt(lr=0.1), t_initial=100, lr_min=0.001, warmup_t=10, warmup_lr_init=0.01) with its default
// warmup_prefix=False: the cosine keeps counting under the warmup.
[LearningRate(0.1)]
[Warmup(10, StartFactor = 0.1)]
[Cosine(100, Final = 0.001, LocalStart = 10)]
public partial struct TimmCosineWarmupNoPrefix;

// optax.sgdr_schedule([dict(init_value=0.01, peak_value=0.1, warmup_steps=5, decay_steps=50, end_value=0.001),
//                      dict(init_value=0.005, peak_value=0.05, warmup_steps=5, decay_steps=30, end_value=0.0005, exponent=2)]):
// join_schedules of two warmup-cosines at the cumulative decay_steps, each cycle at its own peak.
[LearningRate(0.1)]
[Warmup(5, StartFactor = 0.1)]
[Cosine(45, Final = 0.001)]
[Warmup(5, StartFactor = 0.1, Rate = 0.05)]
[Cosine(25, Final = 0.0005, Exponent = 2, Rate = 0.05)]
public partial struct OptaxSgdr;

// timm CosineLRScheduler(opt(lr=0.1), t_initial=100, lr_min=0, noise_range_t=(20, 70), noise_pct=0.67, noise_seed=7):
// the cosine times 1 + n(t) at steps 20–69, n drawn with seed 7 + t.
[LearningRate(0.1)]
[Cosine(100)]
[Noise(Start = 20, Steps = 50, Seed = 7)]
public partial struct TimmCosineWithNoise;
