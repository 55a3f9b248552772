using System;

namespace ScheduleDsl;

/// <summary>
/// One-cycle policy (Smith and Topin 2018) over <see cref="TotalSteps"/> steps, PyTorch <c>OneCycleLR</c>: from
/// peak/<see cref="DivFactor"/> up to the peak (the declared learning rate, PyTorch's <c>max_lr</c>) by the end of the
/// first <see cref="PctStart"/> of the steps, then down to peak/(DivFactor·FinalDivFactor); with
/// <see cref="ThreePhase"/>, back down to the start value before the final descent. Momentum cycles inversely
/// (<see cref="CycleMomentum"/>). Past the last step the minimum rate is held (PyTorch raises, and at its total
/// extrapolates — to a negative rate for linear annealing).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class OneCycleAttribute : PhaseAttribute
{
    /// <summary>Declares a one-cycle phase of <paramref name="totalSteps"/> steps.</summary>
    /// <param name="totalSteps">The number of updates in the cycle (PyTorch <c>total_steps</c>).</param>
    public OneCycleAttribute(long totalSteps) => TotalSteps = totalSteps;

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="totalSteps">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    public OneCycleAttribute(string totalSteps) => TotalStepsText = totalSteps;

    /// <summary>The number of updates in the cycle.</summary>
    public long TotalSteps { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="TotalSteps"/> is then 0); null when it is given in steps.</summary>
    public string? TotalStepsText { get; }

    /// <summary>The fraction of the steps spent rising. Default 0.3.</summary>
    public double PctStart { get; set; } = 0.3;

    /// <summary>Cosine (default) or linear annealing.</summary>
    public AnnealStrategy Anneal { get; set; } = AnnealStrategy.Cosine;

    /// <summary>Initial rate = peak/DivFactor. Default 25.</summary>
    public double DivFactor { get; set; } = 25.0;

    /// <summary>Minimum rate = initial rate/FinalDivFactor. Default 10⁴.</summary>
    public double FinalDivFactor { get; set; } = 1e4;

    /// <summary>Use PyTorch's three-phase variant. Default false.</summary>
    public bool ThreePhase { get; set; }

    /// <summary>Cycle the momentum (or Adam's β₁) inversely to the rate; the type then implements <see cref="IMomentumSchedule"/>. Default true, as in PyTorch.</summary>
    public bool CycleMomentum { get; set; } = true;

    /// <summary>The momentum at the peak rate. Default 0.85.</summary>
    public double BaseMomentum { get; set; } = 0.85;

    /// <summary>The momentum at the start and end. Default 0.95.</summary>
    public double MaxMomentum { get; set; } = 0.95;

    /// <summary>
    /// <see cref="PeerConvention.PyTorch"/> (the default) or <see cref="PeerConvention.Optax"/>: Optax's
    /// <c>cosine_onecycle_schedule</c> (cosine <see cref="Anneal"/>) or <c>linear_onecycle_schedule</c> (linear), which
    /// interpolate through fixed points — (0, peak/d), (⌊PctStart·T⌋, peak), for the linear one (⌊PctFinal·T⌋, peak/d),
    /// and (T, peak/(d·f)) — with no "− 1" in the boundaries, no three-phase variant and no momentum co-schedule.
    /// </summary>
    public PeerConvention Convention { get; set; }

    /// <summary>Optax <c>linear_onecycle_schedule</c>'s <c>pct_final</c>: where the descent back to peak/d ends. Only with <see cref="PeerConvention.Optax"/> and linear annealing. Default 0.85.</summary>
    public double PctFinal { get; set; } = 0.85;
}

