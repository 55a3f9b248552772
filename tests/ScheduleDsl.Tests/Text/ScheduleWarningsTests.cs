using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Tests.Generator;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Text;

/// <summary>
/// <see cref="Schedule.Warnings"/>: a schedule built from text keeps the warnings and notes the analyzer reports for the
/// same attributes, with the same IDs and messages (the analyzer's diagnostic test cases run through both paths).
/// </summary>
public sealed class ScheduleWarningsTests
{
    /// <summary>The name a schedule built from text has in messages; the C# type is given the same name.</summary>
    private const string TypeName = "schedule";

    /// <summary>Problems of the C# declaration rather than of its attributes (as in <see cref="AnalyzerParityTests"/>).</summary>
    private static readonly HashSet<string> DeclarationOnly = ["SDL0001", "SDL0014", "SDL0015", "SDL0026", "SDL0027", "SDL0028"];

    public static TheoryData<string, string, string> Cases => DiagnosticTests.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_built_schedule_warns_as_the_analyzer_warns_about_the_same_attributes(string id, string marked, string valid)
    {
        foreach (string source in new[] { marked, valid })
        {
            if (DiagnosticCasesAsTextTests.Attributes(source) is { } text)
            {
                Schedule? schedule = AssertSameAsAnalyzer(text);
                if (source == marked && schedule is not null && !DeclarationOnly.Contains(id))
                {
                    // Not vacuous: the case's own warning or note is among those compared.
                    Assert.Contains(schedule.Warnings, w => w.DiagnosticId == id);
                }
            }
        }
    }

    [Fact]
    public void A_schedule_without_phases_carries_the_analyzers_note()
    {
        Schedule schedule = AssertSameAsAnalyzer("[LearningRate(0.25)]")!;
        ScheduleProblem note = Assert.Single(schedule.Warnings);
        Assert.Equal(("SDL0003", ScheduleProblemSeverity.Info), (note.DiagnosticId, note.Severity));
    }

    [Fact]
    public void Every_warning_and_note_of_the_catalog_is_exercised_through_the_text_path()
    {
        var seen = new HashSet<string>();
        foreach (object[] row in Cases)
        {
            if (DiagnosticCasesAsTextTests.Attributes((string)row[1]) is { } text && Schedule.TryParse(text, null, out Schedule? schedule, out _))
            {
                seen.UnionWith(schedule.Warnings.Select(w => w.DiagnosticId));
            }
        }

        seen.UnionWith(Schedule.Parse("[LearningRate(0.25)]").Warnings.Select(w => w.DiagnosticId)); // SDL0003: its case is not in the table
        string[] expected = Language.Problems.ProblemCatalog.All
            .Where(p => p.Severity != Language.Problems.ProblemSeverity.Error)
            .Select(p => p.Id)
            .ToArray();
        Assert.Empty(expected.Except(seen));
    }

    [Fact]
    public void A_warning_has_the_position_of_its_argument_in_the_text_as_written_and_its_page()
    {
        // Bound to a run: the warmup's "60%" resolves to 600 steps, and the warning points at the string as written.
        const string Text = "[LearningRate(0.1)] [Warmup(\"60%\")] [Cosine(\"rest\")]";
        Schedule schedule = Schedule.Parse(Text, new TrainingRun(TotalSteps: 1000));
        ScheduleProblem warning = Assert.Single(schedule.Warnings);
        Assert.Equal("SDL0019", warning.DiagnosticId);
        Assert.Equal(ScheduleProblemSeverity.Warning, warning.Severity);
        Assert.Equal("Warmup takes 600 of the schedule's 1000 steps; a warmup longer than half the schedule leaves little time at the peak", warning.Message);
        Assert.Equal(Text.IndexOf("Warmup", StringComparison.Ordinal), warning.Position.Offset);
        Assert.Equal("https://github.com/ScheduleDsl/ScheduleDsl/blob/main/docs/diagnostics/SDL0019.md", warning.HelpLink);
        Assert.Equal($"(1,{warning.Position.Column}): SDL0019: {warning.Message}", warning.ToString());
        Assert.Empty(Schedule.Parse("[LearningRate(0.1)] [Warmup(40)] [Cosine(60)]").Warnings);
    }

    /// <summary>
    /// Builds <paramref name="text"/> and compares its warnings and notes (ID, severity, message) with what the analyzer
    /// reports for the same attributes on a type of the name messages give a built schedule; when the analyzer reports
    /// an error, the text must not build. Returns the schedule, or null.
    /// </summary>
    private static Schedule? AssertSameAsAnalyzer(string text)
    {
        Diagnostic[] analyzer = GeneratorHarness.Analyze($"using ScheduleDsl;\nnamespace Demo;\n{text} public partial struct {TypeName};")
            .Where(d => d.Id.StartsWith("SDL", StringComparison.Ordinal) && !DeclarationOnly.Contains(d.Id))
            .ToArray();

        // The test compilation treats warnings as errors; the descriptor keeps the severity the analyzer gives.
        if (analyzer.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
        {
            Assert.False(Schedule.TryParse(text, null, out _, out _), string.Join("\n", analyzer.Select(d => d.ToString())));
            return null;
        }

        Schedule schedule = Schedule.Parse(text);
        Assert.Equal(
            analyzer.Select(d => $"{d.Id} {d.Descriptor.DefaultSeverity}: {d.GetMessage(CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal),
            schedule.Warnings.Select(w => $"{w.DiagnosticId} {w.Severity}: {w.Message}").Order(StringComparer.Ordinal));
        return schedule;
    }
}
