using System;

using ScheduleDsl.Language;

namespace ScheduleDsl;

/// <summary>
/// The length of a phase as a builder takes it: a number of optimizer updates, or a length that only the training run
/// turns into updates — epochs (timm's <c>*_epochs × updates_per_epoch</c>), a fraction of the run (Hugging Face's
/// <c>warmup_ratio</c>, rounded up) or the rest of the run (Hugging Face warmup-stable-decay's stable phase).
/// </summary>
/// <remarks>
/// It prints as the length string of the text form (<c>500</c>, <c>"2 epochs"</c>, <c>"0.05 of run"</c>,
/// <c>"rest"</c>; docs/text-form.md), which the text form and the generator read with the same parser. A
/// <see cref="long"/> converts implicitly to a length in steps.
/// </remarks>
public readonly struct ScheduleLength : IEquatable<ScheduleLength>
{
    private readonly LengthSpec _spec;

    private ScheduleLength(LengthSpec spec) => _spec = spec;

    /// <summary>The rest of the run: what the run's total steps leave after every other phase. At most one phase may take it.</summary>
    public static ScheduleLength Rest => new(LengthSpec.Rest);

    /// <summary>Whether the length is a number of steps, known without a training run.</summary>
    public bool IsSteps => _spec.Unit is LengthUnit.Steps or LengthUnit.Invalid;

    /// <summary>The length as the text form writes it: <c>500</c>, <c>2 epochs</c>, <c>0.05 of run</c>, <c>rest</c>.</summary>
    internal string Text => _spec.Unit == LengthUnit.Invalid ? "0" : _spec.ToString();

    /// <summary>A length of <paramref name="steps"/> optimizer updates.</summary>
    /// <param name="steps">The number of updates, from 0 to 2⁵³ (the descriptors reject 0 where a phase needs one).</param>
    /// <returns>The length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is negative or above 2⁵³.</exception>
    public static ScheduleLength Steps(long steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(steps, 1L << 53);
        return new(LengthSpec.FromSteps(steps));
    }

    /// <summary>A length of <paramref name="epochs"/> epochs, multiplied by the run's updates per epoch when bound (it must give whole steps).</summary>
    /// <param name="epochs">The number of epochs, finite and positive; fractions such as 0.5 are allowed.</param>
    /// <returns>The length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is not finite and positive.</exception>
    public static ScheduleLength Epochs(double epochs)
    {
        if (!double.IsFinite(epochs) || epochs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "A number of epochs is finite and positive.");
        }

        return new(LengthSpec.FromEpochs(epochs));
    }

    /// <summary>
    /// A fraction of the run's total steps, rounded up when bound: Hugging Face's
    /// <c>math.ceil(num_training_steps * warmup_ratio)</c>.
    /// </summary>
    /// <param name="fraction">The fraction, in (0, 1].</param>
    /// <returns>The length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in (0, 1].</exception>
    public static ScheduleLength Fraction(double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A fraction of the run is in (0, 1].");
        }

        return new(LengthSpec.FromFraction(fraction));
    }

    /// <summary>A percentage of the run's total steps: <c>Percent(5)</c> is <c>Fraction(0.05)</c>.</summary>
    /// <param name="percent">The percentage, in (0, 100].</param>
    /// <returns>The length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is not in (0, 100].</exception>
    public static ScheduleLength Percent(double percent)
    {
        if (!(percent > 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentage of the run is in (0, 100].");
        }

        return new(LengthSpec.FromFraction(percent / 100));
    }

    /// <summary>Reads a length string of the text form: <c>"500"</c>, <c>"500 steps"</c>, <c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c>.</summary>
    /// <param name="text">The length string.</param>
    /// <returns>The length.</returns>
    /// <exception cref="FormatException">The text is not a length; the message says why.</exception>
    public static ScheduleLength Parse(string text)
    {
        LengthSpec spec = LengthSpec.Parse(text);
        return spec.Unit == LengthUnit.Invalid ? throw new FormatException(spec.Error) : new ScheduleLength(spec);
    }

    /// <summary>A length of <paramref name="steps"/> updates.</summary>
    /// <param name="steps">The number of updates.</param>
    public static implicit operator ScheduleLength(long steps) => Steps(steps);

    /// <summary>The length as the text form writes it, e.g. <c>2 epochs</c>.</summary>
    /// <returns>A string <see cref="Parse(string)"/> reads back to an equal length.</returns>
    public override string ToString() => Text;

    /// <inheritdoc/>
    public bool Equals(ScheduleLength other) => Text == other.Text;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ScheduleLength other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <summary>Whether two lengths are equal.</summary>
    /// <param name="left">A length.</param>
    /// <param name="right">Another length.</param>
    /// <returns>Whether they print the same.</returns>
    public static bool operator ==(ScheduleLength left, ScheduleLength right) => left.Equals(right);

    /// <summary>Whether two lengths differ.</summary>
    /// <param name="left">A length.</param>
    /// <param name="right">Another length.</param>
    /// <returns>Whether they print differently.</returns>
    public static bool operator !=(ScheduleLength left, ScheduleLength right) => !left.Equals(right);
}
