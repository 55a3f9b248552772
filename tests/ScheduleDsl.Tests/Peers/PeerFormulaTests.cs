using System;
using ScheduleDsl.Formulas;
using Xunit;

namespace ScheduleDsl.Tests.Peers;

/// <summary>
/// The formulas that issue 14 added, called directly and compared with float64 transcriptions of the peers' own
/// source (the comments name the file and commit read). The compiled path is tested in PeerConventionTests.
/// </summary>
public sealed class PeerFormulaTests
{
    private const double Relative = 1e-12;

    // Optax exponential_decay; Keras ExponentialDecay, PolynomialDecay(cycle) and CosineDecayRestarts: see PeerReference.

    [Theory]
    [InlineData(0.1, 10L, 0.5, 0L, false, 0.01)]     // decaying to a floor
    [InlineData(0.1, 10L, 0.5, 7L, true, 0.004)]     // staircase with a begin and a floor
    [InlineData(0.01, 4L, 1.5, 3L, false, 0.2)]      // growing to a ceiling
    [InlineData(0.1, 3L, 0.9, 5L, false, double.NaN)] // begin, no bound
    public void Exponential_decay_is_Optaxs_exponential_decay(double init, long transitionSteps, double rate, long begin, bool staircase, double end)
    {
        double? endValue = double.IsNaN(end) ? null : end;
        double floor = endValue is { } f && rate < 1 ? f : 0;
        double ceiling = endValue is { } c && rate >= 1 ? c : double.MaxValue;
        for (long count = 0; count <= 200; count++)
        {
            double want = PeerReference.OptaxExponentialDecay(count, init, transitionSteps, rate, begin, staircase, endValue);
            double got = Exponential.Decay(count, init, rate, transitionSteps, begin, staircase, floor, ceiling);
            AssertClose(want, got, count);
        }
    }