/// <summary>
/// Cyclical learning rate (Smith 2017), PyTorch <c>CyclicLR</c>: triangles between <see cref="MinRate"/> (PyTorch's
/// <c>base_lr</c>) and the declared learning rate (<c>max_lr</c>), <see cref="StepsUp"/> rising and
/// <see cref="StepsDown"/> falling. It cycles for ever unless <see cref="Steps"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class CyclicAttribute : PhaseAttribute
{
    /// <summary>Declares a cyclic phase.</summary>
    /// <param name="stepsUp">Steps from the minimum to the top (PyTorch <c>step_size_up</c>).</param>
    /// <param name="minRate">The rate at the bottom of each cycle (PyTorch <c>base_lr</c>).</param>
    public CyclicAttribute(long stepsUp, double minRate)
    {
        StepsUp = stepsUp;
        MinRate = minRate;
    }

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="stepsUp">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    /// <param name="minRate">The rate at the bottom of each cycle (PyTorch <c>base_lr</c>).</param>
    public CyclicAttribute(string stepsUp, double minRate)
    {
        StepsUpText = stepsUp;
        MinRate = minRate;
    }

    /// <summary>Steps from the minimum to the top.</summary>
    public long StepsUp { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="StepsUp"/> is then 0); null when it is given in steps.</summary>
    public string? StepsUpText { get; }

    /// <summary>The rate at the bottom of each cycle.</summary>
    public double MinRate { get; }

    /// <summary>Steps from the top back to the minimum; when not set, equal to <see cref="StepsUp"/>.</summary>
    public long StepsDown { get; set; }

    /// <summary>How the height changes from cycle to cycle. Default <see cref="CyclicMode.Triangular"/>.</summary>
    public CyclicMode Mode { get; set; }

    /// <summary>The per-step factor of <see cref="CyclicMode.ExpRange"/>. Default 1.</summary>
    public double Gamma { get; set; } = 1.0;

    /// <summary>Cycle the momentum inversely to the rate (<see cref="IMomentumSchedule"/>). Default true, as in PyTorch.</summary>
    public bool CycleMomentum { get; set; } = true;

    /// <summary>The momentum at the top rate. Default 0.8.</summary>
    public double BaseMomentum { get; set; } = 0.8;

    /// <summary>The momentum at the minimum rate. Default 0.9.</summary>
    public double MaxMomentum { get; set; } = 0.9;

    /// <summary>The phase length in steps. When not set the phase cycles for ever.</summary>
    public long Steps { get; set; }
}

/// <summary>
/// Cosine annealing with warm restarts (SGDR), PyTorch <c>CosineAnnealingWarmRestarts</c>: cycles of
/// <see cref="FirstCycle"/>·Multiplier^i steps, each a cosine from peak·Decay^i to <see cref="Final"/>. As in PyTorch
/// the cycle's last step is one step short of <see cref="Final"/>. Unbounded unless <see cref="Steps"/> or
/// <see cref="CycleLimit"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class CosineRestartsAttribute : PhaseAttribute
{
    /// <summary>Declares a warm-restarts phase.</summary>
    /// <param name="firstCycle">The first cycle's length (PyTorch <c>T_0</c>).</param>
    public CosineRestartsAttribute(long firstCycle) => FirstCycle = firstCycle;

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="firstCycle">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    public CosineRestartsAttribute(string firstCycle) => FirstCycleText = firstCycle;

    /// <summary>The first cycle's length.</summary>
    public long FirstCycle { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="FirstCycle"/> is then 0); null when it is given in steps.</summary>
    public string? FirstCycleText { get; }

    /// <summary>Each cycle's length relative to the previous one (PyTorch's integer <c>T_mult</c>, timm's fractional <c>cycle_mul</c>). Default 1.</summary>
    public double Multiplier { get; set; } = 1.0;

    /// <summary>The rate each cycle falls towards (PyTorch <c>eta_min</c>). Default 0.</summary>
    public double Final { get; set; }

    /// <summary>
    /// The factor applied to the peak at each restart (timm <c>cycle_decay</c>): cycle i falls from peak·Decay^i. With
    /// <see cref="Convention"/> = <see cref="PeerConvention.Keras"/> it is Keras's <c>m_mul</c>, which scales only the
    /// part above <see cref="Final"/>: cycle i falls from Final + (peak − Final)·Decay^i. Default 1.
    /// </summary>
    public double Decay { get; set; } = 1.0;

    /// <summary>
    /// How <see cref="Decay"/> applies when <see cref="Final"/> is not 0: <see cref="PeerConvention.Timm"/> (the
    /// default, also PyTorch's, which has no decay) scales the whole peak, <see cref="PeerConvention.Keras"/>
    /// (<c>CosineDecayRestarts(m_mul, alpha)</c>) only the part above Final.
    /// </summary>
    public PeerConvention Convention { get; set; }

    /// <summary>The number of cycles after which the rate stays at <see cref="Final"/> (timm <c>cycle_limit</c>); 0 for none.</summary>
    public long CycleLimit { get; set; }

    /// <summary>The phase length in steps. When not set (and no cycle limit) the phase is unbounded.</summary>
    public long Steps { get; set; }
}

