using System;
using Xunit;

namespace ScheduleDsl.Tests.Plateau;

/// <summary>Hand-derived behaviour of the plateau rule: warmup hand-off, options validation, non-finite metrics, allocation.</summary>
public sealed class PlateauBehaviourTests
{
    [Fact]
    public void The_warmup_rates_come_first_and_its_metrics_are_ignored()
    {
        var plateau = new ReduceOnPlateau<PlateauWarmup5>(new PlateauOptions { Patience = 0, Factor = 0.5 });
        Assert.Equal(5, plateau.WarmupSteps);
        for (int k = 0; k < 5; k++)
        {
            Assert.True(plateau.InWarmup);
            Assert.Equal(0.1 * (k + 1) / 6, plateau.LearningRate, 1e-15);
            Assert.False(plateau.Report(10.0 + k)); // worse and worse: with patience 0 this would reduce outside the warmup
        }

        // The plateau phase starts from the warmup's final value (the peak) with a fresh best.
        Assert.False(plateau.InWarmup);
        Assert.Equal(0.1, plateau.LearningRate);
        Assert.Equal(double.PositiveInfinity, plateau.State.Best);
        Assert.False(plateau.Report(1.0));   // update 5: first metric the rule sees, better than +inf
        Assert.Equal(0.1, plateau.LearningRate);
        Assert.True(plateau.Report(1.0));    // update 6: one bad report > patience 0: halve
        Assert.Equal(0.05, plateau.LearningRate);
        Assert.False(plateau.Report(0.5));   // update 7: better
        Assert.Equal(0.05, plateau.LearningRate);
        Assert.Equal(8, plateau.StepCount);
    }

    [Fact]
    public void An_explicit_base_rate_replaces_the_warmup_final_value()
    {
        var plateau = new ReduceOnPlateau<PlateauWarmup5>(0.02);
        for (int k = 0; k < 5; k++)
        {
            plateau.Advance();
        }

        Assert.Equal(0.02, plateau.LearningRate);
    }

    [Fact]
    public void Advance_counts_updates_without_metrics_for_a_per_step_warmup_and_per_epoch_evaluation()
    {
        // Warmup of 5 steps, 4 steps per epoch, one metric at the end of each epoch (after updates 3, 7, 11, …).
        var plateau = new ReduceOnPlateau<PlateauWarmup5>(new PlateauOptions { Patience = 1, Factor = 0.1 });
        double[] epochMetrics = [5.0, 1.0, 1.0, 1.0, 1.0];
        double[] rates = new double[20];
        for (int step = 0; step < 20; step++)
        {
            rates[step] = plateau.LearningRate;
            if (step % 4 == 3)
            {
                plateau.Report(epochMetrics[step / 4]);
            }
            else
            {
                plateau.Advance();
            }
        }

        // Metric of update 3 is in the warmup (ignored). Update 7: 1.0 best; 11: bad 1; 15: bad 2 > 1 → 0.01 from update 16.
        for (int step = 5; step < 16; step++)
        {
            Assert.Equal(0.1, rates[step]);
        }

        for (int step = 16; step < 20; step++)
        {
            Assert.Equal(0.1 * 0.1, rates[step]);
        }
    }

    [Fact]
    public void A_warmup_that_never_ends_or_rejects_its_end_is_refused_with_a_clear_message()
    {
        ArgumentException never = Assert.Throws<ArgumentException>(() => new ReduceOnPlateau<NeverEnds>());
        Assert.Contains("never ends", never.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ReduceOnPlateau<NeverEnds>(0.1));

        ArgumentException rejects = Assert.Throws<ArgumentException>(() => new ReduceOnPlateau<ThrowsAtEnd>());
        Assert.Contains("explicitly", rejects.Message, StringComparison.Ordinal);
        var explicitRate = new ReduceOnPlateau<ThrowsAtEnd>(0.5);
        Assert.Equal(0.1 / 4, explicitRate.LearningRate);
    }

    [Fact]
    public void Patience_counts_bad_reports_like_PyTorch_not_Keras()
    {
        // patience 2: PyTorch reduces on the 3rd consecutive bad report (Keras would on the 2nd).
        var plateau = new ReduceOnPlateau(1.0, new PlateauOptions { Patience = 2, Factor = 0.5, Threshold = 0 });
        Assert.False(plateau.Report(1.0));
        Assert.False(plateau.Report(1.0));
        Assert.False(plateau.Report(1.0));
        Assert.True(plateau.Report(1.0));
        Assert.Equal(0.5, plateau.LearningRate);
    }

