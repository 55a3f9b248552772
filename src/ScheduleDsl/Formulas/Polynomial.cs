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

    /// <summary>
    /// Keras <c>PolynomialDecay(cycle=True)</c> (keras/src/optimizers/schedules/learning_rate_schedule.py at
    /// 3422977a5e38fb2f7709aaa9a08e47f0c43d0f60): the decay length becomes T·m with m = ⌈t/T⌉ (1 at t = 0), so the rate
    /// reaches final at every multiple n·T and jumps back up at the step after, to decay again over the longer span
    /// (n + 1)·T: <see cref="At"/>(t, peak, final, power, T·m), and final where t ≥ T·m.
    /// </summary>
    /// <param name="t">The local step, non-negative.</param>
    /// <param name="peak">The rate at t = 0.</param>
    /// <param name="final">The rate at t = n·T.</param>
    /// <param name="power">The exponent, positive.</param>
    /// <param name="steps">T, Keras's <c>decay_steps</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Cyclic(double t, double peak, double final, double power, double steps)
    {
        double multiplier = t == 0 ? 1.0 : Math.Ceiling(t / steps);
        double span = steps * multiplier;

        // t = span is the cycle's end, final; near long.MaxValue the product can round below t, where Keras's formula
        // would raise a negative number to the power.
        return t >= span ? final : At(t, peak, final, power, span);
    }
}