/// <summary>
/// The Transformer ("Noam") schedule: peak·scale·d^−½·min((t + 1)^−½, (t + 1)·W^−1.5) — a linear rise for
/// <see cref="WarmupSteps"/> steps, then an inverse square root decay. Unbounded unless <see cref="Steps"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class NoamAttribute : PhaseAttribute
{
    /// <summary>Declares a Noam phase.</summary>
    /// <param name="warmupSteps">W.</param>
    /// <param name="modelSize">d_model.</param>
    public NoamAttribute(long warmupSteps, int modelSize)
    {
        WarmupSteps = warmupSteps;
        ModelSize = modelSize;
    }

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="warmupSteps">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    /// <param name="modelSize">d_model.</param>
    public NoamAttribute(string warmupSteps, int modelSize)
    {
        WarmupStepsText = warmupSteps;
        ModelSize = modelSize;
    }

    /// <summary>W.</summary>
    public long WarmupSteps { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="WarmupSteps"/> is then 0); null when it is given in steps.</summary>
    public string? WarmupStepsText { get; }

    /// <summary>d_model.</summary>
    public int ModelSize { get; }

    /// <summary>A constant factor. Default 1.</summary>
    public double Scale { get; set; } = 1.0;

    /// <summary>The phase length in steps. When not set the phase is unbounded.</summary>
    public long Steps { get; set; }
}

/// <summary>
/// Inverse square-root decay, Hugging Face <c>inverse_sqrt</c> after its warmup: peak/√((t + τ)/τ). Unbounded unless
/// <see cref="Steps"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class InverseSqrtAttribute : PhaseAttribute
{
    /// <summary>Declares an inverse square-root phase.</summary>
    /// <param name="timescale">τ, the steps over which the rate falls to 1/√2 of the peak.</param>
    public InverseSqrtAttribute(long timescale) => Timescale = timescale;

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="timescale">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    public InverseSqrtAttribute(string timescale) => TimescaleText = timescale;

    /// <summary>τ.</summary>
    public long Timescale { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="Timescale"/> is then 0); null when it is given in steps.</summary>
    public string? TimescaleText { get; }

    /// <summary>The phase length in steps. When not set the phase is unbounded.</summary>
    public long Steps { get; set; }
}

/// <summary>
/// Inverse time decay, Keras <c>InverseTimeDecay</c>: peak/(1 + rate·t/D), with ⌊t/D⌋ when <see cref="Staircase"/>.
/// Unbounded unless <see cref="Steps"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class InverseTimeAttribute : PhaseAttribute
{
    /// <summary>Declares an inverse time phase.</summary>
    /// <param name="decaySteps">D.</param>
    /// <param name="decayRate">The rate per D steps.</param>
    public InverseTimeAttribute(long decaySteps, double decayRate)
    {
        DecaySteps = decaySteps;
        DecayRate = decayRate;
    }

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="decaySteps">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    /// <param name="decayRate">The rate per D steps.</param>
    public InverseTimeAttribute(string decaySteps, double decayRate)
    {
        DecayStepsText = decaySteps;
        DecayRate = decayRate;
    }

    /// <summary>D.</summary>
    public long DecaySteps { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="DecaySteps"/> is then 0); null when it is given in steps.</summary>
    public string? DecayStepsText { get; }

    /// <summary>The rate per D steps.</summary>
    public double DecayRate { get; }

    /// <summary>Decay in whole multiples of D. Default false.</summary>
    public bool Staircase { get; set; }

    /// <summary>The phase length in steps. When not set the phase is unbounded.</summary>
    public long Steps { get; set; }
}

