using System;

namespace ScheduleDsl.Text;

/// <summary>
/// Schedule text that cannot be read: a syntax error, a value the text form does not accept, or arguments that do not
/// fit the attribute they are written on. Every error in the text form is this exception; its
/// <see cref="DiagnosticId"/> is an SDL diagnostic ID with a page under <c>docs/diagnostics/</c>.
/// </summary>
public sealed class ScheduleFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="diagnosticId">The SDL diagnostic ID, e.g. <c>SDL0100</c>.</param>
    /// <param name="diagnosticMessage">The message without ID and position.</param>
    /// <param name="position">Where in the text the error is.</param>
    public ScheduleFormatException(string diagnosticId, string diagnosticMessage, TextPosition position)
        : base($"{position}: {diagnosticId}: {diagnosticMessage}")
    {
        DiagnosticId = diagnosticId;
        DiagnosticMessage = diagnosticMessage;
        Position = position;
    }

    /// <summary>The SDL diagnostic ID.</summary>
    public string DiagnosticId { get; }

    /// <summary>The message as the analyzer would word it, without the ID and the position.</summary>
    public string DiagnosticMessage { get; }

    /// <summary>Where in the text the error is.</summary>
    public TextPosition Position { get; }
}

/// <summary>The IDs of the text form's own diagnostics (SDL0100–SDL0119); each has a page under docs/diagnostics/.</summary>
internal static class TextDiagnostics
{
    /// <summary>An unexpected character or token.</summary>
    public const string Syntax = "SDL0100";

    /// <summary>A numeric literal that is malformed or out of range for its type.</summary>
    public const string InvalidNumber = "SDL0101";

    /// <summary>A C# expression the text form does not evaluate (operators, typeof, nameof, identifiers).</summary>
    public const string UnsupportedExpression = "SDL0102";

    /// <summary>A name that is no schedule attribute, enum member or constant.</summary>
    public const string UnknownName = "SDL0103";

    /// <summary>Arguments that do not fit the attribute's constructor and properties.</summary>
    public const string ArgumentMismatch = "SDL0104";

    /// <summary>An attribute that may appear once appears again.</summary>
    public const string DuplicateAttribute = "SDL0105";

    /// <summary>Text beyond the limits the reader accepts.</summary>
    public const string TooLarge = "SDL0106";

    /// <summary>A length or the peak needs a value the training run does not supply.</summary>
    public const string MissingBinding = "SDL0110";

    /// <summary>A length that is not a whole number of steps.</summary>
    public const string NotWholeSteps = "SDL0111";

    /// <summary>Lengths that do not fit in the run.</summary>
    public const string LongerThanRun = "SDL0112";

    /// <summary>A length beyond 2^53 steps.</summary>
    public const string TooManySteps = "SDL0113";

    /// <summary>A string that is not a length.</summary>
    public const string InvalidLength = "SDL0114";

    /// <summary>The peak both declared and supplied at binding.</summary>
    public const string PeakTwice = "SDL0115";
}
