using System;
using System.Runtime.CompilerServices;

namespace ScheduleDsl.Formulas;

/// <summary>
/// timm's learning-rate noise (timm/scheduler/scheduler.py <c>_add_noise</c> and <c>_calculate_noise</c> at
/// aa4b5850c1543fa488abf260f18390eda46cf85d): at step t the rate is multiplied by 1 + n, n drawn afresh for every t
/// from a generator seeded with seed + t — a standard normal redrawn until |n| &lt; pct, or a uniform in (−pct, pct).
/// timm draws with <c>torch.Generator</c>; this draws with a counter-based generator (SplitMix64's finaliser over
/// seed + t and the draw's index), so the rule and the distribution are timm's but the random bits are not torch's.
/// The factor is a pure function of the step and the seed.
/// </summary>
public static class Noise
{
    /// <summary>The most normal draws tried at one step; timm's loop is unbounded (the chance of reaching it is below 2⁻⁶⁰ for pct ≥ 0.05).</summary>
    public const int MaxDraws = 1024;

    /// <summary>1 + n at step <paramref name="t"/>.</summary>
    /// <param name="t">The step timm passes to <c>_add_noise</c> (its epoch or update count).</param>
    /// <param name="seed">timm's <c>noise_seed</c> (default 42).</param>
    /// <param name="pct">timm's <c>noise_pct</c>: the bound on |n|.</param>
    /// <param name="normal">timm's <c>noise_type</c>: normal (true) or uniform (false).</param>
    public static double Factor(long t, long seed, double pct, bool normal)
    {
        ulong key = unchecked((ulong)(seed + t));
        if (!normal)
        {
            return 1 + (2 * (Uniform(key, 0) - 0.5) * pct);
        }

        for (int draw = 0; draw < MaxDraws; draw++)
        {
            // Box–Muller from two uniforms, the first in (0, 1] so that its logarithm is finite.
            double u1 = 1.0 - Uniform(key, 2 * (ulong)draw);
            double u2 = Uniform(key, (2 * (ulong)draw) + 1);
            double n = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            if (Math.Abs(n) < pct)
            {
                return 1 + n;
            }
        }

        return 1.0;
    }

    /// <summary>
    /// peak·(1 + n) at local step <paramref name="t"/>: the factor as a rate of a multiplying phase (the schedule divides
    /// it by the peak). <paramref name="seed"/> is timm's seed plus the phase's first step, so that the draw at local
    /// step t is timm's at step seed + start + t.
    /// </summary>
    /// <param name="t">The local step.</param>
    /// <param name="peak">The rate the factor multiplies.</param>
    /// <param name="seed">timm's <c>noise_seed</c> plus the phase's first step.</param>
    /// <param name="pct">timm's <c>noise_pct</c>.</param>
    /// <param name="normal">Normal (true) or uniform (false) noise.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Scaled(long t, double peak, long seed, double pct, bool normal) => peak * Factor(t, seed, pct, normal);

    /// <summary>The <paramref name="index"/>-th uniform double in [0, 1) of the stream <paramref name="key"/>: 53 bits of SplitMix64's finaliser.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Uniform(ulong key, ulong index)
        => (Mix(Mix(key) + ((index + 1) * 0x9E3779B97F4A7C15UL)) >> 11) * (1.0 / (1UL << 53));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
