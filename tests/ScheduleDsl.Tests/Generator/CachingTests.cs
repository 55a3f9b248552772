extern alias generator;

using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using ScheduleGenerator = generator::ScheduleDsl.Generator.ScheduleGenerator;

namespace ScheduleDsl.Tests.Generator;

/// <summary>The incremental pipeline reuses its models when nothing about a schedule changed.</summary>
public sealed class CachingTests
{
    private const string Schedules = """
        using ScheduleDsl;
        namespace Demo;
        [LearningRate(3e-4)][Warmup(500)][Cosine(10_000, Final = 3e-5)] public partial struct A;
        [LearningRate(0.1)][MultiStep(0.1, 30, 60, 80)] public partial struct B;
        """;

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Schedules, "namespace Other; public class Unrelated { public int X; }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        CSharpCompilation second = first.ReplaceSyntaxTree(
            first.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace Other; public class Unrelated { public int X; public int Y; }", GeneratorHarness.ParseOptions, path: "Source1.cs"));
        driver = driver.RunGenerators(second);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in new[] { ScheduleGenerator.ModelStep, ScheduleGenerator.ValidStep })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToArray();
            Assert.Equal(2, outputs.Length);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Changing_an_argument_modifies_only_that_schedule()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Schedules);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        CSharpCompilation second = first.ReplaceSyntaxTree(
            first.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(Schedules.Replace("Final = 3e-5", "Final = 1e-5", System.StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: "Source0.cs"));
        driver = driver.RunGenerators(second);

        var reasons = driver.GetRunResult().Results.Single().TrackedSteps[ScheduleGenerator.ModelStep]
            .SelectMany(s => s.Outputs)
            .Select(o => o.Reason)
            .ToArray();
        Assert.Equal(2, reasons.Length);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        Assert.Contains(IncrementalStepRunReason.Unchanged, reasons);
    }

    [Fact]
    public void Running_twice_on_the_same_input_produces_byte_identical_output()
    {
        GeneratorRun once = GeneratorHarness.Run(Schedules);
        GeneratorRun twice = GeneratorHarness.Run(Schedules);

        Assert.Equal(
            once.Sources.Select(s => (s.HintName, s.SourceText.ToString())),
            twice.Sources.Select(s => (s.HintName, s.SourceText.ToString())));
    }
}
