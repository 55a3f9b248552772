using System;
using System.Runtime.CompilerServices;

namespace ScheduleDsl.Formulas;

/// <summary>Warmup and decay shapes from Hugging Face's warmup-stable-decay, timm's tanh and SWA annealing.</summary>
public static class Shapes
{
    /// <summary>A straight line.</summary>
    public const int Linear = 0;

    /// <summary>Half a cosine.</summary>
    public const int Cosine = 1;

    /// <summary>Warmup 1 − √(1 − p), decay 1 − √p (Hägele et al. 2024, HF "1-sqrt").</summary>
    public const int OneMinusSqrt = 2;

    /// <summary>
    /// Warmup from start·peak to peak: peak·(s + (1 − s)·w(p)), p = t/W, with w = p, ½(1 − cos πp) or 1 − √(1 − p).
    /// </summary>
    /// <param name="t">The local step.</param>
    /// <param name="peak">The rate reached at t = W.</param>
    /// <param name="startFactor">s.</param>
    /// <param name="steps">W.</param>
    /// <param name="shape"><see cref="Linear"/>, <see cref="Cosine"/> or <see cref="OneMinusSqrt"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Warmup(double t, double peak, double startFactor, double steps, int shape)
    {
        double p = t / steps;
        double w = shape switch
        {
            Cosine => 0.5 * (1 - Math.Cos(Math.PI * p)),
            OneMinusSqrt => 1 - Math.Sqrt(1 - p),
            _ => p,
        };
        return peak * (startFactor + ((1 - startFactor) * w));
    }

    /// <summary>
    /// Decay from peak to final: final + (peak − final)·d(p), p = t/D, with d = 1 − p, ½(1 + cos πp) or 1 − √p.
    /// </summary>
    /// <param name="t">The local step.</param>
    /// <param name="peak">The rate at t = 0.</param>
    /// <param name="final">The rate at t = D.</param>
    /// <param name="steps">D.</param>
    /// <param name="shape"><see cref="Linear"/>, <see cref="Cosine"/> or <see cref="OneMinusSqrt"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Decay(double t, double peak, double final, double steps, int shape)
    {
        double p = t / steps;
        double d = shape switch
        {
            Cosine => 0.5 * (1 + Math.Cos(Math.PI * p)),
            OneMinusSqrt => 1 - Math.Sqrt(p),
            _ => 1 - p,
        };
        return final + ((peak - final) * d);
    }

    /// <summary>
    /// timm <c>TanhLRScheduler</c>: final + ½(peak − final)(1 − tanh(lower·(1 − r) + upper·r)), r = t/T.
    /// </summary>
    /// <param name="t">The local step.</param>
    /// <param name="peak">The upper rate.</param>
    /// <param name="final">The lower rate.</param>
    /// <param name="steps">T.</param>
    /// <param name="lower">timm's lb (default −7).</param>
    /// <param name="upper">timm's ub (default 3).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double t, double peak, double final, double steps, double lower, double upper)
    {
        double r = t / steps;
        return final + (0.5 * (peak - final) * (1 - Math.Tanh((lower * (1.0 - r)) + (upper * r))));
    }

    /// <summary>
    /// PyTorch <c>SWALR</c>: swa·α + start·(1 − α) with α = (1 − cos(π·t/A))/2 or t/A, from the rate in force when
    /// the phase begins to the SWA rate.
    /// </summary>
    /// <param name="t">The local step, 0 ≤ t ≤ A.</param>
    /// <param name="start">The rate the phase starts from.</param>
    /// <param name="swa">The rate it anneals to.</param>
    /// <param name="steps">A.</param>
    /// <param name="cosine">Cosine (true) or linear (false).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Swa(double t, double start, double swa, double steps, bool cosine)
    {
        double progress = t / steps;
        double alpha = cosine ? (1 - Math.Cos(Math.PI * progress)) / 2 : progress;
        return (swa * alpha) + (start * (1 - alpha));
    }

    /// <summary>
    /// Cosine with Optax's exponent and timm's k-decay: final + (peak − final)·c^e, c = ½(1 + cos(π·(t/T)^k)),
    /// computed as sin²(π/2·(1 − (t/T)^k)) like <see cref="Formulas.Cosine.At"/>.
    /// </summary>
    /// <param name="t">The local step.</param>
    /// <param name="peak">The rate at t = 0.</param>
    /// <param name="final">The rate at t = T.</param>
    /// <param name="steps">T.</param>
    /// <param name="exponent">Optax's exponent e.</param>
    /// <param name="kDecay">timm's k.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ShapedCosine(double t, double peak, double final, double steps, double exponent, double kDecay)
    {
        double u = Math.Pow(t / steps, kDecay);
        double s = Math.Sin(Math.PI / 2 * (1 - u));
        return final + ((peak - final) * Math.Pow(s * s, exponent));
    }
}