/// <summary>
/// scikit-learn's "optimal" schedule (Bottou): η = 1/(α·(t₀ + t)) with t₀ = 1/(η₀·α) so that the first step gets the
/// declared rate η₀ — that is, η₀/(1 + η₀·α·t). Unbounded unless <see cref="Steps"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class OptimalAttribute : PhaseAttribute
{
    /// <summary>Declares an "optimal" phase.</summary>
    /// <param name="alpha">The regularisation strength α.</param>
    public OptimalAttribute(double alpha) => Alpha = alpha;

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>The phase length in steps. When not set the phase is unbounded.</summary>
    public long Steps { get; set; }
}

/// <summary>
/// scikit-learn's <c>invscaling</c>: η₀/t^power with the counter t starting at 1, i.e. peak/(t + 1)^power at local
/// step t. Unbounded unless <see cref="Steps"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class InverseScalingAttribute : PhaseAttribute
{
    /// <summary>Declares an inverse scaling phase.</summary>
    /// <param name="power">sklearn's <c>power_t</c> (0.5 for SGDClassifier, 0.25 for SGDRegressor).</param>
    public InverseScalingAttribute(double power) => Power = power;

    /// <summary>The exponent.</summary>
    public double Power { get; }

    /// <summary>The phase length in steps. When not set the phase is unbounded.</summary>
    public long Steps { get; set; }
}

/// <summary>
/// A decay from the peak to <see cref="Final"/> over <see cref="Steps"/> steps with a chosen shape — the "D" of
/// Hugging Face's warmup-stable-decay: linear 1 − p, cosine ½(1 + cos πp), or 1 − √p.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class DecayAttribute : PhaseAttribute
{
    /// <summary>Declares a decay phase.</summary>
    /// <param name="steps">D.</param>
    public DecayAttribute(long steps) => Steps = steps;

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="steps">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    public DecayAttribute(string steps) => StepsText = steps;

    /// <summary>D.</summary>
    public long Steps { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="Steps"/> is then 0); null when it is given in steps.</summary>
    public string? StepsText { get; }

    /// <summary>The curve. Default <see cref="CurveShape.Linear"/>.</summary>
    public CurveShape Shape { get; set; }

    /// <summary>The absolute rate reached at step D (HF min_lr_ratio·peak). Default 0.</summary>
    public double Final { get; set; }
}

/// <summary>
/// timm's <c>TanhLRScheduler</c>: final + ½(peak − final)(1 − tanh(lower·(1 − r) + upper·r)), r = t/T; holds
/// <see cref="Final"/> after T steps, as timm does.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class TanhAttribute : PhaseAttribute
{
    /// <summary>Declares a tanh phase.</summary>
    /// <param name="steps">T.</param>
    public TanhAttribute(long steps) => Steps = steps;

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="steps">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    public TanhAttribute(string steps) => StepsText = steps;

    /// <summary>T.</summary>
    public long Steps { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="Steps"/> is then 0); null when it is given in steps.</summary>
    public string? StepsText { get; }

    /// <summary>timm's lb. Default −7.</summary>
    public double Lower { get; set; } = -7.0;

    /// <summary>timm's ub. Default 3.</summary>
    public double Upper { get; set; } = 3.0;

    /// <summary>The lower rate (timm lr_min). Default 0.</summary>
    public double Final { get; set; }
}

/// <summary>
/// Stochastic Weight Averaging's annealing, PyTorch <c>SWALR</c>: from the rate in force when the phase begins
/// (the previous phase's final value, or the peak) to <see cref="SwaRate"/> over <see cref="Steps"/> steps, then held.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class SwaAnnealAttribute : PhaseAttribute
{
    /// <summary>Declares an SWA annealing phase.</summary>
    /// <param name="steps">PyTorch <c>anneal_epochs</c>.</param>
    /// <param name="swaRate">PyTorch <c>swa_lr</c>.</param>
    public SwaAnnealAttribute(long steps, double swaRate)
    {
        Steps = steps;
        SwaRate = swaRate;
    }

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="steps">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    /// <param name="swaRate">PyTorch <c>swa_lr</c>.</param>
    public SwaAnnealAttribute(string steps, double swaRate)
    {
        StepsText = steps;
        SwaRate = swaRate;
    }

    /// <summary>The annealing length.</summary>
    public long Steps { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="Steps"/> is then 0); null when it is given in steps.</summary>
    public string? StepsText { get; }

    /// <summary>The SWA rate.</summary>
    public double SwaRate { get; }

    /// <summary>Cosine (default) or linear.</summary>
    public AnnealStrategy Anneal { get; set; } = AnnealStrategy.Cosine;
}

