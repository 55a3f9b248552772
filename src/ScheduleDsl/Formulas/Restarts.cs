using System;
using System.Runtime.CompilerServices;

namespace ScheduleDsl.Formulas;

/// <summary>
/// Cosine annealing with warm restarts (SGDR, Loshchilov and Hutter 2017): PyTorch
/// <c>CosineAnnealingWarmRestarts</c> plus timm's and Keras's extras (fractional cycle multiplier, peak decay per
/// restart, cycle limit).
/// </summary>
public static class Restarts
{
    /// <summary>
    /// Cycle i starts at S_i = T₀·(m^i − 1)/(m − 1) (i·T₀ when m = 1) and lasts T₀·m^i; within it the rate is the
    /// cosine from peak·decay^i to final over that length. From cycle <paramref name="cycleLimit"/> on (when positive)
    /// the rate stays at final. The cycle index is found in closed form (integer division, or a logarithm corrected
    /// by at most one step either way), never by a loop over cycles.
    /// </summary>
    /// <param name="t">The local step, non-negative.</param>
    /// <param name="peak">The first cycle's starting rate.</param>
    /// <param name="final">The rate each cycle falls towards.</param>
    /// <param name="firstCycle">T₀, the first cycle's length.</param>
    /// <param name="multiplier">m ≥ 1, each cycle's length relative to the previous one.</param>
    /// <param name="decay">The factor applied to the peak at each restart.</param>
    /// <param name="cycleLimit">The number of cycles before the rate stays at final; 0 for no limit.</param>
    public static double At(long t, double peak, double final, long firstCycle, double multiplier, double decay, long cycleLimit)
        => InCycle(t, peak, final, firstCycle, multiplier, decay, cycleLimit, aboveFinal: false);

    /// <summary>
    /// Keras <c>CosineDecayRestarts</c> (keras/src/optimizers/schedules/learning_rate_schedule.py at
    /// 3422977a5e38fb2f7709aaa9a08e47f0c43d0f60): lr₀·((1 − α)·m_mul^i·½(1 + cos(π·f)) + α), so the decay per restart
    /// scales only the part above the floor: cycle i is the cosine from final + (peak − final)·decay^i to final. It
    /// equals <see cref="At"/> (timm's <c>cycle_decay</c>, which scales the whole peak) when final is 0 or decay is 1.
    /// </summary>
    /// <param name="t">The local step, non-negative.</param>
    /// <param name="peak">The first cycle's starting rate (Keras <c>initial_learning_rate</c>).</param>
    /// <param name="final">The rate each cycle falls towards (Keras α·lr₀).</param>
    /// <param name="firstCycle">T₀ (Keras <c>first_decay_steps</c>).</param>
    /// <param name="multiplier">m ≥ 1 (Keras <c>t_mul</c>).</param>
    /// <param name="decay">The factor applied to the part above final at each restart (Keras <c>m_mul</c>).</param>
    /// <param name="cycleLimit">The number of cycles before the rate stays at final; 0 for no limit (Keras has none).</param>
    public static double AboveFinal(long t, double peak, double final, long firstCycle, double multiplier, double decay, long cycleLimit)
        => InCycle(t, peak, final, firstCycle, multiplier, decay, cycleLimit, aboveFinal: true);

    /// <summary>
    /// The index of the cycle that holds local step <paramref name="t"/>: t/T₀ when m = 1, else the n with
    /// S_n ≤ t &lt; S_(n+1), from a logarithm corrected by at most one either way.
    /// </summary>
    /// <param name="t">The local step, non-negative.</param>
    /// <param name="firstCycle">T₀.</param>
    /// <param name="multiplier">m ≥ 1.</param>
    public static long Cycle(long t, long firstCycle, double multiplier)
    {
        if (multiplier == 1.0)
        {
            return t / firstCycle;
        }

        double n = Math.Floor(Math.Log((t / (double)firstCycle * (multiplier - 1)) + 1, multiplier));
        if (Start(n, firstCycle, multiplier) > t)
        {
            n -= 1;
        }
        else if (Start(n + 1, firstCycle, multiplier) <= t)
        {
            n += 1;
        }

        return (long)n;
    }

    private static double InCycle(long t, double peak, double final, long firstCycle, double multiplier, double decay, long cycleLimit, bool aboveFinal)
    {
        long cycle = Cycle(t, firstCycle, multiplier);
        double position;
        double length;
        if (multiplier == 1.0)
        {
            position = t - (cycle * firstCycle);
            length = firstCycle;
        }
        else
        {
            position = t - Start(cycle, firstCycle, multiplier);
            length = firstCycle * Math.Pow(multiplier, cycle);
        }

        if (cycleLimit > 0 && cycle >= cycleLimit)
        {
            return final;
        }

        double start = aboveFinal ? final + ((peak - final) * Math.Pow(decay, cycle)) : peak * Math.Pow(decay, cycle);
        return Cosine.At(position, start, final, length);
    }

    /// <summary>The first step of cycle n: T₀·(m^n − 1)/(m − 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Start(double n, long firstCycle, double multiplier)
        => firstCycle * (Math.Pow(multiplier, n) - 1) / (multiplier - 1);
}
