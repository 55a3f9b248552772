using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Text;

/// <summary>How much a <see cref="ScheduleProblem"/> matters; errors are not problems of a built schedule but exceptions.</summary>
public enum ScheduleProblemSeverity
{
    /// <summary>A note (the analyzer's Info): the schedule is as written, maybe not as meant.</summary>
    Info,

    /// <summary>A warning: the schedule is legal but almost certainly a mistake.</summary>
    Warning,
}

/// <summary>
/// A warning or note the analyzer's checks found in a schedule built at run time (<see cref="Schedule.Warnings"/>): the
/// same ID and message as the analyzer reports for the same attributes, and where in the text it is.
/// </summary>
public sealed class ScheduleProblem
{
    internal ScheduleProblem(Problem problem, string message, TextPosition position)
    {
        DiagnosticId = problem.Id;
        Message = message;
        Position = position;
        Severity = problem.Severity == ProblemSeverity.Warning ? ScheduleProblemSeverity.Warning : ScheduleProblemSeverity.Info;
        HelpLink = problem.HelpLink;
    }

    /// <summary>The SDL diagnostic ID, e.g. <c>SDL0019</c>.</summary>
    public string DiagnosticId { get; }

    /// <summary>The message as the analyzer words it, without the ID and the position.</summary>
    public string Message { get; }

    /// <summary>
    /// The argument (or array element) the problem is about; the attribute, or the whole text for the schedule as a
    /// whole. Positions are in the text as written, also when its lengths were resolved in a training run.
    /// </summary>
    public TextPosition Position { get; }

    /// <summary>Warning or note.</summary>
    public ScheduleProblemSeverity Severity { get; }

    /// <summary>The page that explains the problem (docs/diagnostics/ID.md).</summary>
    public string HelpLink { get; }

    /// <summary>The problem as a compiler prints it.</summary>
    /// <returns>For example <c>(1,22): SDL0019: Warmup takes 600 of the schedule's 1000 steps; …</c>.</returns>
    public override string ToString() => $"{Position}: {DiagnosticId}: {Message}";
}
