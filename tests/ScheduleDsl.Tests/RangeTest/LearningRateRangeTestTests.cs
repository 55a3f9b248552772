using System;
using Xunit;

namespace ScheduleDsl.Tests.RangeTest;

/// <summary>
/// The learning-rate range test against values worked out by hand (sweep, smoothing, stop) and against synthetic loss
/// curves whose steepest point and minimum are known analytically.
/// </summary>
public sealed class LearningRateRangeTestTests
{
    [Fact]
    public void Exponential_sweep_is_geometric_and_ends_at_max()
    {
        var test = new LearningRateRangeTest(new RangeTestOptions { MinLearningRate = 1e-4, MaxLearningRate = 1, Steps = 5 });
        double[] expected = [1e-4, 1e-3, 1e-2, 1e-1, 1];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], test.RateAt(i), 1e-12 * expected[i] * 10);
            Assert.Equal(expected[i], test.LearningRate, 1e-12 * expected[i] * 10);
            test.Report(1);
        }

        Assert.True(test.IsFinished);
        Assert.False(test.Diverged);
        Assert.Equal(5, test.Count);
    }

    [Fact]
    public void Linear_sweep_is_arithmetic()
    {
        var test = new LearningRateRangeTest(new RangeTestOptions
        {
            MinLearningRate = 0.1, MaxLearningRate = 0.5, Steps = 5, Sweep = RangeTestSweep.Linear,
        });
        double[] expected = [0.1, 0.2, 0.3, 0.4, 0.5];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], test.RateAt(i), 1e-15);
        }
    }

    [Fact]
    public void Smoothing_is_fastai_debiased_moving_average()
    {
        // β = 0.5: a = 0.5·a + 0.5·loss from a = 0, smoothed = a/(1 − 0.5^k).
        // losses 4, 2, 1: a = 2, 2, 1.5 → 2/0.5 = 4, 2/0.75 = 8/3, 1.5/0.875 = 12/7.
        var test = new LearningRateRangeTest(new RangeTestOptions { Smoothing = 0.5, Steps = 10 });
        test.Report(4);
        test.Report(2);
        test.Report(1);
        Assert.Equal([4, 2, 1], test.Losses.ToArray());
        Assert.Equal(4.0, test.SmoothedLosses[0], 1e-15);
        Assert.Equal(8.0 / 3, test.SmoothedLosses[1], 1e-15);
        Assert.Equal(12.0 / 7, test.SmoothedLosses[2], 1e-15);
        Assert.Equal(12.0 / 7, test.BestSmoothedLoss, 1e-15);
    }

    [Fact]
    public void Stops_when_smoothed_loss_exceeds_four_times_the_best_and_records_that_point()
    {
        var test = new LearningRateRangeTest(new RangeTestOptions { Smoothing = 0, Steps = 10 });
        Assert.True(test.Report(1));
        Assert.True(test.Report(0.5));
        Assert.True(test.Report(2.0));    // exactly 4 × 0.5: not above
        Assert.False(test.Report(2.01));  // above 4 × 0.5
        Assert.True(test.IsFinished);
        Assert.True(test.Diverged);
        Assert.Equal(4, test.Count);
        Assert.Throws<InvalidOperationException>(() => test.Report(1));
    }

    [Fact]
    public void Stops_on_a_non_finite_loss()
    {
        var test = new LearningRateRangeTest(new RangeTestOptions { Steps = 10 });
        test.Report(1);
        Assert.False(test.Report(double.NaN));
        Assert.True(test.Diverged);
        Assert.Equal(2, test.Count);
    }

    [Fact]
    public void Suggests_the_steepest_point_and_the_minimum_of_a_known_curve()
    {
        // Ten points per decade from 1e-6 to 1e2 (N = 81), no smoothing. Loss as a function of x = ln(rate):
        // f(x) = 2 − tanh(x − x₀) + e^(x − x₁), x₀ half a grid step above ln 1e-3, x₁ = ln 1.
        // −tanh falls fastest at x₀, so the steepest secant between neighbours is the one around x₀, from the grid
        // point 1e-3 (index 30). The minimum solves f'(x) = −sech²(x − x₀) + e^(x − x₁) = 0, found by bisection here.
        const int steps = 81;
        double h = Math.Log(10) / 10;
        double x0 = Math.Log(1e-3) + (h / 2), x1 = 0;
        double F(double x) => 2 - Math.Tanh(x - x0) + Math.Exp(x - x1);
        double FPrime(double x) => (-1 / Math.Pow(Math.Cosh(x - x0), 2)) + Math.Exp(x - x1);

        double lo = x0, hi = x1;   // f' < 0 at x₀ (−1 + e^(x₀)), > 0 at x₁ (−sech²(6.9…) + 1)
        for (int i = 0; i < 200; i++)
        {
            double mid = (lo + hi) / 2;
            (lo, hi) = FPrime(mid) < 0 ? (mid, hi) : (lo, mid);
        }

        double xMin = lo;
        var test = new LearningRateRangeTest(new RangeTestOptions { MinLearningRate = 1e-6, MaxLearningRate = 1e2, Steps = steps, Smoothing = 0 });
        while (!test.IsFinished)
        {
            test.Report(F(Math.Log(test.LearningRate)));
        }

        RangeTestSuggestion s = test.Suggest();
        Assert.Equal(30, s.SteepestIndex);
        Assert.Equal(1e-3, s.Steepest, 1e-15);
        Assert.True(Math.Abs(Math.Log(s.Minimum) - xMin) <= h / 2 + 1e-12, $"minimum at {s.Minimum}, analytic e^{xMin} = {Math.Exp(xMin)}");
        Assert.Equal(s.Minimum / 10, s.MinimumOverTen);

        // f rises to 2 − 1 + e^(ln 100) ≈ 101 at the end, more than 4 × the minimum (≈ 1.0…): the test stops early.
        Assert.True(test.Diverged);
        Assert.True(test.Count < steps);
        Assert.True(test.Losses[^1] > 4 * test.BestSmoothedLoss);
        Assert.True(test.Losses[^2] <= 4 * test.BestSmoothedLoss);
    }

    [Fact]
    public void On_a_quadratic_the_loss_is_lowest_at_the_stability_limit_and_the_stop_comes_after_it()
    {
        // Gradient descent on ½·c·w² multiplies w by (1 − η·c): |w| shrinks for η < 2/c and grows above. The loss is
        // measured before each update, so (no smoothing) the lowest loss is at the first step i whose predecessor
        // still shrank w: η[i−1] < 2/c ≤ η[i], i.e. 2/c ≤ Minimum < (2/c)·r with r the sweep's ratio per step.
        // The full sweep (no divergence stop) keeps the minimum clear of the 5 points Suggest drops at the end.
        const double c = 4;
        LearningRateRangeTest full = Sweep(new RangeTestOptions
        {
            MinLearningRate = 1e-3, MaxLearningRate = 10, Steps = 100, Smoothing = 0, DivergenceFactor = double.PositiveInfinity,
        });
        double ratio = Math.Pow(10 / 1e-3, 1.0 / 99);
        RangeTestSuggestion s = full.Suggest();
        Assert.True(s.Minimum >= 2 / c && s.Minimum < 2 / c * ratio, $"minimum at {s.Minimum}");
        Assert.False(full.Diverged);

        LearningRateRangeTest stopped = Sweep(new RangeTestOptions { MinLearningRate = 1e-3, MaxLearningRate = 10, Steps = 100, Smoothing = 0 });
        Assert.True(stopped.Diverged);
        Assert.True(stopped.LearningRates[^1] > 2 / c, $"stopped at {stopped.LearningRates[^1]}");
        Assert.True(stopped.Count < 100);

        static LearningRateRangeTest Sweep(RangeTestOptions options)
        {
            var test = new LearningRateRangeTest(options);
            double w = 1;
            while (!test.IsFinished)
            {
                double loss = 0.5 * c * w * w;
                w -= test.LearningRate * c * w;
                test.Report(loss);
            }

            return test;
        }
    }

    [Fact]
    public void Report_allocates_nothing()
    {
        var test = new LearningRateRangeTest(new RangeTestOptions { Steps = 1000, DivergenceFactor = double.PositiveInfinity });
        test.Report(1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < 1000; i++)
        {
            test.Report(1.0 / i);
            _ = test.LearningRate;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(test.IsFinished);
    }

    [Theory]
    [InlineData(0, 1, 10, 0.98, 4)]
    [InlineData(1, 1, 10, 0.98, 4)]
    [InlineData(1e-3, 1, 1, 0.98, 4)]
    [InlineData(1e-3, 1, 10, 1, 4)]
    [InlineData(1e-3, 1, 10, 0.98, 1)]
    public void Rejects_invalid_options(double min, double max, int steps, double smoothing, double factor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateRangeTest(new RangeTestOptions
        {
            MinLearningRate = min, MaxLearningRate = max, Steps = steps, Smoothing = smoothing, DivergenceFactor = factor,
        }));
    }
}
