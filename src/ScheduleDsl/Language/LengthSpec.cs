using System;
using System.Globalization;

namespace ScheduleDsl.Language;

/// <summary>How a <see cref="LengthSpec"/> counts.</summary>
internal enum LengthUnit
{
    /// <summary>The text is not a length; <see cref="LengthSpec.Error"/> says why.</summary>
    Invalid = 0,

    /// <summary>Optimizer updates, as every length is counted today.</summary>
    Steps = 1,

    /// <summary>Epochs, multiplied by the updates per epoch of the training run (timm's <c>*_epochs × updates_per_epoch</c>).</summary>
    Epochs = 2,

    /// <summary>A fraction of the run's total steps, rounded up (Hugging Face <c>ceil(num_training_steps × warmup_ratio)</c>).</summary>
    Fraction = 3,

    /// <summary>What the run leaves after every other phase (Hugging Face warmup-stable-decay's stable phase).</summary>
    Rest = 4,
}

/// <summary>
/// A length written in a schedule: a number of steps, or a length that only the training run can turn into steps
/// (<c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c>). The string forms are constants, so the same
/// text is valid in a C# attribute and in the text form; both sides parse it here.
/// </summary>
/// <remarks>
/// The grammar of a length string (case-insensitive, blanks around the parts allowed):
/// <code>
/// length   = count [ "step" | "steps" ]           (* a whole number of steps *)
///          | number ( "epoch" | "epochs" )        (* × updates per epoch; must give whole steps *)
///          | number "%"                           (* number/100 of the run, rounded up *)
///          | number "of" "run"                    (* a fraction of the run, rounded up *)
///          | "rest" ;                             (* the run minus every other phase *)
/// count    = digit { digit | "_" } ;
/// number   = count [ "." digit { digit | "_" } ] ;
/// </code>
/// This file is linked into the generator: netstandard2.0, no allocation beyond the error text.
/// </remarks>
internal readonly struct LengthSpec : IEquatable<LengthSpec>
{
    private LengthSpec(LengthUnit unit, double value, string? error)
    {
        Unit = unit;
        Value = value;
        Error = error;
    }

    /// <summary>The unit the length is counted in.</summary>
    public LengthUnit Unit { get; }

    /// <summary>The number written: steps, epochs, or the fraction of the run (0.05 for <c>"5%"</c>); 0 for <see cref="LengthUnit.Rest"/>.</summary>
    public double Value { get; }

    /// <summary>Why the text is not a length, when <see cref="Unit"/> is <see cref="LengthUnit.Invalid"/>.</summary>
    public string? Error { get; }

    /// <summary>Whether the length is a plain number of steps, known without a training run.</summary>
    public bool IsSteps => Unit == LengthUnit.Steps;

    /// <summary>A length of <paramref name="steps"/> steps.</summary>
    /// <param name="steps">The number of steps.</param>
    /// <returns>The length.</returns>
    public static LengthSpec FromSteps(long steps) => new(LengthUnit.Steps, steps, null);

    /// <summary>A length of <paramref name="epochs"/> epochs.</summary>
    /// <param name="epochs">The number of epochs.</param>
    /// <returns>The length.</returns>
    public static LengthSpec FromEpochs(double epochs) => new(LengthUnit.Epochs, epochs, null);

    /// <summary>A fraction of the run.</summary>
    /// <param name="fraction">The fraction, 0.05 for 5 %.</param>
    /// <returns>The length.</returns>
    public static LengthSpec FromFraction(double fraction) => new(LengthUnit.Fraction, fraction, null);

    /// <summary>The rest of the run.</summary>
    public static LengthSpec Rest => new(LengthUnit.Rest, 0, null);

    /// <summary>Reads a length string; never throws (a malformed text gives <see cref="LengthUnit.Invalid"/>).</summary>
    /// <param name="text">The string as written, without quotes.</param>
    /// <returns>The length, or an invalid one whose <see cref="Error"/> says what is wrong.</returns>
    public static LengthSpec Parse(string? text)
    {
        string s = (text ?? string.Empty).Trim();
        if (s.Length == 0)
        {
            return Invalid(text, "it is empty");
        }

        if (string.Equals(s, "rest", StringComparison.OrdinalIgnoreCase))
        {
            return Rest;
        }

        int end = 0;
        bool fractional = false;
        while (end < s.Length && (IsDigit(s[end]) || (s[end] == '_' && end > 0) || (s[end] == '.' && !fractional && end > 0)))
        {
            fractional |= s[end] == '.';
            end++;
        }

        string digits = s.Substring(0, end);
        if (digits.Length == 0 || !IsDigit(digits[digits.Length - 1]) || digits.Contains("_.") || digits.Contains("._"))
        {
            return Invalid(text, "it does not start with a number (write \"500\", \"2 epochs\", \"5%\", \"0.05 of run\" or \"rest\")");
        }

        if (!double.TryParse(digits.Replace("_", string.Empty), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number)
            || double.IsInfinity(number))
        {
            return Invalid(text, "its number is out of range");
        }

        string unit = s.Substring(end).Trim();
        switch (unit.ToLowerInvariant())
        {
            case "":
            case "step":
            case "steps":
                return fractional || number > (1L << 53)
                    ? Invalid(text, "a number of steps is a whole number up to 2^53")
                    : FromSteps((long)number);
            case "epoch":
            case "epochs":
                return FromEpochs(number);
            case "%":
                return number > 100 ? Invalid(text, "a percentage of the run is at most 100%") : FromFraction(number / 100);
            default:
                if (IsOfRun(unit))
                {
                    return number > 1 ? Invalid(text, "a fraction of the run is at most 1") : FromFraction(number);
                }

                return Invalid(text, $"'{unit}' is not a unit (steps, epochs, %, of run)");
        }
    }

    /// <summary>The canonical text: <c>500</c>, <c>2 epochs</c>, <c>5%</c>, <c>rest</c>.</summary>
    /// <returns>A string <see cref="Parse(string)"/> reads back to an equal length.</returns>
    public override string ToString() => Unit switch
    {
        LengthUnit.Steps => ((long)Value).ToString(CultureInfo.InvariantCulture),
        LengthUnit.Epochs => Value.ToString("R", CultureInfo.InvariantCulture) + (Value == 1 ? " epoch" : " epochs"),
        LengthUnit.Fraction => Value.ToString("R", CultureInfo.InvariantCulture) + " of run",
        LengthUnit.Rest => "rest",
        _ => "invalid length: " + Error,
    };

    /// <inheritdoc/>
    public bool Equals(LengthSpec other) => Unit == other.Unit && Value.Equals(other.Value) && Error == other.Error;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is LengthSpec other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ((int)Unit * 397) ^ Value.GetHashCode();

    private static LengthSpec Invalid(string? text, string why)
        => new(LengthUnit.Invalid, 0, $"\"{text}\" is not a length: {why}");

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsOfRun(string unit)
    {
        string[] words = unit.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 2
            && string.Equals(words[0], "of", StringComparison.OrdinalIgnoreCase)
            && string.Equals(words[1], "run", StringComparison.OrdinalIgnoreCase);
    }
}
