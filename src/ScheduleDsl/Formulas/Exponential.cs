using System;
using System.Runtime.CompilerServices;

namespace ScheduleDsl.Formulas;

/// <summary>
/// Exponential decay: PyTorch <c>ExponentialLR</c>, and the decay-every-k-steps form of Optax
/// <c>exponential_decay</c> and Keras <c>ExponentialDecay</c>.
/// </summary>
public static class Exponential
{
    /// <summary>peak·γ^t.</summary>
    /// <param name="t">The local step.</param>
    /// <param name="peak">The rate at t = 0.</param>
    /// <param name="gamma">The factor per step.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double At(double t, double peak, double gamma) => peak * Math.Pow(gamma, t);

    /// <summary>
    /// Optax <c>exponential_decay</c> (optax/schedules/_schedule.py at 2edbcbe2390da13983b92cbef94ac0460ecde1c5) in its
    /// order of operations: d = t − begin, p = d/k (⌊d/k⌋ when staircase), v = peak when d ≤ 0 else peak·rate^p, then
    /// clamped to [floor, ceiling]. Optax's <c>end_value</c> is a floor when rate &lt; 1 and a ceiling otherwise: pass it
    /// as that bound and 0 or <see cref="double.MaxValue"/> as the other. Keras <c>ExponentialDecay</c>
    /// (keras/src/optimizers/schedules/learning_rate_schedule.py at 3422977a5e38fb2f7709aaa9a08e47f0c43d0f60) is the
    /// case begin = 0 without bounds.
    /// </summary>
    /// <param name="t">The local step.</param>
    /// <param name="peak">The rate before the decay begins (Optax <c>init_value</c>).</param>
    /// <param name="rate">The factor per <paramref name="decaySteps"/> steps (Optax/Keras <c>decay_rate</c>).</param>
    /// <param name="decaySteps">k, the steps over which the rate is multiplied by <paramref name="rate"/> (Optax <c>transition_steps</c>, Keras <c>decay_steps</c>).</param>
    /// <param name="begin">The steps held at the peak before the decay starts (Optax <c>transition_begin</c>).</param>
    /// <param name="staircase">Whether p is floored, so the rate changes every k steps.</param>
    /// <param name="floor">The lowest rate returned.</param>
    /// <param name="ceiling">The highest rate returned.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Decay(double t, double peak, double rate, double decaySteps, double begin, bool staircase, double floor, double ceiling)
    {
        double decreased = t - begin;
        double p = decreased / decaySteps;
        if (staircase)
        {
            p = Math.Floor(p);
        }

        double value = decreased <= 0 ? peak : peak * Math.Pow(rate, p);
        return Math.Min(Math.Max(value, floor), ceiling);
    }
}
