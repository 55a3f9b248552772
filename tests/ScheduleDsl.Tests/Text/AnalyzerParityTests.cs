using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Language.Problems;
using ScheduleDsl.Tests.Generator;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Text;

/// <summary>
/// The analyzer and the text form run the same descriptors and the same pass: every diagnostic test case whose
/// attributes the text form can express gets the same IDs and messages from both, the marked argument is where the
/// text form places the problem, and the runtime throws the first error and keeps the warnings.
/// </summary>
public sealed class AnalyzerParityTests
{
    private const string Prefix = "using ScheduleDsl;\nnamespace Demo;\n";

    /// <summary>Problems of the C# declaration rather than of its attributes (its shape, its members, its base types).</summary>
    private static readonly HashSet<string> DeclarationOnly = ["SDL0001", "SDL0014", "SDL0015", "SDL0026", "SDL0027", "SDL0028"];

    public static TheoryData<string, string, string> Cases => DiagnosticTests.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_text_form_reports_what_the_analyzer_reports(string id, string marked, string valid)
    {
        foreach (string source in new[] { marked, valid })
        {
            if (DiagnosticCasesAsTextTests.Attributes(source) is not { } text)
            {
                continue;
            }

            string[] analyzer = GeneratorHarness.Analyze(Prefix + Unmarked(source))
                .Where(d => !DeclarationOnly.Contains(d.Id))
                .Select(d => $"{d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}")
                .OrderBy(m => m, StringComparer.Ordinal)
                .ToArray();
            string[] runtime = ScheduleText.Parse(text).Check("S", out _)
                .Select(p => $"{p.DiagnosticId}: {p.Message}")
                .OrderBy(m => m, StringComparer.Ordinal)
                .ToArray();

            Assert.Equal(analyzer, runtime);
            if (source == marked && !DeclarationOnly.Contains(id))
            {
                // Not vacuous: the case's own diagnostic is among those compared.
                Assert.Contains(runtime, m => m.StartsWith(id + ": ", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_text_form_places_the_problem_at_the_marked_argument_and_throws_only_errors(string id, string marked, string valid)
    {
        _ = valid;
        if (DeclarationOnly.Contains(id) || DiagnosticCasesAsTextTests.Attributes(marked) is not { } text)
        {
            return;
        }

        ScheduleText parsed = ScheduleText.Parse(text);
        TextProblem problem = Assert.Single(parsed.Check("S", out _), p => p.DiagnosticId == id);
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int length = marked.IndexOf("|]", StringComparison.Ordinal) - 2 - start;
        if (start < text.Length)
        {
            Assert.Equal((start, length), (problem.Position.Offset, problem.Position.Length));
        }
        else
        {
            // Marked at the type name: the schedule as a whole, which is the whole text.
            Assert.Equal((0, text.Length), (problem.Position.Offset, problem.Position.Length));
        }

        if (problem.Severity == ProblemSeverity.Error)
        {
            TextProblem first = parsed.Check("S", out _).First(p => p.Severity == ProblemSeverity.Error);
            ScheduleFormatException thrown = Assert.Throws<ScheduleFormatException>(() => parsed.Lower("S"));
            Assert.Equal((first.DiagnosticId, first.Message, first.Position), (thrown.DiagnosticId, thrown.DiagnosticMessage, thrown.Position));
        }
        else
        {
            Assert.Contains(parsed.Lower("S").Warnings, w => w.DiagnosticId == id && w.Message == problem.Message);
        }
    }

    private static string Unmarked(string source) => source.Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal);
}
