using System;
using Xunit;

namespace ScheduleDsl.Tests.Plateau;

/// <summary>
/// scikit-learn's 'adaptive' rule against sequences worked out by hand from <c>_plain_sgd</c> and
/// <c>MLP._fit_stochastic</c> (no recorded reference exists).
/// </summary>
public sealed class AdaptiveLearningRateTests
{
    [Fact]
    public void Sgd_divides_by_five_after_n_epochs_without_improvement_by_tol()
    {
        // tol 0.1, n_iter_no_change 2. Bad means loss > best − tol; best follows every strict improvement.
        var rule = new AdaptiveLearningRate(0.01, tolerance: 0.1, iterationsWithoutChange: 2);
        Assert.False(rule.Report(1.00));  // best inf → good; best 1.00
        Assert.False(rule.Report(0.95));  // 0.95 > 0.90: bad (1); best 0.95 (PyTorch would keep 1.00)
        Assert.True(rule.Report(0.90));   // 0.90 > 0.85: bad (2) ≥ 2 → η = 0.002, count 0; best 0.90
        Assert.Equal(0.01 / 5, rule.LearningRate);
        Assert.False(rule.Report(0.50));  // good; best 0.50
        Assert.False(rule.Report(0.45));  // 0.45 > 0.40: bad (1)
        Assert.False(rule.Report(0.30));  // 0.30 ≤ 0.35: good, count 0
        Assert.False(rule.Report(0.30));  // bad (1)
        Assert.True(rule.Report(0.29));   // bad (2) → η = 0.0004
        Assert.Equal(0.01 / 5 / 5, rule.LearningRate);
        Assert.Equal(2, rule.ReductionCount);
        Assert.Equal(0.29, rule.Best);
        Assert.False(rule.IsStopped);
    }

    [Fact]
    public void Mlp_waits_one_more_epoch_than_Sgd()
    {
        var sgd = new AdaptiveLearningRate(0.1, tolerance: 0.01, iterationsWithoutChange: 2, rule: AdaptiveRule.Sgd);
        var mlp = new AdaptiveLearningRate(0.1, tolerance: 0.01, iterationsWithoutChange: 2, rule: AdaptiveRule.Mlp);
        bool[] sgdReduced = new bool[5];
        bool[] mlpReduced = new bool[5];
        for (int epoch = 0; epoch < 5; epoch++)
        {
            sgdReduced[epoch] = sgd.Report(1.0); // never improves by tol after the first epoch
            mlpReduced[epoch] = mlp.Report(1.0);
        }

        Assert.Equal([false, false, true, false, true], sgdReduced);   // count 2 ≥ 2 at epochs 2 and 4
        Assert.Equal([false, false, false, true, false], mlpReduced);  // count 3 > 2 at epoch 3
    }

    [Fact]
    public void With_tol_0_an_unchanged_loss_is_not_a_bad_epoch()
    {
        // scikit-learn tests loss > best − tol strictly: an equal loss resets the count.
        var rule = new AdaptiveLearningRate(0.1, tolerance: 0, iterationsWithoutChange: 1);
        for (int epoch = 0; epoch < 5; epoch++)
        {
            Assert.False(rule.Report(1.0));
        }

        Assert.True(rule.Report(1.0 + 1e-12));
        Assert.Equal(0.1 / 5, rule.LearningRate);
    }

    [Fact]
    public void Max_mode_tracks_a_validation_score()
    {
        // early_stopping=True: bad means score < best + tol.
        var rule = new AdaptiveLearningRate(0.5, tolerance: 0.01, iterationsWithoutChange: 1, mode: PlateauMode.Max);
        Assert.False(rule.Report(0.80));  // good; best 0.80
        Assert.False(rule.Report(0.81));  // 0.81 ≥ 0.81: good (not <); best 0.81
        Assert.True(rule.Report(0.815));  // 0.815 < 0.82: bad (1) ≥ 1 → η = 0.1
        Assert.Equal(0.5 / 5, rule.LearningRate);
        Assert.Equal(0.815, rule.Best);
    }

    [Fact]
    public void Training_stops_when_the_rate_is_already_at_most_1e_6()
    {
        // 3e-6 > 1e-6: divided to 6e-7; the next trigger finds 6e-7 ≤ 1e-6 and stops.
        var rule = new AdaptiveLearningRate(3e-6, tolerance: 0.01, iterationsWithoutChange: 1);
        Assert.False(rule.Report(1.0));
        Assert.True(rule.Report(1.0));
        Assert.Equal(3e-6 / 5, rule.LearningRate);
        Assert.False(rule.IsStopped);
        Assert.False(rule.Report(1.0));
        Assert.True(rule.IsStopped);
        Assert.Equal(3e-6 / 5, rule.LearningRate);
        Assert.Throws<InvalidOperationException>(() => rule.Report(0.5));

        var exactlyAtLimit = new AdaptiveLearningRate(1e-6, tolerance: 0.01, iterationsWithoutChange: 1);
        exactlyAtLimit.Report(1.0);
        Assert.False(exactlyAtLimit.Report(1.0));
        Assert.True(exactlyAtLimit.IsStopped);
    }

    [Fact]
    public void Arguments_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveLearningRate(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveLearningRate(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveLearningRate(0.1, tolerance: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveLearningRate(0.1, iterationsWithoutChange: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveLearningRate(0.1, mode: (PlateauMode)5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveLearningRate(0.1, rule: (AdaptiveRule)5));
        var rule = new AdaptiveLearningRate(0.1);
        Assert.Throws<ArgumentException>(() => rule.Report(double.NaN));
        Assert.Equal(0, rule.StepCount);
    }
}
