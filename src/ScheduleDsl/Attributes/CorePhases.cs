using System;

namespace ScheduleDsl;

/// <summary>
/// Linear warmup over <see cref="Steps"/> steps, from <see cref="StartFactor"/>·peak at local step 0 towards
/// the peak, which the step after the warmup reaches: rate(t) = peak·(s + (1 − s)·t/W).
/// PyTorch: <c>LinearLR(start_factor=s, end_factor=1, total_iters=W)</c>.
/// </summary>
/// <remarks>
/// The default start factor is 1/(W + 1), so update t gets peak·(t + 1)/(W + 1): the first update is never
/// wasted on a rate of exactly 0 (as Hugging Face's warmup does) and every step adds the same increment.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class WarmupAttribute : PhaseAttribute
{
    /// <summary>Declares a linear warmup of <paramref name="steps"/> steps.</summary>
    /// <param name="steps">The warmup length W, positive.</param>
    public WarmupAttribute(long steps)
    {
        Steps = steps;
        StartFactor = 1.0 / (steps + 1.0);
    }

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="steps">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    public WarmupAttribute(string steps)
    {
        StepsText = steps;
        StartFactor = double.NaN;
    }

    /// <summary>The warmup length W in steps.</summary>
    public long Steps { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="Steps"/> is then 0); null when it is given in steps.</summary>
    public string? StepsText { get; }

    /// <summary>The fraction of the peak used at local step 0, in [0, 1]. Default 1/(W + 1); NaN (not yet known) when the length
    /// is a string, until the schedule is bound and W is known.</summary>
    public double StartFactor { get; set; }

    /// <summary>
    /// The warmup curve w(p), p = t/W: <see cref="CurveShape.Linear"/> (default), <see cref="CurveShape.Cosine"/>
    /// ½(1 − cos πp) or <see cref="CurveShape.OneMinusSqrt"/> 1 − √(1 − p) (Hugging Face's warmup-stable-decay shapes);
    /// rate = peak·(s + (1 − s)·w(p)).
    /// </summary>
    public CurveShape Shape { get; set; }
}

/// <summary>
/// A constant fraction of the peak for <see cref="Steps"/> steps: rate(t) = peak·factor. Held past its end it
/// returns the peak, as PyTorch's <c>ConstantLR(factor, total_iters)</c> does after <c>total_iters</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class ConstantAttribute : PhaseAttribute
{
    /// <summary>Declares a constant phase of <paramref name="steps"/> steps.</summary>
    /// <param name="steps">The phase length, positive.</param>
    public ConstantAttribute(long steps) => Steps = steps;

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="steps">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    public ConstantAttribute(string steps) => StepsText = steps;

    /// <summary>The phase length in steps.</summary>
    public long Steps { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="Steps"/> is then 0); null when it is given in steps.</summary>
    public string? StepsText { get; }

    /// <summary>The fraction of the peak used throughout the phase, in [0, 1]. Default 1.</summary>
    public double Factor { get; set; } = 1.0;
}

/// <summary>
/// Linear interpolation of the factor from <see cref="StartFactor"/> to <see cref="EndFactor"/> over
/// <see cref="Steps"/> steps: rate(t) = peak·(s + (e − s)·t/T); held at peak·e past its end.
/// PyTorch: <c>LinearLR(start_factor, end_factor, total_iters)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class LinearAttribute : PhaseAttribute
{
    /// <summary>Declares a linear phase.</summary>
    /// <param name="steps">The phase length T, positive.</param>
    /// <param name="startFactor">The factor at local step 0, finite and non-negative.</param>
    /// <param name="endFactor">The factor reached at local step T, finite and non-negative.</param>
    public LinearAttribute(long steps, double startFactor, double endFactor)
    {
        Steps = steps;
        StartFactor = startFactor;
        EndFactor = endFactor;
    }

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="steps">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    /// <param name="startFactor">The factor at local step 0, finite and non-negative.</param>
    /// <param name="endFactor">The factor reached at local step T, finite and non-negative.</param>
    public LinearAttribute(string steps, double startFactor, double endFactor)
    {
        StepsText = steps;
        StartFactor = startFactor;
        EndFactor = endFactor;
    }

    /// <summary>The phase length T in steps.</summary>
    public long Steps { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="Steps"/> is then 0); null when it is given in steps.</summary>
    public string? StepsText { get; }

    /// <summary>The factor of the peak at local step 0.</summary>
    public double StartFactor { get; }

    /// <summary>The factor of the peak reached at local step T.</summary>
    public double EndFactor { get; }
}

