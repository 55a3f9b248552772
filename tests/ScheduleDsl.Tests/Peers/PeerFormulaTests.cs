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

    private static void AssertClose(double want, double got, long step)
        => Assert.True(Math.Abs(got - want) <= (Relative * Math.Abs(want)) + 1e-16, $"step {step}: expected {want:R}, got {got:R}");
}
