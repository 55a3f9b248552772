using System;

namespace ScheduleDsl;

/// <summary>How <see cref="LearningRateRangeTest"/> moves from the lowest to the highest rate.</summary>
public enum RangeTestSweep
{
    /// <summary>
    /// Geometric: rate i = min·(max/min)^(i/(N−1)), equal steps on a log axis (Smith 2017, fastai's <c>lr_find</c>,
    /// <c>torch-lr-finder</c>'s <c>step_mode="exp"</c>).
    /// </summary>
    Exponential = 0,

    /// <summary>Arithmetic: rate i = min + (max − min)·i/(N−1) (<c>torch-lr-finder</c>'s <c>step_mode="linear"</c>).</summary>
    Linear = 1,
}

/// <summary>The settings of a <see cref="LearningRateRangeTest"/>; the defaults are fastai's <c>lr_find</c>.</summary>
public sealed record RangeTestOptions
{
    /// <summary>The rate of the first step (fastai's <c>start_lr</c>, default 1e-7); finite and greater than 0.</summary>
    public double MinLearningRate { get; init; } = 1e-7;

    /// <summary>The rate of the last planned step (fastai's <c>end_lr</c>, default 10); finite and above <see cref="MinLearningRate"/>.</summary>
    public double MaxLearningRate { get; init; } = 10;

    /// <summary>The planned number of steps N (fastai's <c>num_it</c>, default 100); 2 or more.</summary>
    public int Steps { get; init; } = 100;

    /// <summary>The sweep; default <see cref="RangeTestSweep.Exponential"/>.</summary>
    public RangeTestSweep Sweep { get; init; } = RangeTestSweep.Exponential;

    /// <summary>β of the debiased moving average of the loss (fastai's <c>AvgSmoothLoss(beta=0.98)</c>); in [0, 1).</summary>
    public double Smoothing { get; init; } = 0.98;

    /// <summary>
    /// Stop once the smoothed loss exceeds this multiple of the best smoothed loss so far (fastai's 4); greater than
    /// 1, or <see cref="double.PositiveInfinity"/> to stop only on a non-finite loss.
    /// </summary>
    public double DivergenceFactor { get; init; } = 4;
}

/// <summary>The rates a <see cref="LearningRateRangeTest"/> suggests, each with the rule that produced it.</summary>
/// <param name="Steepest">
/// The rate where the smoothed loss falls fastest per unit of log-rate: rate[i] for the i minimising
/// (loss[i+1] − loss[i]) / (ln rate[i+1] − ln rate[i]) (fastai's <c>steep</c>).
/// </param>
/// <param name="SteepestIndex">The index i of <paramref name="Steepest"/> in the recorded curve.</param>
/// <param name="Minimum">The rate with the lowest smoothed loss.</param>
/// <param name="MinimumIndex">The index of <paramref name="Minimum"/> in the recorded curve.</param>
/// <remarks>
/// fastai's <c>minimum</c> suggestion is <see cref="MinimumOverTen"/>: one tenth of the rate at the minimum, which lies
/// safely before the loss turns up. Smith's one-cycle takes a peak close to <see cref="Minimum"/> itself and relies on
/// warmup to reach it.
/// </remarks>
public readonly record struct RangeTestSuggestion(double Steepest, int SteepestIndex, double Minimum, int MinimumIndex)
{
    /// <summary><see cref="Minimum"/>/10 (fastai's <c>minimum</c> suggestion).</summary>
    public double MinimumOverTen => Minimum / 10;
}

