using System;

using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Text;

/// <summary>
/// Schedule text that cannot be read: a syntax error, a value the text form does not accept, or arguments that do not
/// fit the attribute they are written on. Every error in the text form is this exception; its
/// <see cref="DiagnosticId"/> is an SDL diagnostic ID of the library's one problem table, with a page under
/// <c>docs/diagnostics/</c>.
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

    /// <summary>Creates the exception for a problem of the catalog: every error the library throws is made here.</summary>
    /// <param name="problem">The catalog entry (<see cref="ProblemCatalog"/>): its ID is the exception's.</param>
    /// <param name="diagnosticMessage">The message, formatted from the entry's message format.</param>
    /// <param name="position">Where in the text the error is.</param>
    internal ScheduleFormatException(Problem problem, string diagnosticMessage, TextPosition position)
        : this(problem.Id, diagnosticMessage, position)
    {
    }

    /// <summary>The SDL diagnostic ID.</summary>
    public string DiagnosticId { get; }

    /// <summary>The message as the analyzer would word it, without the ID and the position.</summary>
    public string DiagnosticMessage { get; }

    /// <summary>Where in the text the error is.</summary>
    public TextPosition Position { get; }
}
