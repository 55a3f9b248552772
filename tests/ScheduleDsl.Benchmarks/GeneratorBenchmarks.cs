extern alias generator;

using System.Collections.Immutable;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ScheduleDsl.Benchmarks;

/// <summary>
/// Generator throughput: a compilation with 1,000 schedule types (ten files of 100), generated from scratch; and an
/// edit to an unrelated file after a first run, which the incremental pipeline should absorb from its cache.
/// </summary>
public class GeneratorBenchmarks
{
    private static readonly string[] Kinds =
    [
        "[Warmup(500)][Cosine(10_000, Final = 3e-5)]",
        "[MultiStep(0.1, 30, 60, 80)]",
        "[OneCycle(1000)]",
        "[Cyclic(20, 1e-5, Mode = CyclicMode.Triangular2)]",
        "[Warmup(100)][Constant(800)][Decay(100, Shape = CurveShape.OneMinusSqrt)]",
        "[CosineRestarts(50, Multiplier = 2, Final = 1e-5)]",
        "[Linear(10, 0.1, 1.0)][Exponential(0.99)]",
        "[Polynomial(500, Power = 2)]",
    ];

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmed = null!;

    [GlobalSetup]
    public void Setup()
    {
        var trees = Enumerable.Range(0, 10).Select(file =>
        {
            var source = new StringBuilder("using ScheduleDsl;\nnamespace Bench").Append(file).Append(";\n");
            for (int i = 0; i < 100; i++)
            {
                source.Append("[LearningRate(").Append(1 + i).Append("e-4)]").Append(Kinds[i % Kinds.Length]).Append(" public partial struct S").Append(i).Append(";\n");
            }

            return CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.Latest), path: $"Schedules{file}.cs");
        }).ToList();
        SyntaxTree unrelated = CSharpSyntaxTree.ParseText("namespace Other; public class Unrelated { public int X; }", new CSharpParseOptions(LanguageVersion.Latest), path: "Unrelated.cs");
        _compilation = CSharpCompilation.Create(
            "Bench",
            [.. trees, unrelated],
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(ISchedule).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _edited = _compilation.ReplaceSyntaxTree(
            unrelated,
            CSharpSyntaxTree.ParseText("namespace Other; public class Unrelated { public int X; public int Y; }", new CSharpParseOptions(LanguageVersion.Latest), path: "Unrelated.cs"));
        _warmed = NewDriver().RunGenerators(_compilation);
        if (_warmed.GetRunResult().GeneratedTrees.Length != 1000)
        {
            throw new System.InvalidOperationException("expected 1,000 generated files");
        }
    }

    [Benchmark(Baseline = true, Description = "1,000 schedules from scratch")]
    public int FromScratch() => NewDriver().RunGenerators(_compilation).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "unrelated edit, incremental")]
    public int IncrementalEdit() => _warmed.RunGenerators(_edited).GetRunResult().GeneratedTrees.Length;

    private static GeneratorDriver NewDriver()
        => CSharpGeneratorDriver.Create(
            ImmutableArray.Create(new generator::ScheduleDsl.Generator.ScheduleGenerator().AsSourceGenerator()),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest));
}