/// <summary>
/// The learning-rate range test (Smith, "Cyclical Learning Rates for Training Neural Networks", 2017; fastai's
/// <c>lr_find</c>): a short run whose rate sweeps from <see cref="RangeTestOptions.MinLearningRate"/> to
/// <see cref="RangeTestOptions.MaxLearningRate"/> while the caller reports the loss of each step; the smoothed loss
/// against the rate shows where training starts, where it is fastest and where it diverges.
/// </summary>
/// <remarks>
/// <para>
/// <b>Loop.</b> While <see cref="IsFinished"/> is false: compute the gradient of one mini-batch, update the parameters
/// with <see cref="LearningRate"/> (for example <c>optimizer.Step(parameters, gradients, test.LearningRate)</c>), and
/// call <see cref="Report(double)"/> with that mini-batch's loss (measured before the update, as fastai records it).
/// Restore the initial weights afterwards: the test is a probe, not training.
/// </para>
/// <para>
/// <b>Smoothing.</b> fastai's debiased exponential moving average: a ← β·a + (1 − β)·loss with a₀ = 0, and the
/// smoothed loss after k reports is a/(1 − β^k).
/// </para>
/// <para>
/// <b>Stop.</b> After N reports, or as soon as a loss is not finite, or the smoothed loss exceeds
/// <see cref="RangeTestOptions.DivergenceFactor"/> × the best smoothed loss so far (fastai's <c>stop_div</c>). The
/// report that triggers the stop is recorded.
/// </para>
/// <para>
/// <b>Sweep.</b> Rate i = min·(max/min)^(i/(N−1)): the last planned step uses max exactly (as <c>torch-lr-finder</c>);
/// fastai uses i/N and stops one step short of max.
/// </para>
/// <para>
/// <b>Suggestion.</b> <see cref="Suggest"/> drops the first ⌊N/10⌋ and the last 5 recorded points as fastai does (the
/// smoothing has not settled at the start, and the last points are the divergence), unless fewer than 2 would remain;
/// then it applies the rules of <see cref="RangeTestSuggestion"/> to the rest.
/// </para>
/// <para>All storage is allocated by the constructor: <see cref="Report(double)"/> allocates nothing. Not thread-safe.</para>
/// </remarks>
public sealed class LearningRateRangeTest
{
    private readonly double[] _rates;
    private readonly double[] _losses;
    private readonly double[] _smoothed;
    private readonly double _logRatio;
    private double _average;
    private double _betaPower = 1;
    private int _count;

    /// <summary>Creates the test.</summary>
    /// <param name="options">The settings; <see langword="null"/> for fastai's defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting lies outside the range its documentation gives.</exception>
    public LearningRateRangeTest(RangeTestOptions? options = null)
    {
        Options = options ?? new RangeTestOptions();
        double min = Options.MinLearningRate, max = Options.MaxLearningRate;
        if (!(min > 0 && double.IsFinite(min)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), min, "MinLearningRate must be a finite number greater than 0.");
        }

