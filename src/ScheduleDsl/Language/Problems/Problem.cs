using System.Globalization;

namespace ScheduleDsl.Language.Problems;

/// <summary>How bad a <see cref="Problem"/> is; the generator maps it one to one onto Roslyn's <c>DiagnosticSeverity</c>.</summary>
internal enum ProblemSeverity
{
    /// <summary>A note: the schedule is as written, maybe not as meant.</summary>
    Info,

    /// <summary>The schedule is legal but almost certainly a mistake.</summary>
    Warning,

    /// <summary>No correct schedule can be built: the generator emits throwing stubs, the text form throws.</summary>
    Error,
}

/// <summary>
/// One kind of mistake in a schedule, as plain values: what the analyzer reports as a diagnostic and the text form
/// throws as a <c>ScheduleFormatException</c>. Instances live in <see cref="ProblemCatalog"/> only.
/// </summary>
internal sealed class Problem
{
    /// <summary>The category of every schedule problem.</summary>
    public const string Category = "ScheduleDsl";

    private const string HelpLinkBase = "https://github.com/ScheduleDsl/ScheduleDsl/blob/main/docs/diagnostics/";

    public Problem(string id, string title, string messageFormat, ProblemSeverity severity)
    {
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        Severity = severity;
    }

    /// <summary>The SDL ID, e.g. <c>SDL0004</c>.</summary>
    public string Id { get; }

    /// <summary>The one-line title.</summary>
    public string Title { get; }

    /// <summary>The composite format of the message, with <c>{0}</c>… for the arguments.</summary>
    public string MessageFormat { get; }

    public ProblemSeverity Severity { get; }

    public bool IsError => Severity == ProblemSeverity.Error;

    /// <summary>The page that explains the problem: docs/diagnostics/ID.md.</summary>
    public string HelpLink => HelpLinkBase + Id + ".md";

    /// <summary>
    /// The message with its arguments, formatted with the invariant culture as Roslyn's
    /// <c>Diagnostic.GetMessage(CultureInfo.InvariantCulture)</c> formats it (<c>string.Format</c> over the same
    /// arguments); numbers that are not whole are passed already shown by <see cref="Literal.Double(double)"/>.
    /// </summary>
    /// <param name="args">The message arguments.</param>
    /// <returns>The message.</returns>
    public string Format(params object?[] args)
        => args.Length == 0 ? MessageFormat : string.Format(CultureInfo.InvariantCulture, MessageFormat, args);

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>
/// Where descriptors, validators and the lowering pass report what they find: a problem, the attribute it is about
/// (null for the schedule as a whole, which the host places at its type or its whole text), the token of the argument
/// within that attribute, and the message arguments. Only the host resolves the token: the generator to a Roslyn
/// <c>Location</c>, the text form to a position in the text.
/// </summary>
internal interface IProblemSink
{
    /// <summary>Records one problem.</summary>
    /// <param name="problem">What is wrong.</param>
    /// <param name="attribute">The attribute the problem is about, or null for the schedule as a whole.</param>
    /// <param name="location">The argument within <paramref name="attribute"/> (ignored when it is null).</param>
    /// <param name="args">The message arguments.</param>
    void Report(Problem problem, IArgumentReader? attribute, ArgumentLocation location, object?[] args);
}
