using System;
using System.Collections.Generic;
using System.Linq;

using ScheduleDsl.Text;

namespace ScheduleDsl;

/// <summary>
/// The schedules of Optax (<c>optax/schedules/_schedule.py</c>, <c>_join.py</c>) that the attributes express, as schedule
/// text built from them. An Optax schedule is a function of the update count, which starts at 0 for the first update,
/// as <see cref="IScheduleFunction.At(long)"/> does.
/// </summary>
/// <remarks>
/// The declared peak (<see cref="IScheduleFunction.PeakLearningRate"/>) is the largest value the schedule takes; where
/// Optax calls it <c>init_value</c> and it is the largest, the two agree. Each method says what is not expressible.
/// </remarks>
public static class OptaxSchedules
{
    /// <summary><c>constant_schedule(value)</c>.</summary>
    /// <param name="value">The value at every step.</param>
    /// <returns><c>[LearningRate(value)]</c>.</returns>
    public static ScheduleText Constant(double value) => new ScheduleBuilder(value).ToText();

    /// <summary>
    /// <c>polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0)</c>: init for
    /// <c>transition_begin</c> steps, then (init − end)·(1 − c/T)^power + end, then end.
    /// </summary>
    /// <param name="initValue">Optax <c>init_value</c>, at least <paramref name="endValue"/> (a rising polynomial is not expressible).</param>
    /// <param name="endValue">Optax <c>end_value</c>.</param>
    /// <param name="power">Optax <c>power</c>.</param>
    /// <param name="transitionSteps">Optax <c>transition_steps</c>; 0 or less gives the constant <c>init_value</c>, as in Optax.</param>
    /// <param name="transitionBegin">Optax <c>transition_begin</c>; a negative one counts as 0, as in Optax.</param>
    /// <returns><c>[LearningRate(init)] [Constant(B)] [Polynomial(T, Power = power, Final = end)]</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="endValue"/> is above <paramref name="initValue"/>.</exception>
    public static ScheduleText Polynomial(double initValue, double endValue, double power, long transitionSteps, long transitionBegin = 0)
    {
        if (transitionSteps <= 0)
        {
            return Constant(initValue);
        }

        if (endValue > initValue)
        {
            throw new ArgumentException($"end_value ({endValue}) above init_value ({initValue}) is a rising polynomial, which the attributes do not express.", nameof(endValue));
        }

        return Begin(initValue, transitionBegin).Then(new PolynomialAttribute(transitionSteps) { Power = power, Final = endValue }).ToText();
    }

    /// <summary><c>linear_schedule(init_value, end_value, transition_steps, transition_begin=0)</c>: <see cref="Polynomial"/> with power 1.</summary>
    /// <param name="initValue">Optax <c>init_value</c>, at least <paramref name="endValue"/>.</param>
    /// <param name="endValue">Optax <c>end_value</c>.</param>
    /// <param name="transitionSteps">Optax <c>transition_steps</c>.</param>
    /// <param name="transitionBegin">Optax <c>transition_begin</c>.</param>
    /// <returns>The schedule's text.</returns>
    /// <exception cref="ArgumentException"><paramref name="endValue"/> is above <paramref name="initValue"/>.</exception>
    public static ScheduleText Linear(double initValue, double endValue, long transitionSteps, long transitionBegin = 0)
        => Polynomial(initValue, endValue, 1.0, transitionSteps, transitionBegin);

