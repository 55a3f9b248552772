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
        // Per schedule: two outputs each; the registry's collected list and its namespace: one.
        foreach ((string step, int count) in new[] { (ScheduleGenerator.ModelStep, 2), (ScheduleGenerator.ValidStep, 2), (ScheduleGenerator.RegistryEntryStep, 2), (ScheduleGenerator.RegistryStep, 1), (ScheduleGenerator.RegistryNamespaceStep, 1) })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToArray();
            Assert.Equal(count, outputs.Length);
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

        // The registry lists names and kinds only: a changed argument leaves its list unchanged and its file cached.
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.All(result.TrackedSteps[ScheduleGenerator.RegistryStep].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.Equal(IncrementalStepRunReason.Cached, RegistryOutput(result).Reason);
    }

    [Fact]
    public void Renaming_a_schedule_or_binding_it_to_the_run_rewrites_the_registry()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Schedules);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        foreach (string edit in new[] { Schedules.Replace("struct B;", "struct C;", System.StringComparison.Ordinal), Schedules.Replace("Cosine(10_000", "Cosine(\"rest\"", System.StringComparison.Ordinal) })
        {
            CSharpCompilation second = first.ReplaceSyntaxTree(first.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(edit, GeneratorHarness.ParseOptions, path: "Source0.cs"));
            GeneratorRunResult result = driver.RunGenerators(second).GetRunResult().Results.Single();
            Assert.All(result.TrackedSteps[ScheduleGenerator.RegistryStep].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
            Assert.Equal(IncrementalStepRunReason.Modified, RegistryOutput(result).Reason);
        }
    }

    /// <summary>The registry's source output: the output step fed, through the combine, by the registry step.</summary>
    private static IncrementalGeneratorRunStep RegistryOutputStep(GeneratorRunResult result)
        => result.TrackedOutputSteps.SelectMany(s => s.Value).Single(s => FedBy(s, ScheduleGenerator.RegistryStep));

    private static (object Value, IncrementalStepRunReason Reason) RegistryOutput(GeneratorRunResult result)
        => RegistryOutputStep(result).Outputs.Single();

    private static bool FedBy(IncrementalGeneratorRunStep step, string name)
        => step.Inputs.Any(i => i.Source.Name == name || FedBy(i.Source, name));

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
