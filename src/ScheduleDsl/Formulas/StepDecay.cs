using System;
using System.Runtime.CompilerServices;

namespace ScheduleDsl.Formulas;

/// <summary>Step decay: PyTorch <c>StepLR</c>.</summary>
public static class StepDecay
{
    /// <summary>peak·γ^⌊t/stepSize⌋, the quotient taken in integer arithmetic.</summary>
    /// <param name="t">The local step, non-negative.</param>
    /// <param name="peak">The rate at t = 0.</param>
    /// <param name="gamma">The factor per decay.</param>
    /// <param name="stepSize">The steps between decays, positive.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double At(long t, double peak, double gamma, long stepSize) => Decayed(t / stepSize, peak, gamma);

    /// <summary>peak·γ^k: the rate after <paramref name="decays"/> decays (also MultiStepLR's value).</summary>
    /// <param name="decays">The number of decays applied so far.</param>
    /// <param name="peak">The rate before any decay.</param>
    /// <param name="gamma">The factor per decay.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Decayed(long decays, double peak, double gamma) => peak * Math.Pow(gamma, decays);
}
