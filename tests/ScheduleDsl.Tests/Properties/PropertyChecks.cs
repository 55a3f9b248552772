extern alias generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleDsl.Tests.Infrastructure;

namespace ScheduleDsl.Tests.Properties;

/// <summary>The checks every property shares: the generator and analyzer never fail, and the output compiles without a diagnostic.</summary>
internal static class PropertyChecks
{
    /// <summary>Runs the generator and the analyzer over <paramref name="source"/>; the failures found, and the analyzer's diagnostics.</summary>
    public static (GeneratorRun Run, ImmutableArray<Diagnostic> Analyzer, List<string> Failures) Run(string source)
    {
        var failures = new List<string>();
        GeneratorRun run = GeneratorHarness.Run(source);
        if (run.Driver.GetRunResult().Results.Single().Exception is { } exception)
        {
            failures.Add($"the generator threw {exception.Message}");
        }

        failures.AddRange(run.GeneratorDiagnostics.Where(d => d.Id is "CS8784" or "CS8785").Select(d => $"the generator failed: {d}"));

        var analyzerExceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (e, _, _) => analyzerExceptions.Add(e), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> analyzer = run.Output
            .WithAnalyzers([new generator::ScheduleDsl.Generator.Diagnostics.ScheduleAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        failures.AddRange(analyzerExceptions.Select(e => $"the analyzer threw {e.Message}"));
        failures.AddRange(analyzer.Where(d => d.Id == "AD0001").Select(d => $"the analyzer failed: {d}"));

        Diagnostic[] compiler = run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        if (compiler.Length > 0)
        {
            failures.Add($"the output does not compile cleanly: {string.Join("; ", compiler.Take(4))}");
        }

        return (run, analyzer, failures);
    }

    /// <summary>Whether an SDL error lies within [start, end) of the first source.</summary>
    public static bool HasSdlError(ImmutableArray<Diagnostic> analyzer, int start, int end, out Diagnostic? error)
    {
        error = analyzer.FirstOrDefault(d => d.DefaultSeverity == DiagnosticSeverity.Error && d.Id.StartsWith("SDL", StringComparison.Ordinal)
            && d.Location.SourceSpan.Start >= start && d.Location.SourceSpan.End <= end);
        return error is not null;
    }

    public static void Increment<TValue>(SortedDictionary<string, TValue> counts, string key)
        where TValue : System.Numerics.INumber<TValue>
        => counts[key] = counts.GetValueOrDefault(key, TValue.Zero) + TValue.One;
}