        if (!(max > min && double.IsFinite(max)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), max, "MaxLearningRate must be finite and greater than MinLearningRate.");
        }

        if (Options.Steps < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Steps, "Steps must be 2 or more.");
        }

        if (!(Options.Smoothing >= 0 && Options.Smoothing < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Smoothing, "Smoothing must lie in [0, 1).");
        }

        if (!(Options.DivergenceFactor > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.DivergenceFactor, "DivergenceFactor must be greater than 1.");
        }

        if (!Enum.IsDefined(Options.Sweep))
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Sweep, "Sweep must be Exponential or Linear.");
        }

        _rates = new double[Options.Steps];
        _losses = new double[Options.Steps];
        _smoothed = new double[Options.Steps];
        _logRatio = Math.Log(max / min);
        BestSmoothedLoss = double.PositiveInfinity;
    }

    /// <summary>The settings.</summary>
    public RangeTestOptions Options { get; }

    /// <summary>The rate the next step uses (the last planned rate once finished).</summary>
    public double LearningRate => RateAt(Math.Min(_count, Options.Steps - 1));

    /// <summary>The number of losses reported.</summary>
    public int Count => _count;

    /// <summary>Whether the test has stopped: all planned steps done, or diverged.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Whether the test stopped because the loss diverged (non-finite, or above the divergence factor).</summary>
    public bool Diverged { get; private set; }

    /// <summary>The lowest smoothed loss so far (+∞ before the first report).</summary>
    public double BestSmoothedLoss { get; private set; }

    /// <summary>The rate of each recorded step.</summary>
    public ReadOnlySpan<double> LearningRates => _rates.AsSpan(0, _count);

    /// <summary>The loss reported for each recorded step.</summary>
    public ReadOnlySpan<double> Losses => _losses.AsSpan(0, _count);

    /// <summary>The debiased moving average of the losses up to each recorded step.</summary>
    public ReadOnlySpan<double> SmoothedLosses => _smoothed.AsSpan(0, _count);

    /// <summary>The rate planned for step <paramref name="index"/> of the sweep.</summary>
    /// <param name="index">0 … N − 1.</param>
    /// <returns>The rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0 … N − 1.</exception>
    public double RateAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Options.Steps);
        double position = (double)index / (Options.Steps - 1);
        return Options.Sweep == RangeTestSweep.Exponential
            ? Options.MinLearningRate * Math.Exp(_logRatio * position)
            : Options.MinLearningRate + ((Options.MaxLearningRate - Options.MinLearningRate) * position);
    }

    /// <summary>Records the loss of the step that used <see cref="LearningRate"/> and advances the sweep.</summary>
    /// <param name="loss">The mini-batch loss (any value; NaN or ±∞ count as divergence).</param>
    /// <returns>Whether the test goes on (<see langword="false"/> once <see cref="IsFinished"/>).</returns>
    /// <exception cref="InvalidOperationException">The test has already finished.</exception>
    public bool Report(double loss)
    {
        if (IsFinished)
        {
            throw new InvalidOperationException("The range test has finished; no more losses can be reported.");
        }

        double beta = Options.Smoothing;
        _average = (beta * _average) + ((1 - beta) * loss);
        _betaPower *= beta;
        double smoothed = _average / (1 - _betaPower);
        _rates[_count] = LearningRate;
        _losses[_count] = loss;
        _smoothed[_count] = smoothed;
        _count++;
        if (!double.IsFinite(smoothed))
        {
            Diverged = true;
        }
        else
        {
            BestSmoothedLoss = Math.Min(BestSmoothedLoss, smoothed);
            Diverged = smoothed > Options.DivergenceFactor * BestSmoothedLoss;
        }

        IsFinished = Diverged || _count == Options.Steps;
        return !IsFinished;
    }

    /// <summary>Applies the suggestion rules (see the remarks of the type) to the recorded curve.</summary>
    /// <returns>The suggested rates.</returns>
    /// <exception cref="InvalidOperationException">Fewer than 2 finite points were recorded.</exception>
    public RangeTestSuggestion Suggest()
    {
        int first = Options.Steps / 10, last = _count - 5;
        if (last - first < 2)
        {
            first = 0;
            last = _count;
        }

        int minimum = -1, steepest = -1;
        double lowest = double.PositiveInfinity, steepestSlope = double.PositiveInfinity;
        for (int i = first; i < last; i++)
        {
            double loss = _smoothed[i];
            if (!double.IsFinite(loss))
            {
                continue;
            }

            if (loss < lowest)
            {
                lowest = loss;
                minimum = i;
            }

            if (i + 1 < last && double.IsFinite(_smoothed[i + 1]))
            {
                double slope = (_smoothed[i + 1] - loss) / (Math.Log(_rates[i + 1]) - Math.Log(_rates[i]));
                if (slope < steepestSlope)
                {
                    steepestSlope = slope;
                    steepest = i;
                }
            }
        }

        if (minimum < 0 || steepest < 0)
        {
            throw new InvalidOperationException($"The range test recorded {_count} points, too few finite ones to suggest a rate.");
        }

        return new RangeTestSuggestion(_rates[steepest], steepest, _rates[minimum], minimum);
    }
}
