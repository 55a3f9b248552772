using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;

namespace ScheduleDsl.Tests.Generator;

/// <summary>
/// Regression tests for the examples of issue 10: names and type shapes that used to crash the generator (CS8785) or
/// generate code that did not compile, and numbers that used to give NaN, ±Inf or a Fill far from AtSingle.
/// </summary>
public sealed class HostileInputTests
{
    private static void AssertGeneratedCleanly(GeneratorRun run, int expectedSources)
    {
        Assert.Null(run.Driver.GetRunResult().Results.Single().Exception);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.Equal(expectedSources, run.Sources.Count);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Theory]
    [InlineData("namespace @if.Demo { [LearningRate(0.1)][Warmup(10)] partial struct S; } static class Use { static double X() => global::@if.Demo.S.At(1); }", 1)]
    [InlineData("namespace @class.@namespace.@var { [LearningRate(0.1)][Warmup(10)] partial struct S; } static class Use { static double X() => global::@class.@namespace.@var.S.At(1); }", 1)]
    [InlineData("namespace Demo { [LearningRate(0.1)][Warmup(10)] partial struct Sched; [LearningRate(0.2)][Warmup(10)] partial struct SCHED; [LearningRate(0.3)][Warmup(10)] partial struct sched; }", 3)]
    [InlineData("namespace DEMO { [LearningRate(0.1)][Warmup(10)] partial struct S; } namespace Demo { [LearningRate(0.1)][Warmup(10)] partial struct S; }", 2)]
    [InlineData("partial class a { [LearningRate(0.1)][Warmup(10)] partial struct B; } namespace A { [LearningRate(0.1)][Warmup(10)] partial struct B; }", 2)]
    [InlineData("partial class A { [LearningRate(0.1)][Warmup(10)] partial struct B; } namespace N.A { [LearningRate(0.1)][Warmup(10)] partial struct B; }", 2)]
    [InlineData("[LearningRate(0.1)][Warmup(10)] partial struct @var; [LearningRate(0.1)][Warmup(10)] partial struct @dynamic; [LearningRate(0.1)][Warmup(10)] partial struct nameof; [LearningRate(0.1)][Warmup(10)] partial struct @long;", 4)]
    [InlineData("[LearningRate(0.1)][Warmup(10)] partial struct @class; static class Use { static double X() => @class.At(1); }", 1)]
    [InlineData("partial class @class { [LearningRate(0.1)][Warmup(10)] partial struct @if; } partial record @record { [LearningRate(0.1)][Warmup(10)] partial struct @var; }", 2)]
    [InlineData("namespace Ä.Ünïcode { [LearningRate(0.1)][Warmup(10)] partial struct Straße; [LearningRate(0.1)][Warmup(10)] partial struct STRASSE; }", 2)]
    public void Names_that_used_to_crash_the_generator_are_generated_and_compile(string source, int schedules)
    {
        GeneratorRun run = GeneratorHarness.Run("using ScheduleDsl;\n" + source);

        AssertGeneratedCleanly(run, schedules);
        Assert.Equal(schedules, run.Sources.Select(s => s.HintName.ToUpperInvariant()).Distinct().Count());
        Assert.All(run.Sources, s => Assert.Matches("^[A-Za-z0-9_.+-]+\\.g\\.cs$", s.HintName));
    }

    [Fact]
    public void A_schedule_the_user_documents_keeps_one_summary_and_gets_the_preview_in_remarks()
    {
        // Issue 16: two <summary> elements (the user's and the generated one) made IDEs show only the first.
        GeneratorRun run = GeneratorHarness.Run("using ScheduleDsl;\nnamespace Demo;\n/// <summary>The schedule of the large model.</summary>\n[LearningRate(0.1)][Warmup(10)][Cosine(90)] public partial struct S;");
        AssertGeneratedCleanly(run, 1);

        string xml = run.Output.GetTypeByMetadataName("Demo.S")!.GetDocumentationCommentXml()!;
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(xml, "<summary>"));
        Assert.Contains("The schedule of the large model.", xml, StringComparison.Ordinal);
        System.Xml.Linq.XElement remarks = System.Xml.Linq.XElement.Parse(xml).Element("remarks")!;
        Assert.Contains("Learning-rate schedule: peak 0.1, 100 steps", remarks.Value, StringComparison.Ordinal);
        Assert.Contains("warmup ends at step 10", remarks.Value, StringComparison.Ordinal);

