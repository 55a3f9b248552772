extern alias generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleGenerator = generator::ScheduleDsl.Generator.ScheduleGenerator;
using ScheduleAnalyzer = generator::ScheduleDsl.Generator.Diagnostics.ScheduleAnalyzer;

namespace ScheduleDsl.Tests.Infrastructure;

/// <summary>What one in-memory run of the generator produced.</summary>
public sealed record GeneratorRun(
    CSharpCompilation Input,
    Compilation Output,
    GeneratorDriver Driver,
    ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>The generated files of the schedules: every file but the assembly's registry (<see cref="Registry"/>).</summary>
    public IReadOnlyList<GeneratedSourceResult> Sources => AllSources.Where(s => s.HintName != RegistryHintName).ToArray();

    /// <summary>Every generated file, the registry included.</summary>
    public IReadOnlyList<GeneratedSourceResult> AllSources => Driver.GetRunResult().Results.Single().GeneratedSources;

    /// <summary>The text of the <c>CompiledSchedules</c> registry, or null when none was generated (no valid schedule).</summary>
    public string? Registry => AllSources.SingleOrDefault(s => s.HintName == RegistryHintName).SourceText?.ToString();

    private const string RegistryHintName = generator::ScheduleDsl.Generator.Emission.RegistryEmitter.HintName;

    public string Source(string hintName) => Sources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>Every diagnostic of the compiled output (errors and warnings, generated code included).</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics => Output.GetDiagnostics();
}

/// <summary>Runs the generator and analyzer on source text, offline, against the .NET 10 reference assemblies.</summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(ISchedule).Assembly.Location),
    ];

    public static CSharpCompilation Compile(params string[] sources)
        => CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress },
                deterministic: true));

    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            [new ScheduleGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(params string[] sources) => Run(Compile(sources));

    public static GeneratorRun Run(CSharpCompilation input)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(input, output, driver, diagnostics);
    }

    /// <summary>The analyzer's diagnostics for the sources, sorted by position.</summary>
    public static ImmutableArray<Diagnostic> Analyze(params string[] sources) => Analyze(Compile(sources));

    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation)
        => compilation
            .WithAnalyzers([new ScheduleAnalyzer()])
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();

    /// <summary>Emits the output compilation and loads it into a collectible context that shares ScheduleDsl.dll.</summary>
    public static Assembly Load(Compilation output)
    {
        using var stream = new MemoryStream();
        var result = output.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("Emit failed:\n" + string.Join("\n", result.Diagnostics));
        }

        stream.Position = 0;
        return new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
    }

    public static Func<long, double> At(Assembly assembly, string typeName)
        => assembly.GetType(typeName, throwOnError: true)!.GetMethod("At")!.CreateDelegate<Func<long, double>>();

    public static Func<long, double> MomentumAt(Assembly assembly, string typeName)
        => assembly.GetType(typeName, throwOnError: true)!.GetMethod("MomentumAt")!.CreateDelegate<Func<long, double>>();

    public static Func<long, float> AtSingle(Assembly assembly, string typeName)
        => assembly.GetType(typeName, throwOnError: true)!.GetMethod("AtSingle")!.CreateDelegate<Func<long, float>>();

    public delegate void FillDelegate(Span<float> destination, long firstStep);

    public static FillDelegate Fill(Assembly assembly, string typeName)
        => assembly.GetType(typeName, throwOnError: true)!.GetMethod("Fill")!.CreateDelegate<FillDelegate>();
}