    // keras-team/keras keras/src/optimizers/schedules/learning_rate_schedule.py @ 3422977a5e38fb2f7709aaa9a08e47f0c43d0f60.
    [Fact]
    public void Exponential_decay_without_begin_or_bound_is_Keras_ExponentialDecay()
    {
        for (long step = 0; step <= 300; step++)
        {
            // ExponentialDecay.__call__: p = step/decay_steps (floored when staircase); initial·decay_rate^p
            AssertClose(0.1 * Math.Pow(0.96, step / 25.0), Exponential.Decay(step, 0.1, 0.96, 25, 0, false, 0, double.MaxValue), step);
            AssertClose(0.1 * Math.Pow(0.96, Math.Floor(step / 25.0)), Exponential.Decay(step, 0.1, 0.96, 25, 0, true, 0, double.MaxValue), step);
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void Cyclic_polynomial_is_Keras_PolynomialDecay_with_cycle(double power)
    {
        for (long step = 0; step <= 400; step++)
        {
            AssertClose(PeerReference.KerasCyclicPolynomial(step, 0.1, 30, 0.001, power), Polynomial.Cyclic(step, 0.1, 0.001, power, 30), step);
        }

        // The sawtooth: the end value at every multiple of decay_steps, a jump up at the step after.
        Assert.Equal(0.001, Polynomial.Cyclic(60, 0.1, 0.001, power, 30), 15);
        Assert.True(Polynomial.Cyclic(61, 0.1, 0.001, power, 30) > 0.001);
    }

    [Theory]
    [InlineData(2.0, 0.5, 0.1)]
    [InlineData(1.0, 0.7, 0.2)]
    [InlineData(2.0, 1.0, 0.1)]
    [InlineData(2.0, 0.5, 0.0)]
    public void Restarts_above_final_is_Keras_CosineDecayRestarts(double tMul, double mMul, double alpha)
    {
        for (long step = 0; step <= 300; step++)
        {
            double want = PeerReference.KerasRestarts(step, 0.1, 10, tMul, mMul, alpha);
            double got = Restarts.AboveFinal(step, 0.1, alpha * 0.1, 10, tMul, mMul, 0);
            Assert.True(Math.Abs(got - want) <= (1e-9 * want) + 1e-15, $"step {step}: Keras {want:R}, ours {got:R}");
        }
    }

    [Fact]
    public void Restarts_above_final_differs_from_timms_decay_only_when_both_are_set()
    {
        // Cycle 1 starts at step 10 (T₀ = 10, t_mul = 2): Keras 0.1·((1 − 0.1)·0.5 + 0.1) = 0.055; timm 0.1·0.5 = 0.05.
        Assert.Equal(0.055, Restarts.AboveFinal(10, 0.1, 0.01, 10, 2, 0.5, 0), 15);
        Assert.Equal(0.05, Restarts.At(10, 0.1, 0.01, 10, 2, 0.5, 0), 15);
        for (long step = 0; step <= 100; step++)
        {
            Assert.Equal(Restarts.At(step, 0.1, 0, 10, 2, 0.5, 0), Restarts.AboveFinal(step, 0.1, 0, 10, 2, 0.5, 0));
            Assert.Equal(Restarts.At(step, 0.1, 0.01, 10, 2, 1, 0), Restarts.AboveFinal(step, 0.1, 0.01, 10, 2, 1, 0));
        }
    }

    // timm timm/scheduler/scheduler.py @ aa4b5850c1543fa488abf260f18390eda46cf85d, _calculate_noise: a generator seeded
    // with noise_seed + t; normal: randn redrawn until |n| < noise_pct; uniform: 2·(rand − 0.5)·noise_pct. The bits are
    // torch's and cannot be reproduced, so these tests check the rule and the distribution, computed independently.

    [Fact]
    public void Noise_depends_only_on_seed_plus_step_as_timms_manual_seed_does()
    {
        for (long t = 0; t < 500; t++)
        {
            Assert.Equal(Noise.Factor(t, 42, 0.67, normal: true), Noise.Factor(t + 5, 37, 0.67, normal: true));
            Assert.Equal(Noise.Factor(t, 42, 0.3, normal: false), Noise.Factor(t - 2, 44, 0.3, normal: false));
        }

        Assert.NotEqual(Noise.Factor(100, 42, 0.67, normal: true), Noise.Factor(101, 42, 0.67, normal: true));
    }

    [Theory]
    [InlineData(0.67)]
    [InlineData(0.2)]
    public void Normal_noise_is_a_standard_normal_truncated_at_pct(double pct)
    {
        const int Count = 40_000;
        double sum = 0;
        double squares = 0;
        for (long t = 0; t < Count; t++)
        {
            double n = Noise.Factor(t, 42, pct, normal: true) - 1;
            Assert.True(Math.Abs(n) < pct, $"step {t}: |{n}| ≥ {pct}");
            sum += n;
            squares += n * n;
        }

        // Var of N(0, 1) truncated to (−a, a): 1 − 2a·φ(a)/(2Φ(a) − 1), the mass 2Φ(a) − 1 by Simpson's rule over φ.
        double mass = 0;
        const int Intervals = 2000;
        double h = 2 * pct / Intervals;
        for (int i = 0; i <= Intervals; i++)
        {
            double x = -pct + (i * h);
            double weight = i == 0 || i == Intervals ? 1 : i % 2 == 1 ? 4 : 2;
            mass += weight * Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);
        }

        mass *= h / 3;
        double variance = 1 - (2 * pct * (Math.Exp(-pct * pct / 2) / Math.Sqrt(2 * Math.PI)) / mass);
        double mean = sum / Count;
        double measured = (squares / Count) - (mean * mean);
        Assert.True(Math.Abs(mean) < 4 * Math.Sqrt(variance / Count), $"mean {mean}");
        Assert.True(Math.Abs(measured - variance) < 0.03 * variance, $"variance {measured}, truncated normal {variance}");
    }

    [Fact]
    public void Uniform_noise_is_uniform_in_plus_or_minus_pct()
    {
        const int Count = 40_000;
        const double Pct = 0.5;
        double squares = 0;
        int[] bins = new int[10];
        for (long t = 0; t < Count; t++)
        {
            double n = Noise.Factor(t, 3, Pct, normal: false) - 1;
            Assert.InRange(n, -Pct, Pct);
            squares += n * n;
            bins[Math.Min(9, (int)((n + Pct) / (2 * Pct) * 10))]++;
        }

        Assert.True(Math.Abs((squares / Count) - (Pct * Pct / 3)) < 0.03 * Pct * Pct / 3);
        Assert.All(bins, b => Assert.InRange(b, Count / 10 * 0.9, Count / 10 * 1.1));
    }

    private static void AssertClose(double want, double got, long step)
        => Assert.True(Math.Abs(got - want) <= (Relative * Math.Abs(want)) + 1e-16, $"step {step}: expected {want:R}, got {got:R}");
}
