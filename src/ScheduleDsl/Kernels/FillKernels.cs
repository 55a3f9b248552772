using System;
using System.ComponentModel;

namespace ScheduleDsl.Kernels;

/// <summary>
/// The bulk kernels that generated <c>Fill</c> methods call, one per phase kind, with the phase's constants
/// folded in by the generator. Each writes (float)rate(firstStep + i) to destination[i], where
/// <c>firstStep</c> is the phase-local step of the first element. Not intended to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FillKernels
{
    /// <summary>Fills a linear phase; see <see cref="Formulas.Linear.At"/>.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
    /// <param name="peak">The base rate.</param>
    /// <param name="startFactor">The factor at local step 0.</param>
    /// <param name="endFactor">The factor at local step <paramref name="steps"/>.</param>
    /// <param name="steps">The phase length.</param>
    public static void Linear(Span<float> destination, long firstStep, double peak, double startFactor, double endFactor, double steps)
        => RateKernel.Run(destination, firstStep, new LinearOperator(peak, startFactor, endFactor, steps));

    /// <summary>Fills a cosine phase; see <see cref="Formulas.Cosine.At"/>.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
    /// <param name="peak">The rate at local step 0.</param>
    /// <param name="final">The rate at local step <paramref name="steps"/>.</param>
    /// <param name="steps">The half-period.</param>
    public static void Cosine(Span<float> destination, long firstStep, double peak, double final, double steps)
        => RateKernel.Run(destination, firstStep, new CosineOperator(peak, final, steps));

    /// <summary>Fills a periodic cosine phase; see <see cref="Formulas.Cosine.AtPeriodic"/>.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element, non-negative.</param>
    /// <param name="peak">The rate at local step 0.</param>
    /// <param name="final">The rate at local step <paramref name="steps"/>.</param>
    /// <param name="steps">The half-period.</param>
    public static void CosinePeriodic(Span<float> destination, long firstStep, double peak, double final, long steps)
        => RateKernel.Run(destination, firstStep % (2 * steps), new PeriodicCosineOperator(peak, final, steps));

    /// <summary>Fills an exponential phase; see <see cref="Formulas.Exponential.At"/>.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
    /// <param name="peak">The rate at local step 0.</param>
    /// <param name="gamma">The factor per step, positive.</param>
    public static void Exponential(Span<float> destination, long firstStep, double peak, double gamma)
        => RateKernel.Run(destination, firstStep, new ExponentialOperator(peak, gamma));

    /// <summary>Fills a polynomial phase; see <see cref="Formulas.Polynomial.At"/>.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
    /// <param name="peak">The rate at local step 0.</param>
    /// <param name="final">The rate at local step <paramref name="steps"/>.</param>
    /// <param name="power">The exponent, positive.</param>
    /// <param name="steps">The decay length.</param>
    public static void Polynomial(Span<float> destination, long firstStep, double peak, double final, double power, double steps)
        => RateKernel.Run(destination, firstStep, new PolynomialOperator(peak, final, power, steps));

    /// <summary>
    /// Fills a step-decay phase run by run: each run of equal rates is one <see cref="Span{T}.Fill"/> with the
    /// exact scalar value of <see cref="Formulas.StepDecay.At"/>.
    /// </summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element, non-negative.</param>
    /// <param name="peak">The rate at local step 0.</param>
    /// <param name="gamma">The factor per decay.</param>
    /// <param name="stepSize">The steps between decays, positive.</param>
    public static void StepDecay(Span<float> destination, long firstStep, double peak, double gamma, long stepSize)
    {
        long step = firstStep;
        while (!destination.IsEmpty)
        {
            long runLeft = stepSize - step % stepSize;
            int count = runLeft < destination.Length ? (int)runLeft : destination.Length;
            destination.Slice(0, count).Fill((float)Formulas.StepDecay.Decayed(step / stepSize, peak, gamma));
            destination = destination.Slice(count);
            step += count;
        }
    }

    /// <summary>Fills a phase of <see cref="Formulas.Anneal.At"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void Anneal(Span<float> destination, long firstStep, double start, double end, double segmentStart, double segmentEnd, bool cosine)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new AnnealOperator(start, end, segmentStart, segmentEnd, cosine));

    /// <summary>Fills a phase of <see cref="Formulas.Cyclic.At"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void Cyclic(Span<float> destination, long firstStep, double low, double high, double total, double ratio, int mode, double gamma)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new CyclicOperator(low, high, total, ratio, mode, gamma));

    /// <summary>Fills a phase of <see cref="Formulas.Restarts.At"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void Restarts(Span<float> destination, long firstStep, double peak, double final, long firstCycle, double multiplier, double decay, long cycleLimit)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new RestartsOperator(peak, final, firstCycle, multiplier, decay, cycleLimit));

    /// <summary>Fills a phase of <see cref="Formulas.InverseDecay.Noam"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void InverseDecayNoam(Span<float> destination, long firstStep, double peak, double coefficient, double warmupPower)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new NoamOperator(peak, coefficient, warmupPower));

    /// <summary>Fills a phase of <see cref="Formulas.InverseDecay.Sqrt"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void InverseDecaySqrt(Span<float> destination, long firstStep, double peak, double timescale)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new InverseSqrtOperator(peak, timescale));

    /// <summary>Fills a phase of <see cref="Formulas.InverseDecay.Time"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void InverseDecayTime(Span<float> destination, long firstStep, double peak, double rate, double decaySteps, bool staircase)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new InverseTimeOperator(peak, rate, decaySteps, staircase));

    /// <summary>Fills a phase of <see cref="Formulas.InverseDecay.Scaling"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void InverseDecayScaling(Span<float> destination, long firstStep, double peak, double power)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new InverseScalingOperator(peak, power));

    /// <summary>Fills a phase of <see cref="Formulas.Shapes.Warmup"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void ShapesWarmup(Span<float> destination, long firstStep, double peak, double startFactor, double steps, int shape)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new WarmupShapeOperator(peak, startFactor, steps, shape));

    /// <summary>Fills a phase of <see cref="Formulas.Shapes.Decay"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void ShapesDecay(Span<float> destination, long firstStep, double peak, double final, double steps, int shape)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new DecayShapeOperator(peak, final, steps, shape));

    /// <summary>Fills a phase of <see cref="Formulas.Shapes.Tanh"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void ShapesTanh(Span<float> destination, long firstStep, double peak, double final, double steps, double lower, double upper)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new TanhOperator(peak, final, steps, lower, upper));

    /// <summary>Fills a phase of <see cref="Formulas.Shapes.Swa"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void ShapesSwa(Span<float> destination, long firstStep, double start, double swa, double steps, bool cosine)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new SwaOperator(start, swa, steps, cosine));

    /// <summary>Fills a phase of <see cref="Formulas.Shapes.ShapedCosine"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void ShapesShapedCosine(Span<float> destination, long firstStep, double peak, double final, double steps, double exponent, double kDecay)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new ShapedCosineOperator(peak, final, steps, exponent, kDecay));

    /// <summary>Fills a phase of <see cref="Formulas.Exponential.Decay"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void ExponentialDecay(Span<float> destination, long firstStep, double peak, double rate, double decaySteps, double begin, bool staircase, double floor, double ceiling)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new ExponentialDecayOperator(peak, rate, decaySteps, begin, staircase, floor, ceiling));

    /// <summary>Fills a phase of <see cref="Formulas.Polynomial.Cyclic"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void PolynomialCyclic(Span<float> destination, long firstStep, double peak, double final, double power, double steps)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new CyclicPolynomialOperator(peak, final, power, steps));

    /// <summary>Fills a phase of <see cref="Formulas.Noise.Scaled"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void NoiseScaled(Span<float> destination, long firstStep, double peak, long seed, double pct, bool normal)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new NoiseOperator(peak, seed, pct, normal));

    /// <summary>Fills a phase of <see cref="Formulas.Restarts.AboveFinal"/>; the parameters are that formula's, after the step.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
#pragma warning disable CS1573 // The formula's parameters are documented on the formula.
    public static void RestartsAboveFinal(Span<float> destination, long firstStep, double peak, double final, long firstCycle, double multiplier, double decay, long cycleLimit)
#pragma warning restore CS1573
        => RateKernel.Run(destination, firstStep, new RestartsAboveFinalOperator(peak, final, firstCycle, multiplier, decay, cycleLimit));
}