    [Fact]
    public void A_skipped_reduction_still_starts_the_cooldown()
    {
        // min_lr above the rate: max(old·factor, min) > old, so old − new < eps: no reduction, yet bad reports reset.
        var plateau = new ReduceOnPlateau(0.01, new PlateauOptions { Patience = 0, Cooldown = 2, MinLearningRate = 0.02 });
        plateau.Report(1.0);
        Assert.False(plateau.Report(2.0));
        Assert.Equal(0.01, plateau.LearningRate);
        Assert.Equal(2, plateau.State.CooldownRemaining);
        Assert.Equal(0, plateau.State.ReductionCount);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_non_finite_metric_throws_and_changes_nothing(double metric)
    {
        var plateau = new ReduceOnPlateau(0.1, new PlateauOptions { Patience = 0 });
        plateau.Report(1.0);
        PlateauState before = plateau.State;
        Assert.Throws<ArgumentException>(() => plateau.Report(metric));
        Assert.Equal(before, plateau.State);

        var warm = new ReduceOnPlateau<PlateauWarmup5>();
        Assert.Throws<ArgumentException>(() => warm.Report(metric));
        Assert.Equal(0, warm.StepCount);
    }

    [Fact]
    public void Options_are_validated_with_the_property_name()
    {
        Assert.Equal("Factor", Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauOptions { Factor = 1.0 }).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauOptions { Factor = -0.1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauOptions { Factor = double.NaN });
        Assert.Equal("Patience", Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauOptions { Patience = -1 }).ParamName);
        Assert.Equal("Threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauOptions { Threshold = double.PositiveInfinity }).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauOptions { Threshold = -1e-4 });
        Assert.Equal("Cooldown", Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauOptions { Cooldown = -1 }).ParamName);
        Assert.Equal("MinLearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauOptions { MinLearningRate = -1 }).ParamName);
        Assert.Equal("Epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauOptions { Epsilon = double.NaN }).ParamName);
        Assert.Equal("Mode", Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauOptions { Mode = (PlateauMode)2 }).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauOptions { ThresholdMode = (PlateauThresholdMode)(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauOptions() with { Factor = 2 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateau(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateau(double.NaN));

        var defaults = new PlateauOptions();
        Assert.Equal((PlateauMode.Min, 0.1, 10, 1e-4, PlateauThresholdMode.Relative, 0, 0.0, 1e-8),
            (defaults.Mode, defaults.Factor, defaults.Patience, defaults.Threshold, defaults.ThresholdMode, defaults.Cooldown, defaults.MinLearningRate, defaults.Epsilon));
    }

    [Fact]
    public void Report_allocates_nothing()
    {
        var plain = new ReduceOnPlateau(0.1, new PlateauOptions { Patience = 3, Cooldown = 1 });
        var warm = new ReduceOnPlateau<PlateauWarmup5>(new PlateauOptions { Patience = 3 });
        var adaptive = new AdaptiveLearningRate(0.1, tolerance: 0, iterationsWithoutChange: 1_000_000_000);
        Run(plain, warm, adaptive, 1000); // warm up: JIT, static initialisation

        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = Run(plain, warm, adaptive, 200_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
        Assert.True(plain.State.ReductionCount > 0);

        static double Run(ReduceOnPlateau plain, ReduceOnPlateau<PlateauWarmup5> warm, AdaptiveLearningRate adaptive, int count)
        {
            double sum = 0;
            for (int i = 0; i < count; i++)
            {
                double metric = 1.0 + ((i * 7919) % 13);
                plain.Report(metric);
                warm.Report(metric);
                adaptive.Report(metric);
                sum += plain.LearningRate + warm.LearningRate + adaptive.LearningRate + plain.State.Best;
            }

            return sum;
        }
    }

    private struct NeverEnds : ISchedule
    {
        public static double PeakLearningRate => 0.1;

        public static long? TotalSteps => null;

        public static double At(long step) => 0.1;

        public static float AtSingle(long step) => 0.1f;

        public static void Fill(Span<float> destination, long firstStep) => destination.Fill(0.1f);
    }

    private struct ThrowsAtEnd : ISchedule
    {
        public static double PeakLearningRate => 0.1;

        public static long? TotalSteps => 3;

        public static double At(long step)
            => step is >= 0 and < 3 ? 0.1 * (step + 1) / 4 : throw new ArgumentOutOfRangeException(nameof(step));

        public static float AtSingle(long step) => (float)At(step);

        public static void Fill(Span<float> destination, long firstStep)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = AtSingle(firstStep + i);
            }
        }
    }
}
