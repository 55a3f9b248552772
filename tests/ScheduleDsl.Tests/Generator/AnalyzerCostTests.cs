extern alias generator;

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using ScheduleAnalyzer = generator::ScheduleDsl.Generator.Diagnostics.ScheduleAnalyzer;

namespace ScheduleDsl.Tests.Generator;

/// <summary>The analyzer resolves the attribute symbols once per compilation and does nothing where ScheduleDsl is not referenced.</summary>
public sealed class AnalyzerCostTests
{
    private const string Source = "namespace Other; public partial struct A; public class B { public int X; }";

    [Fact]
    public void A_compilation_without_ScheduleDsl_registers_no_symbol_action()
    {
        CSharpCompilation without = CSharpCompilation.Create(
            "NoScheduleDsl",
            [CSharpSyntaxTree.ParseText(Source, GeneratorHarness.ParseOptions)],
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        Assert.Equal(0, SymbolActions(without));
        Assert.Equal(1, SymbolActions(GeneratorHarness.Compile(Source)));
    }

    private static int SymbolActions(Compilation compilation)
    {
        var analyzer = new ScheduleAnalyzer();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        CompilationWithAnalyzers analysis = compilation.WithAnalyzers([analyzer], options);
        Assert.Empty(analysis.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult());
        return analysis.GetAnalyzerTelemetryInfoAsync(analyzer, default).GetAwaiter().GetResult().SymbolActionsCount;
    }
}
