using System;
using System.Runtime.CompilerServices;

namespace ScheduleDsl.Formulas;

/// <summary>Polynomial decay: PyTorch <c>PolynomialLR</c> (final 0), Optax/Keras polynomial (with an end value).</summary>
public static class Polynomial
{
    /// <summary>(peak − final)·(1 − t/T)^power + final.</summary>
    /// <param name="t">The local step, 0 ≤ t ≤ T.</param>
    /// <param name="peak">The rate at t = 0.</param>
    /// <param name="final">The rate at t = T.</param>
    /// <param name="power">The exponent, positive.</param>
    /// <param name="steps">The length T.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double At(double t, double peak, double final, double power, double steps)
        => (peak - final) * Math.Pow(1.0 - t / steps, power) + final;
}
