using System;
using System.Runtime.CompilerServices;

namespace ScheduleDsl.Formulas;

/// <summary>Decays proportional to an inverse power of the step: Noam, inverse square root, inverse time, scikit-learn.</summary>
public static class InverseDecay
{
    /// <summary>
    /// Noam ("Attention is all you need"): peak·(c·min(s^−½, s·W^−1.5)) with s = t + 1 and c = scale·d_model^−½
    /// folded by the generator, as the Annotated Transformer's <c>rate()</c> under <c>LambdaLR</c>.
    /// </summary>
    /// <param name="t">The local step.</param>
    /// <param name="peak">The base rate the factor multiplies.</param>
    /// <param name="coefficient">scale·d_model^−½.</param>
    /// <param name="warmupPower">W^−1.5.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Noam(double t, double peak, double coefficient, double warmupPower)
    {
        double s = t + 1;
        return peak * (coefficient * Math.Min(Math.Pow(s, -0.5), s * warmupPower));
    }

    /// <summary>Hugging Face <c>inverse_sqrt</c> after its warmup: peak·1/√((t + τ)/τ), the peak at t = 0.</summary>
    /// <param name="t">The local step.</param>
    /// <param name="peak">The rate at t = 0.</param>
    /// <param name="timescale">τ.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sqrt(double t, double peak, double timescale) => peak * (1.0 / Math.Sqrt((t + timescale) / timescale));

    /// <summary>
    /// Keras <c>InverseTimeDecay</c>: peak/(1 + rate·p) with p = t/D (⌊t/D⌋ when staircase). scikit-learn's
    /// "optimal" schedule η₀/(1 + η₀·α·t) is the case D = 1, rate = η₀·α.
    /// </summary>
    /// <param name="t">The local step.</param>
    /// <param name="peak">The rate at t = 0.</param>
    /// <param name="rate">The decay rate per <paramref name="decaySteps"/>.</param>
    /// <param name="decaySteps">D.</param>
    /// <param name="staircase">Whether p is floored.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Time(double t, double peak, double rate, double decaySteps, bool staircase)
    {
        double p = t / decaySteps;
        if (staircase)
        {
            p = Math.Floor(p);
        }

        return peak / (1 + (rate * p));
    }

    /// <summary>scikit-learn <c>invscaling</c>: η₀/t^power with the sample counter t starting at 1, so peak/(t + 1)^power.</summary>
    /// <param name="t">The local step.</param>
    /// <param name="peak">The rate at t = 0.</param>
    /// <param name="power">The exponent (sklearn <c>power_t</c>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Scaling(double t, double peak, double power) => peak / Math.Pow(t + 1, power);
}
