using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Generator.Diagnostics;

/// <summary>
/// The Roslyn face of <see cref="ProblemCatalog"/>: one <see cref="DiagnosticDescriptor"/> per problem, made from its
/// ID, title, message format, severity and help link (the text lives in the catalog only).
/// </summary>
internal static class DiagnosticDescriptors
{
    private static readonly Dictionary<Problem, DiagnosticDescriptor> ByProblem = Map();

    /// <summary>Every descriptor, in ID order: what the analyzer supports.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.CreateRange(System.Linq.Enumerable.Select(ProblemCatalog.All, For));

    /// <summary>The descriptor of a problem.</summary>
    public static DiagnosticDescriptor For(Problem problem) => ByProblem[problem];

    private static Dictionary<Problem, DiagnosticDescriptor> Map()
    {
        var map = new Dictionary<Problem, DiagnosticDescriptor>();
        foreach (Problem problem in ProblemCatalog.All)
        {
            map.Add(problem, new DiagnosticDescriptor(
                problem.Id,
                problem.Title,
                problem.MessageFormat,
                Problem.Category,
                problem.Severity switch
                {
                    ProblemSeverity.Error => DiagnosticSeverity.Error,
                    ProblemSeverity.Warning => DiagnosticSeverity.Warning,
                    _ => DiagnosticSeverity.Info,
                },
                isEnabledByDefault: true,
                helpLinkUri: problem.HelpLink));
        }

        return map;
    }
}