        // Undocumented, the preview stays the summary.
        GeneratorRun plain = GeneratorHarness.Run("using ScheduleDsl;\nnamespace Demo;\n[LearningRate(0.1)][Warmup(10)][Cosine(90)] public partial struct S;");
        string summary = System.Xml.Linq.XElement.Parse(plain.Output.GetTypeByMetadataName("Demo.S")!.GetDocumentationCommentXml()!).Element("summary")!.Value;
        Assert.Contains("Learning-rate schedule: peak 0.1, 100 steps", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_local_schedule_is_diagnosed_and_does_not_crash()
    {
        const string Source = "using ScheduleDsl;\n[LearningRate(0.1)][Warmup(10)] file partial struct S;";
        GeneratorRun run = GeneratorHarness.Run(Source);

        AssertGeneratedCleanly(run, 0);
        Assert.Contains(GeneratorHarness.Analyze(Source), d => d.Id == "SDL0015" && d.GetMessage(CultureInfo.InvariantCulture).Contains("file-local", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("At")]
    [InlineData("AtSingle")]
    [InlineData("Fill")]
    [InlineData("TotalSteps")]
    [InlineData("PeakLearningRate")]
    [InlineData("MomentumAt")]
    public void A_type_named_like_a_generated_member_gets_SDL0027_not_CS0542(string name)
    {
        string source = $"using ScheduleDsl;\nnamespace Demo;\n[LearningRate(0.1)][OneCycle(100)] public partial struct {name};";
        GeneratorRun run = GeneratorHarness.Run(source);

        AssertGeneratedCleanly(run, 0);
        Assert.Contains(GeneratorHarness.Analyze(source), d => d.Id == "SDL0027");
    }

    [Fact]
    public void OneCycle_with_PctStart_times_length_one_used_to_be_NaN_at_step_0()
    {
        // The boundary case is rejected (SDL0017, in the diagnostic tests); the neighbours on either side generate and
        // are finite at every step.
        foreach (string pct in new[] { "0.09", "0.11", "0.1000001" })
        {
            GeneratorRun run = GeneratorHarness.Run($"using ScheduleDsl;\n[LearningRate(0.1)][OneCycle(10, PctStart = {pct})] public partial struct S;");
            AssertGeneratedCleanly(run, 1);
            var at = GeneratorHarness.At(GeneratorHarness.Load(run.Output), "S");
            for (long step = 0; step < 12; step++)
            {
                Assert.True(double.IsFinite(at(step)) && at(step) >= 0, $"PctStart {pct}: At({step}) = {at(step)}");
            }
        }
    }

    [Theory]
    [InlineData("[Exponential(1.5)]", 0.1, 1.5, 1L)]
    [InlineData("[StepDecay(3, 2.0)]", 0.1, 2.0, 3L)]
    public void The_overflow_message_names_the_first_step_past_float_MaxValue(string phase, double peak, double gamma, long stepSize)
    {
        // Independent float64 reference: the first k with peak·γ^k > float.MaxValue, as a step.
        long k = 0;
        while (peak * Math.Pow(gamma, k) <= float.MaxValue)
        {
            k++;
        }

        Diagnostic overflow = Assert.Single(GeneratorHarness.Analyze($"using ScheduleDsl;\n[LearningRate({peak.ToString(CultureInfo.InvariantCulture)})]{phase} public partial struct S;"), d => d.Id == "SDL0029");
        Assert.Contains($"out of range at step {k * stepSize},", overflow.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[CosineRestarts(1, Multiplier = 1.0000000001)]")]
    [InlineData("[CosineRestarts(3, Multiplier = 1.5, Decay = 0.5)]")]
    [InlineData("[Cosine(1000, End = EndBehavior.Periodic)]")]
    [InlineData("[StepDecay(7, 0.99)]")]
    [InlineData("[Cyclic(1000, 0.001, Mode = CyclicMode.ExpRange, Gamma = 0.999999)]")]
    [InlineData("[InverseSqrt(100)]")]
    [InlineData("[Noam(4000, 512)]")]
    public void Fill_agrees_with_AtSingle_beyond_2_to_the_53(string phase)
    {
        GeneratorRun run = GeneratorHarness.Run($"using ScheduleDsl;\n[LearningRate(0.1)]{phase} public partial struct S;");
        AssertGeneratedCleanly(run, 1);
        var assembly = GeneratorHarness.Load(run.Output);
        var atSingle = GeneratorHarness.AtSingle(assembly, "S");
        var fill = GeneratorHarness.Fill(assembly, "S");
        var buffer = new float[67];
        foreach (long first in new[] { (1L << 53) - 33, 1L << 53, (1L << 53) + 1, 1L << 60, (1L << 62) + 12345, long.MaxValue - 66 })
        {
            fill(buffer, first);
            for (int i = 0; i < buffer.Length; i++)
            {
                Assert.True(Ulp.Distance(buffer[i], atSingle(first + i)) <= 1, $"{phase} at step {first + i}: Fill {buffer[i]:R}, AtSingle {atSingle(first + i):R}");
            }
        }
    }
}
