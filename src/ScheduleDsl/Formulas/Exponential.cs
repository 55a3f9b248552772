using System;
using System.Runtime.CompilerServices;

namespace ScheduleDsl.Formulas;

/// <summary>Exponential decay: PyTorch <c>ExponentialLR</c>.</summary>
public static class Exponential
{
    /// <summary>peak·γ^t.</summary>
    /// <param name="t">The local step.</param>
    /// <param name="peak">The rate at t = 0.</param>
    /// <param name="gamma">The factor per step.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double At(double t, double peak, double gamma) => peak * Math.Pow(gamma, t);
}
