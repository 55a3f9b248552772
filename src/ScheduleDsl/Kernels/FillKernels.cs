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
}
