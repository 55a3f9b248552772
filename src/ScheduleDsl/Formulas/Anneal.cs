using System;
using System.Runtime.CompilerServices;

namespace ScheduleDsl.Formulas;

/// <summary>
/// Annealing between two values over a segment [segmentStart, segmentEnd] of a phase's steps: PyTorch
/// <c>OneCycleLR</c>'s phases and Optax's <c>piecewise_interpolate_schedule</c>.
/// </summary>
public static class Anneal
{
    /// <summary>
    /// The value at phase-local step <paramref name="t"/>, with pct = (t − segmentStart)/(segmentEnd − segmentStart):
    /// cosine end + (start − end)/2·(cos(π·pct) + 1), or linear (end − start)·pct + start, in PyTorch's order of operations.
    /// </summary>
    /// <param name="t">The phase-local step.</param>
    /// <param name="start">The value at pct = 0.</param>
    /// <param name="end">The value at pct = 1.</param>
    /// <param name="segmentStart">The step where pct = 0 (may be fractional, as OneCycleLR's phase ends are).</param>
    /// <param name="segmentEnd">The step where pct = 1.</param>
    /// <param name="cosine">Cosine (true) or linear (false) annealing.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double At(double t, double start, double end, double segmentStart, double segmentEnd, bool cosine)
    {
        double pct = (t - segmentStart) / (segmentEnd - segmentStart);
        return cosine ? end + ((start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)) : ((end - start) * pct) + start;
    }
}