/// <summary>
/// Piecewise-constant factors of the peak: factors[0] before boundaries[0], factors[i] from boundaries[i − 1], the last
/// after the last boundary. A boundary step takes the new value (PyTorch MultiStepLR, Optax); set
/// <see cref="ChangeAfterBoundary"/> for Keras <c>PiecewiseConstantDecay</c>, where it keeps the old one. Unbounded.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class PiecewiseAttribute : PhaseAttribute
{
    /// <summary>Declares a piecewise-constant phase.</summary>
    /// <param name="factors">One more factor than boundaries, each in [0, 1].</param>
    /// <param name="boundaries">Increasing local steps.</param>
    public PiecewiseAttribute(double[] factors, params long[] boundaries)
    {
        Factors = factors ?? Array.Empty<double>();
        Boundaries = boundaries ?? Array.Empty<long>();
    }

    /// <summary>The factors.</summary>
    public double[] Factors { get; }

    /// <summary>The boundaries.</summary>
    public long[] Boundaries { get; }

    /// <summary>Keras's convention: the value changes one step after each boundary. Default false.</summary>
    public bool ChangeAfterBoundary { get; set; }
}

/// <summary>
/// Interpolation between factors of the peak at given local steps, Optax <c>piecewise_interpolate_schedule</c>:
/// factors[0] up to boundaries[0], then linear or cosine interpolation between consecutive points, the last factor
/// after the last boundary. Unbounded.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class InterpolateAttribute : PhaseAttribute
{
    /// <summary>Declares an interpolation phase.</summary>
    /// <param name="factors">One factor per boundary, each in [0, 1].</param>
    /// <param name="boundaries">Increasing local steps.</param>
    public InterpolateAttribute(double[] factors, params long[] boundaries)
    {
        Factors = factors ?? Array.Empty<double>();
        Boundaries = boundaries ?? Array.Empty<long>();
    }

    /// <summary>The factors.</summary>
    public double[] Factors { get; }

    /// <summary>The boundaries.</summary>
    public long[] Boundaries { get; }

    /// <summary>Linear (default) or cosine interpolation.</summary>
    public AnnealStrategy Anneal { get; set; } = AnnealStrategy.Linear;
}

/// <summary>
/// timm's learning-rate noise (<c>noise_range_t</c>, <c>noise_type</c>, <c>noise_pct</c>, <c>noise_seed</c>): the
/// rate of the rest of the schedule times 1 + n, n drawn afresh at every step from a generator seeded with
/// <see cref="Seed"/> + step — a standard normal redrawn until |n| &lt; <see cref="Pct"/>, or a uniform in ±Pct. It always
/// multiplies (like <c>Multiply = true</c>): from step 0, or <see cref="PhaseAttribute.Start"/> (timm's
/// <c>noise_range_t = a</c>), for <see cref="Steps"/> steps (<c>noise_range_t = (a, b)</c>: Steps = b − a) or for ever.
/// The draws are a pure function of the step and the seed; their distribution and rule are timm's, their bits are not
/// torch's (timm seeds <c>torch.Generator</c>; ours is a counter-based generator).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class NoiseAttribute : PhaseAttribute
{
    /// <summary>The bound on |n| (timm <c>noise_pct</c>), in (0, 1); at least 0.05 for normal noise. Default 0.67.</summary>
    public double Pct { get; set; } = 0.67;

    /// <summary>The seed (timm <c>noise_seed</c>). Default 42.</summary>
    public long Seed { get; set; } = 42;

    /// <summary>Uniform noise in (−Pct, Pct) (timm <c>noise_type='uniform'</c>) instead of the truncated normal. Default false.</summary>
    public bool Uniform { get; set; }

    /// <summary>The steps the noise lasts; when not set, for ever.</summary>
    public long Steps { get; set; }
}
