using System;
using System.Runtime.CompilerServices;

namespace ScheduleDsl.Formulas;

/// <summary>Cosine annealing: PyTorch <c>CosineAnnealingLR</c>.</summary>
public static class Cosine
{
    /// <summary>
    /// final + (peak − final)·s² with s = sin(π·(T − t)/(2T)), which equals PyTorch's (1 + cos(π·t/T))/2 in real
    /// arithmetic. This half-angle form is exactly peak at t = 0 and exactly final at t = T (sin 0 = 0), and it
    /// keeps full relative precision near the minimum, where PyTorch's 1 + cos(π·t/T) cancels.
    /// </summary>
    /// <param name="t">The local step; for t in [0, 2T] the curve falls from peak to final and rises back.</param>
    /// <param name="peak">The rate at t = 0.</param>
    /// <param name="final">The rate at t = T (PyTorch's <c>eta_min</c>).</param>
    /// <param name="steps">The half-period T.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double At(double t, double peak, double final, double steps)
    {
        double s = Math.Sin(Math.PI * (steps - t) / (2.0 * steps));
        return final + (peak - final) * (s * s);
    }

    /// <summary>
    /// The periodic continuation (PyTorch past <c>T_max</c>): <see cref="At"/> of t mod 2T, reduced in
    /// integer arithmetic so that steps near <see cref="long.MaxValue"/> stay exact.
    /// </summary>
    /// <param name="t">The local step, non-negative.</param>
    /// <param name="peak">The rate at t = 0, 2T, 4T, ….</param>
    /// <param name="final">The rate at t = T, 3T, ….</param>
    /// <param name="steps">The half-period T, at most <see cref="long.MaxValue"/>/2.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AtPeriodic(long t, double peak, double final, long steps)
        => At(t % (2 * steps), peak, final, steps);
}