/// <summary>
/// Cosine annealing from the peak to <see cref="Final"/> over <see cref="Steps"/> steps:
/// rate(t) = final + (peak − final)·(1 + cos(π·t/T))/2, which reaches <see cref="Final"/> at local step T.
/// PyTorch: <c>CosineAnnealingLR(T_max=T, eta_min=final)</c>.
/// </summary>
/// <remarks>
/// Past its end the phase holds <see cref="Final"/> (Optax, Keras and timm do the same). PyTorch keeps
/// evaluating the formula, so its rate climbs back to the peak at 2·T; set
/// <c>End = EndBehavior.Periodic</c> on the last phase to get exactly that.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class CosineAttribute : PhaseAttribute
{
    /// <summary>Declares a cosine phase of <paramref name="steps"/> steps.</summary>
    /// <param name="steps">The half-period T, positive.</param>
    public CosineAttribute(long steps) => Steps = steps;

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="steps">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    public CosineAttribute(string steps) => StepsText = steps;

    /// <summary>The phase length (half-period) T in steps.</summary>
    public long Steps { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="Steps"/> is then 0); null when it is given in steps.</summary>
    public string? StepsText { get; }

    /// <summary>The absolute rate reached at local step T (PyTorch's <c>eta_min</c>). Default 0.</summary>
    public double Final { get; set; }

    /// <summary>Optax's <c>exponent</c>: the cosine factor ½(1 + cos) is raised to it. Default 1.</summary>
    public double Exponent { get; set; } = 1.0;

    /// <summary>timm's <c>k_decay</c>: the cosine's argument is π·(t/T)^k. Default 1.</summary>
    public double KDecay { get; set; } = 1.0;
}

/// <summary>
/// Exponential decay: rate(t) = peak·γ^(t/k), γ applied once every <see cref="DecaySteps"/> steps k (default 1, so
/// peak·γ^t). PyTorch: <c>ExponentialLR(gamma)</c>; Keras: <c>ExponentialDecay(decay_steps = k, decay_rate = γ,
/// staircase)</c>; Optax: <c>exponential_decay(transition_steps = k, decay_rate = γ, transition_begin, staircase,
/// end_value)</c>. Unbounded unless <see cref="Steps"/> is set, after which it holds its value at Steps.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class ExponentialAttribute : PhaseAttribute
{
    /// <summary>Declares an exponential phase.</summary>
    /// <param name="gamma">The factor applied per <see cref="DecaySteps"/> steps, in (0, 1] for a decay.</param>
    public ExponentialAttribute(double gamma) => Gamma = gamma;

    /// <summary>The factor applied per <see cref="DecaySteps"/> steps.</summary>
    public double Gamma { get; }

    /// <summary>
    /// k: the steps over which the rate is multiplied by <see cref="Gamma"/>, so rate = peak·γ^(t/k) (Keras
    /// <c>decay_steps</c>, Optax <c>transition_steps</c>). Default 1.
    /// </summary>
    public long DecaySteps { get; set; } = 1;

    /// <summary>Decay in whole multiples of <see cref="DecaySteps"/>: peak·γ^⌊t/k⌋ (Keras and Optax <c>staircase</c>). Default false.</summary>
    public bool Staircase { get; set; }

    /// <summary>
    /// The steps held at the peak before the decay starts, counted in the phase (Optax <c>transition_begin</c>): the
    /// rate is the peak while t ≤ begin and peak·γ^((t − begin)/k) after. Default 0.
    /// </summary>
    public long TransitionBegin { get; set; }

    /// <summary>
    /// The absolute rate at which the decay stops (Optax <c>end_value</c>): a floor when <see cref="Gamma"/> is below 1,
    /// a ceiling when it is above 1 (so a growing phase may then run for ever). Default NaN: no bound.
    /// </summary>
    public double Final { get; set; } = double.NaN;

    /// <summary>The phase length in steps, <see cref="TransitionBegin"/> included. When not set the phase is unbounded.</summary>
    public long Steps { get; set; }
}