    /// <summary>
    /// <c>cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0)</c>:
    /// init·((1 − α)·(½(1 + cos(π·c/T)))^exponent + α) with c = min(count, T), so α·init from T on.
    /// </summary>
    /// <param name="initValue">Optax <c>init_value</c>.</param>
    /// <param name="decaySteps">Optax <c>decay_steps</c>, positive (Optax raises otherwise).</param>
    /// <param name="alpha">Optax <c>alpha</c>: the final value as a fraction of <c>init_value</c>.</param>
    /// <param name="exponent">Optax <c>exponent</c>.</param>
    /// <returns><c>[LearningRate(init)] [Cosine(T, Final = α·init, Exponent = exponent)]</c>.</returns>
    public static ScheduleText CosineDecay(double initValue, long decaySteps, double alpha = 0.0, double exponent = 1.0)
        => new ScheduleBuilder(initValue).Then(new CosineAttribute(decaySteps) { Final = alpha * initValue, Exponent = exponent }).ToText();

    /// <summary>
    /// <c>warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps, end_value=0.0, exponent=1.0)</c>:
    /// linear from init to peak over the warmup, then a cosine from peak to end; Optax's <c>decay_steps</c> counts the
    /// warmup, so the cosine lasts <c>decay_steps − warmup_steps</c>.
    /// </summary>
    /// <param name="initValue">Optax <c>init_value</c>, in [0, peak] (a warmup from above the peak is not a warmup; write it with <c>[Linear]</c>).</param>
    /// <param name="peakValue">Optax <c>peak_value</c>.</param>
    /// <param name="warmupSteps">Optax <c>warmup_steps</c>; 0 for none.</param>
    /// <param name="decaySteps">Optax <c>decay_steps</c>, more than the warmup (Optax raises when equal).</param>
    /// <param name="endValue">Optax <c>end_value</c>.</param>
    /// <param name="exponent">Optax <c>exponent</c>.</param>
    /// <returns><c>[LearningRate(peak)] [Warmup(W, StartFactor = init/peak)] [Cosine(D − W, Final = end, Exponent = exponent)]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The warmup is negative or <paramref name="decaySteps"/> is not more than it.</exception>
    /// <exception cref="ArgumentException"><paramref name="initValue"/> is above <paramref name="peakValue"/>.</exception>
    public static ScheduleText WarmupCosineDecay(double initValue, double peakValue, long warmupSteps, long decaySteps, double endValue = 0.0, double exponent = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(decaySteps, warmupSteps);
        var cosine = new CosineAttribute(decaySteps - warmupSteps) { Final = endValue, Exponent = exponent };
        return Warmup(initValue, peakValue, warmupSteps).Then(cosine).ToText();
    }

    /// <summary>
    /// <c>warmup_constant_schedule(init_value, peak_value, warmup_steps)</c>: linear from init to peak over the warmup,
    /// then the peak.
    /// </summary>
    /// <param name="initValue">Optax <c>init_value</c>, in [0, peak].</param>
    /// <param name="peakValue">Optax <c>peak_value</c>.</param>
    /// <param name="warmupSteps">Optax <c>warmup_steps</c>; 0 for none.</param>
    /// <returns><c>[LearningRate(peak)] [Warmup(W, StartFactor = init/peak)]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The warmup is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="initValue"/> is above <paramref name="peakValue"/>.</exception>
    public static ScheduleText WarmupConstant(double initValue, double peakValue, long warmupSteps)
        => Warmup(initValue, peakValue, warmupSteps).ToText();

