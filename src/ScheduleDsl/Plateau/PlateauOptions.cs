using System;

namespace ScheduleDsl;

/// <summary>Whether a smaller or a larger metric is an improvement.</summary>
public enum PlateauMode
{
    /// <summary>Smaller is better (a loss). PyTorch's <c>mode='min'</c>.</summary>
    Min = 0,

    /// <summary>Larger is better (an accuracy or a score). PyTorch's <c>mode='max'</c>.</summary>
    Max = 1,
}

/// <summary>How <see cref="PlateauOptions.Threshold"/> turns the best metric into the bar a new metric must pass.</summary>
public enum PlateauThresholdMode
{
    /// <summary>
    /// Relative: better means <c>metric &lt; best·(1 − threshold)</c> (min) or <c>metric &gt; best·(1 + threshold)</c> (max).
    /// PyTorch's <c>threshold_mode='rel'</c>.
    /// </summary>
    Relative = 0,

    /// <summary>
    /// Absolute: better means <c>metric &lt; best − threshold</c> (min) or <c>metric &gt; best + threshold</c> (max).
    /// PyTorch's <c>threshold_mode='abs'</c>.
    /// </summary>
    Absolute = 1,
}

/// <summary>
/// The hyperparameters of <see cref="ReduceOnPlateau"/>: PyTorch's <c>ReduceLROnPlateau</c> arguments with its defaults.
/// Every property is validated when it is set (also through a <c>with</c> expression), so an instance is always valid.
/// </summary>
/// <remarks>
/// PyTorch: <c>ReduceLROnPlateau(optimizer, mode='min', factor=0.1, patience=10, threshold=1e-4,
/// threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8)</c>.
/// </remarks>
public sealed record PlateauOptions
{
    private readonly PlateauMode _mode = PlateauMode.Min;
    private readonly double _factor = 0.1;
    private readonly int _patience = 10;
    private readonly double _threshold = 1e-4;
    private readonly PlateauThresholdMode _thresholdMode = PlateauThresholdMode.Relative;
    private readonly int _cooldown;
    private readonly double _minLearningRate;
    private readonly double _epsilon = 1e-8;

    /// <summary>Whether smaller (<see cref="PlateauMode.Min"/>, default) or larger metrics are better.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="PlateauMode"/>.</exception>
    public PlateauMode Mode
    {
        get => _mode;
        init => _mode = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Mode), value, "Mode must be PlateauMode.Min or PlateauMode.Max.");
    }

    /// <summary>The factor a reduction multiplies the rate by: new = max(old·factor, <see cref="MinLearningRate"/>). Default 0.1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in [0, 1) (PyTorch rejects factor ≥ 1).</exception>
    public double Factor
    {
        get => _factor;
        init => _factor = value >= 0 && value < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Factor), value, "Factor must be at least 0 and less than 1 (a reduction multiplies the rate by it).");
    }

    /// <summary>
    /// The number of consecutive reports without improvement that are tolerated: the rate is reduced on the
    /// (<c>Patience</c> + 1)-th. Default 10.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int Patience
    {
        get => _patience;
        init => _patience = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Patience), value, "Patience must be 0 or more (the number of bad reports tolerated before a reduction).");
    }

    /// <summary>The margin a metric must beat the best by to count as an improvement (see <see cref="ThresholdMode"/>). Default 1e-4.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double Threshold
    {
        get => _threshold;
        init => _threshold = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Threshold), value, "Threshold must be a finite number, 0 or more.");
    }

    /// <summary>Whether <see cref="Threshold"/> is relative (default) or absolute.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="PlateauThresholdMode"/>.</exception>
    public PlateauThresholdMode ThresholdMode
    {
        get => _thresholdMode;
        init => _thresholdMode = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ThresholdMode), value, "ThresholdMode must be PlateauThresholdMode.Relative or PlateauThresholdMode.Absolute.");
    }

    /// <summary>The number of reports after a reduction during which bad reports are not counted. Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int Cooldown
    {
        get => _cooldown;
        init => _cooldown = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Cooldown), value, "Cooldown must be 0 or more (reports after a reduction that are not counted).");
    }

    /// <summary>The floor a reduction never goes below. Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double MinLearningRate
    {
        get => _minLearningRate;
        init => _minLearningRate = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MinLearningRate), value, "MinLearningRate must be a finite number, 0 or more.");
    }

    /// <summary>
    /// A reduction is applied only when it lowers the rate by more than this (PyTorch's <c>eps</c>):
    /// old − new &gt; <c>Epsilon</c>. Default 1e-8.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double Epsilon
    {
        get => _epsilon;
        init => _epsilon = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Epsilon), value, "Epsilon must be a finite number, 0 or more.");
    }

    /// <summary>The best metric before any report: +∞ for <see cref="PlateauMode.Min"/>, −∞ for <see cref="PlateauMode.Max"/>.</summary>
    public double InitialBest => _mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
}
