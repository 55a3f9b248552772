using System;

namespace ScheduleDsl;

/// <summary>Which scikit-learn estimator's version of the <c>'adaptive'</c> rule <see cref="AdaptiveLearningRate"/> follows.</summary>
public enum AdaptiveRule
{
    /// <summary>
    /// <c>SGDClassifier</c>/<c>SGDRegressor</c> (<c>_plain_sgd</c>): divide by 5 once the count of epochs without
    /// improvement reaches <c>n_iter_no_change</c> (<c>count &gt;= n</c>).
    /// </summary>
    Sgd = 0,

    /// <summary>
    /// <c>MLPClassifier</c>/<c>MLPRegressor</c> with <c>solver='sgd'</c>: divide by 5 once the count exceeds
    /// <c>n_iter_no_change</c> (<c>count &gt; n</c>, one epoch later).
    /// </summary>
    Mlp = 1,
}

/// <summary>
/// scikit-learn's <c>learning_rate='adaptive'</c>: the rate stays at η₀ until <c>n_iter_no_change</c> consecutive
/// epochs fail to improve on the best metric by <c>tol</c>, is then divided by 5, and training stops when it would
/// have to be divided again while it is already ≤ 10⁻⁶.
/// </summary>
/// <remarks>
/// <para>
/// This is not a preset of <see cref="PlateauOptions"/> because it does not map onto PyTorch's rule exactly: the best
/// metric is replaced by <b>any</b> strict improvement (PyTorch: only by one that passes the threshold), the
/// threshold is absolute, there is no cooldown, ε or floor, the count test differs by rule (<see cref="AdaptiveRule"/>),
/// and the rule can stop training.
/// </para>
/// <para>
/// Per report (one epoch): in <see cref="PlateauMode.Min"/> (a training loss) the epoch is bad when
/// <c>metric &gt; best − tol</c>; in <see cref="PlateauMode.Max"/> (a validation score, <c>early_stopping=True</c>)
/// when <c>metric &lt; best + tol</c>. A bad epoch increments the count, a good one resets it; then best = min (max) of
/// best and metric. When the count reaches the limit: if η &gt; 10⁻⁶, η /= 5 and the count resets; otherwise the rule
/// stops (<see cref="IsStopped"/>). scikit-learn's SGD compares the summed epoch loss with <c>tol·n_samples</c>;
/// report the mean loss and pass <c>tol</c> (equal up to rounding).
/// </para>
/// <para>Metric k is reported after epoch k and can first change the rate of epoch k + 1. <see cref="Report(double)"/> allocates nothing.</para>
/// </remarks>
public sealed class AdaptiveLearningRate
{
    /// <summary>The rate at or below which the rule stops instead of dividing again (scikit-learn's 1e-6).</summary>
    public const double StopBelow = 1e-6;

    /// <summary>The divisor of a reduction (scikit-learn's 5).</summary>
    public const double Divisor = 5.0;

    /// <summary>Creates the rule.</summary>
    /// <param name="initialLearningRate">η₀ (<c>eta0</c> or <c>learning_rate_init</c>); finite and greater than 0.</param>
    /// <param name="tolerance"><c>tol</c> (scikit-learn's default 1e-3; MLP 1e-4); finite, 0 or more.</param>
    /// <param name="iterationsWithoutChange"><c>n_iter_no_change</c> (default 5; MLP 10); 1 or more.</param>
    /// <param name="mode"><see cref="PlateauMode.Min"/> for a loss, <see cref="PlateauMode.Max"/> for a validation score.</param>
    /// <param name="rule">Which estimator's count test to use.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range given.</exception>
    public AdaptiveLearningRate(
        double initialLearningRate,
        double tolerance = 1e-3,
        int iterationsWithoutChange = 5,
        PlateauMode mode = PlateauMode.Min,
        AdaptiveRule rule = AdaptiveRule.Sgd)
    {
        if (!(initialLearningRate > 0 && double.IsFinite(initialLearningRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(initialLearningRate), initialLearningRate, "eta0 must be a finite number greater than 0.");
        }

        if (!(tolerance >= 0 && double.IsFinite(tolerance)))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tol must be a finite number, 0 or more.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(iterationsWithoutChange, 1);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Mode must be PlateauMode.Min or PlateauMode.Max.");
        }

        if (!Enum.IsDefined(rule))
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule, "Rule must be AdaptiveRule.Sgd or AdaptiveRule.Mlp.");
        }

        LearningRate = initialLearningRate;
        Tolerance = tolerance;
        IterationsWithoutChange = iterationsWithoutChange;
        Mode = mode;
        Rule = rule;
        Best = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
    }

    /// <summary><c>tol</c>.</summary>
    public double Tolerance { get; }

    /// <summary><c>n_iter_no_change</c>.</summary>
    public int IterationsWithoutChange { get; }

    /// <summary>Whether smaller (loss) or larger (score) is better.</summary>
    public PlateauMode Mode { get; }

    /// <summary>Which estimator's count test is used.</summary>
    public AdaptiveRule Rule { get; }

    /// <summary>The rate the next epoch uses.</summary>
    public double LearningRate { get; private set; }

    /// <summary>The best metric so far (any strict improvement); ±∞ before the first report.</summary>
    public double Best { get; private set; }

    /// <summary>Consecutive epochs without improvement by <see cref="Tolerance"/> since the last reset.</summary>
    public int NoImprovementCount { get; private set; }

    /// <summary>The number of divisions by 5 so far.</summary>
    public int ReductionCount { get; private set; }

    /// <summary>The number of metrics reported.</summary>
    public long StepCount { get; private set; }

    /// <summary>Whether the rule has stopped training (scikit-learn breaks out of its epoch loop).</summary>
    public bool IsStopped { get; private set; }

    /// <summary>Reports the metric of the epoch that just ended.</summary>
    /// <param name="metric">The epoch's mean training loss (<see cref="PlateauMode.Min"/>) or validation score; finite.</param>
    /// <returns>Whether the rate was divided by 5. Check <see cref="IsStopped"/> to learn whether training should stop.</returns>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is NaN or infinite; nothing was changed.</exception>
    /// <exception cref="InvalidOperationException">The rule has already stopped.</exception>
    public bool Report(double metric)
    {
        PlateauRule.CheckMetric(metric);
        if (IsStopped)
        {
            throw new InvalidOperationException("The adaptive rule has stopped training; no further epochs are expected.");
        }

        StepCount++;
        if (Mode == PlateauMode.Min)
        {
            NoImprovementCount = metric > Best - Tolerance ? NoImprovementCount + 1 : 0;
            if (metric < Best)
            {
                Best = metric;
            }
        }
        else
        {
            NoImprovementCount = metric < Best + Tolerance ? NoImprovementCount + 1 : 0;
            if (metric > Best)
            {
                Best = metric;
            }
        }

        bool triggered = Rule == AdaptiveRule.Sgd ? NoImprovementCount >= IterationsWithoutChange : NoImprovementCount > IterationsWithoutChange;
        if (!triggered)
        {
            return false;
        }

        if (LearningRate > StopBelow)
        {
            LearningRate /= Divisor;
            NoImprovementCount = 0;
            ReductionCount++;
            return true;
        }

        IsStopped = true;
        return false;
    }
}
