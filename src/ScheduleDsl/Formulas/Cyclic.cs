using System;
using System.Runtime.CompilerServices;

namespace ScheduleDsl.Formulas;

/// <summary>Cyclical learning rates (Smith 2017): PyTorch <c>CyclicLR</c>, in its order of operations.</summary>
public static class Cyclic
{
    /// <summary>The triangle: constant amplitude.</summary>
    public const int Triangular = 0;

    /// <summary>The amplitude halves every cycle.</summary>
    public const int Triangular2 = 1;

    /// <summary>The amplitude is scaled by γ^t.</summary>
    public const int ExpRange = 2;

    /// <summary>
    /// low + (high − low)·s·f with cycle = ⌊1 + t/total⌋, x = 1 + t/total − cycle, s = x/ratio while x ≤ ratio
    /// else (x − 1)/(ratio − 1), and f = 1, 1/2^(cycle − 1) or γ^t by <paramref name="mode"/>.
    /// Momentum uses the same with low and high swapped (PyTorch: max − (max − base)·s·f).
    /// </summary>
    /// <param name="t">The local step.</param>
    /// <param name="low">The value at the start of each cycle.</param>
    /// <param name="high">The value at the top of the triangle.</param>
    /// <param name="total">The cycle length (steps up + steps down).</param>
    /// <param name="ratio">Steps up / cycle length.</param>
    /// <param name="mode"><see cref="Triangular"/>, <see cref="Triangular2"/> or <see cref="ExpRange"/>.</param>
    /// <param name="gamma">The per-step factor of <see cref="ExpRange"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double At(double t, double low, double high, double total, double ratio, int mode, double gamma)
    {
        double cycle = Math.Floor(1 + (t / total));
        double x = 1.0 + (t / total) - cycle;
        double scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
        double height = (high - low) * scale;
        double factor = mode switch
        {
            Triangular2 => 1 / Math.Pow(2.0, cycle - 1),
            ExpRange => Math.Pow(gamma, t),
            _ => 1.0,
        };
        return low + (height * factor);
    }
}