    /// <summary>
    /// <c>exponential_decay(init_value, transition_steps, decay_rate, transition_begin=0, staircase=False)</c>: init
    /// until <c>transition_begin</c>, then init·rate^((count − begin)/T), with the exponent floored when
    /// <paramref name="staircase"/>.
    /// </summary>
    /// <remarks>
    /// The continuous form is written as a per-step factor γ = rate^(1/T) (<c>[Exponential(γ)]</c>), equal to Optax's up to
    /// rounding that grows like count·2⁻⁵³; the staircase is <c>[StepDecay(T, rate)]</c>, the same powers. Optax's
    /// <c>end_value</c> (a clip) is not expressible. As in Optax, <c>transition_steps</c> ≤ 0 or a rate of 0 gives the
    /// constant <c>init_value</c>.
    /// </remarks>
    /// <param name="initValue">Optax <c>init_value</c>.</param>
    /// <param name="transitionSteps">Optax <c>transition_steps</c>.</param>
    /// <param name="decayRate">Optax <c>decay_rate</c>.</param>
    /// <param name="transitionBegin">Optax <c>transition_begin</c>; a negative one counts as 0.</param>
    /// <param name="staircase">Optax <c>staircase</c>.</param>
    /// <returns><c>[LearningRate(init)] [Constant(B)] [Exponential(γ)]</c> or <c>… [StepDecay(T, rate)]</c>.</returns>
    public static ScheduleText ExponentialDecay(double initValue, long transitionSteps, double decayRate, long transitionBegin = 0, bool staircase = false)
    {
        if (transitionSteps <= 0 || decayRate == 0)
        {
            return Constant(initValue);
        }

        PhaseAttribute decay = staircase
            ? new StepDecayAttribute(transitionSteps, decayRate)
            : new ExponentialAttribute(transitionSteps == 1 ? decayRate : Math.Pow(decayRate, 1.0 / transitionSteps));
        return Begin(initValue, transitionBegin).Then(decay).ToText();
    }

    /// <summary>
    /// <c>piecewise_constant_schedule(init_value, boundaries_and_scales)</c>: init·Π scaleᵢ over the boundaries bᵢ ≤ count
    /// (a scale applies at its boundary).
    /// </summary>
    /// <remarks>
    /// Written as <c>[Piecewise]</c> factors of the largest value the schedule takes, which is its declared peak; scales
    /// above 1 are therefore expressible.
    /// </remarks>
    /// <param name="initValue">Optax <c>init_value</c>, positive.</param>
    /// <param name="boundariesAndScales">Optax <c>boundaries_and_scales</c>: non-negative steps and non-negative scales.</param>
    /// <returns><c>[LearningRate(max)] [Piecewise(new double[] { … }, b₁, b₂, …)]</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="boundariesAndScales"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A boundary or a scale is negative, or the initial value is not positive.</exception>
    public static ScheduleText PiecewiseConstant(double initValue, IReadOnlyDictionary<long, double> boundariesAndScales)
    {
        ArgumentNullException.ThrowIfNull(boundariesAndScales);
        if (!(initValue > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(initValue), initValue, "init_value must be positive to be a schedule's peak.");
        }

        KeyValuePair<long, double>[] sorted = boundariesAndScales.OrderBy(p => p.Key).ToArray();
        if (sorted.Length == 0)
        {
            return Constant(initValue);
        }

        var values = new double[sorted.Length + 1];
        values[0] = initValue;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Key < 0 || !(sorted[i].Value >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(boundariesAndScales), $"Boundary {sorted[i].Key} with scale {sorted[i].Value}: boundaries and scales must be non-negative.");
            }

            values[i + 1] = values[i] * sorted[i].Value;
        }

        double peak = values.Max();
        var piecewise = new PiecewiseAttribute(values.Select(v => v == peak ? 1.0 : v / peak).ToArray(), sorted.Select(p => p.Key).ToArray());
        return new ScheduleBuilder(peak).Then(piecewise).ToText();
    }

    private static ScheduleBuilder Begin(double initValue, long transitionBegin)
    {
        var builder = new ScheduleBuilder(initValue);
        return transitionBegin > 0 ? builder.Then(new ConstantAttribute(transitionBegin)) : builder;
    }

    private static ScheduleBuilder Warmup(double initValue, double peakValue, long warmupSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        if (initValue > peakValue)
        {
            throw new ArgumentException($"init_value ({initValue}) above peak_value ({peakValue}) is a decay, not a warmup; write it with [Linear].", nameof(initValue));
        }

        var builder = new ScheduleBuilder(peakValue);
        return warmupSteps == 0 ? builder : builder.Then(new WarmupAttribute(warmupSteps) { StartFactor = initValue / peakValue });
    }
}