/// <summary>
/// Step decay: rate(t) = peak·γ^⌊t/stepSize⌋. PyTorch: <c>StepLR(step_size, gamma)</c>. Unbounded unless
/// <see cref="Steps"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class StepDecayAttribute : PhaseAttribute
{
    /// <summary>Declares a step-decay phase.</summary>
    /// <param name="stepSize">The number of steps between decays, positive.</param>
    /// <param name="gamma">The factor applied at each decay. PyTorch's default is 0.1.</param>
    public StepDecayAttribute(long stepSize, double gamma = 0.1)
    {
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="stepSize">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    /// <param name="gamma">The factor applied at each decay. PyTorch's default is 0.1.</param>
    public StepDecayAttribute(string stepSize, double gamma = 0.1)
    {
        StepSizeText = stepSize;
        Gamma = gamma;
    }

    /// <summary>The number of steps between decays.</summary>
    public long StepSize { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="StepSize"/> is then 0); null when it is given in steps.</summary>
    public string? StepSizeText { get; }

    /// <summary>The factor applied at each decay.</summary>
    public double Gamma { get; }

    /// <summary>The phase length in steps. When not set the phase is unbounded.</summary>
    public long Steps { get; set; }
}

/// <summary>
/// Multi-step decay: rate(t) = peak·γ^(number of milestones ≤ t), with milestones in local steps. A milestone
/// listed twice decays by γ² there. PyTorch: <c>MultiStepLR(milestones, gamma)</c>. Unbounded unless
/// <see cref="Steps"/> is set (it is constant after the last milestone either way).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class MultiStepAttribute : PhaseAttribute
{
    /// <summary>Declares a multi-step phase.</summary>
    /// <param name="gamma">The factor applied at each milestone.</param>
    /// <param name="milestones">The local steps at which the decay applies, non-decreasing and non-negative.</param>
    public MultiStepAttribute(double gamma, params long[] milestones)
    {
        Gamma = gamma;
        Milestones = milestones ?? Array.Empty<long>();
    }

    /// <summary>The factor applied at each milestone.</summary>
    public double Gamma { get; }

    /// <summary>The local steps at which the decay applies.</summary>
    public long[] Milestones { get; }

    /// <summary>The phase length in steps. When not set the phase is unbounded.</summary>
    public long Steps { get; set; }
}

/// <summary>
/// Polynomial decay from the peak to <see cref="Final"/> over <see cref="Steps"/> steps:
/// rate(t) = (peak − final)·(1 − t/T)^power + final; held at <see cref="Final"/> past its end.
/// PyTorch: <c>PolynomialLR(total_iters=T, power)</c> (final 0); Optax <c>polynomial_schedule</c> and Keras
/// <c>PolynomialDecay</c> (with an end value).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class PolynomialAttribute : PhaseAttribute
{
    /// <summary>Declares a polynomial phase of <paramref name="steps"/> steps.</summary>
    /// <param name="steps">The decay length T, positive.</param>
    public PolynomialAttribute(long steps) => Steps = steps;

    /// <summary>Declares the phase with a length that the training run resolves when the schedule is bound.</summary>
    /// <param name="steps">A length string: <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c> or <c>"500 steps"</c> (docs/text-form.md).</param>
    public PolynomialAttribute(string steps) => StepsText = steps;

    /// <summary>The decay length T in steps.</summary>
    public long Steps { get; }

    /// <summary>The length as written when it is a string (<c>"5%"</c>, <c>"2 epochs"</c>, <c>"rest"</c>), which the training run
    /// resolves when the schedule is bound (<see cref="Steps"/> is then 0); null when it is given in steps.</summary>
    public string? StepsText { get; }

    /// <summary>The exponent, finite and positive. Default 1 (linear).</summary>
    public double Power { get; set; } = 1.0;

    /// <summary>The absolute rate reached at local step T. Default 0.</summary>
    public double Final { get; set; }

    /// <summary>
    /// Keras <c>PolynomialDecay(cycle=True)</c>: instead of holding <see cref="Final"/> after T, decay again over
    /// T·⌈t/T⌉ steps, so the rate reaches Final at every multiple of T and jumps back up at the step after. The phase
    /// is then unbounded. Default false.
    /// </summary>
    public bool Cycle { get; set; }
}
