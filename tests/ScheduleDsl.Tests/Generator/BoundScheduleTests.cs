using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Generator;

/// <summary>
/// Compiled schedules with lengths or a peak from the training run: what the analyzer checks without the run, and
/// the message a bound schedule gets while the generator does not compile them (SDL0040, SDL0041).
/// </summary>
public sealed class BoundScheduleTests
{
    private const string Prefix = "using ScheduleDsl;\nnamespace Demo;\n";

    [Theory]
    [InlineData("[Cosine(\"2 fortnights\")]", "\"2 fortnights\"")]
    [InlineData("[Warmup(\"5 percent\")] [Cosine(10)]", "\"5 percent\"")]
    [InlineData("[Warmup(10)] [Cosine(\"1.5 steps\", Final = 1e-5)]", "\"1.5 steps\"")]
    [InlineData("[Warmup(10)] [Cosine(\"150%\")]", "\"150%\"")]
    public void A_malformed_length_string_is_SDL0114_at_the_string_with_the_text_forms_message(string phases, string marked)
    {
        string source = Prefix + $"[LearningRate(0.1)] {phases} public partial struct S;";
        Diagnostic error = Assert.Single(GeneratorHarness.Analyze(source), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("SDL0114", error.Id);
        Assert.Equal(source.IndexOf(marked, StringComparison.Ordinal), error.Location.SourceSpan.Start);
        Assert.Equal(marked.Length, error.Location.SourceSpan.Length);

        // The run-time reader of the same text throws the same ID and message.
        ScheduleFormatException thrown = Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse($"[LearningRate(0.1)] {phases}"));
        Assert.Equal(error.Id, thrown.DiagnosticId);
        Assert.Equal(error.GetMessage(CultureInfo.InvariantCulture), thrown.DiagnosticMessage);
    }

    [Fact]
    public void A_length_string_in_steps_is_a_constant_schedule_with_the_same_values()
    {
        string[] sources =
        [
            Prefix + "[LearningRate(3e-4)] [Warmup(\"500 steps\")] [Cosine(\"9_500\", Final = 3e-5)] public partial struct A;",
            Prefix + "[LearningRate(3e-4)] [Warmup(500)] [Cosine(9_500, Final = 3e-5)] public partial struct B;",
        ];
        Assert.Empty(GeneratorHarness.Analyze(sources));
        GeneratorRun run = GeneratorHarness.Run(sources);
        Assert.Empty(run.CompilationDiagnostics);
        System.Reflection.Assembly assembly = GeneratorHarness.Load(run.Output);
        Func<long, double> a = GeneratorHarness.At(assembly, "Demo.A");
        Func<long, double> b = GeneratorHarness.At(assembly, "Demo.B");
        foreach (long step in new long[] { 0, 1, 250, 499, 500, 501, 5_000, 9_999, 10_000, 123_456 })
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(b(step)), BitConverter.DoubleToInt64Bits(a(step)));
        }
    }

    [Fact]
    public void Lengths_from_the_run_are_SDL0040_at_each_string_and_the_rest_of_the_schedule_is_still_checked()
    {
        string source = Prefix + "[LearningRate(3e-4)] [Warmup(\"5%\", StartFactor = 1.5)] [Cosine(\"rest\", Final = 3e-5)] public partial struct S;";
        Diagnostic[] errors = [.. GeneratorHarness.Analyze(source).Where(d => d.Severity == DiagnosticSeverity.Error).OrderBy(d => d.Location.SourceSpan.Start)];
        Assert.Equal(["SDL0040", "SDL0006", "SDL0040"], errors.Select(d => d.Id));
        Assert.Equal("\"5%\"", source.Substring(errors[0].Location.SourceSpan.Start, errors[0].Location.SourceSpan.Length));
        Assert.Equal("StartFactor = 1.5", source.Substring(errors[1].Location.SourceSpan.Start, errors[1].Location.SourceSpan.Length));
        Assert.Equal("\"rest\"", source.Substring(errors[2].Location.SourceSpan.Start, errors[2].Location.SourceSpan.Length));
        Assert.Equal(
            "Steps of [Warmup] is 0.05 of the run, a length that only the training run gives; compiled schedules bound to a run are not generated yet: write the length in steps, or parse the schedule as text (ScheduleText) and resolve it against the run",
            errors[0].GetMessage(CultureInfo.InvariantCulture));

        // No cascade: the schedule gets stubs, code using it compiles, and its members throw the first error.
        string user = source + "\npublic static class User { public static double Rate(long step) => S.At(step); }";
        GeneratorRun run = GeneratorHarness.Run(user);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Empty(run.GeneratorDiagnostics);
        var thrown = Assert.Throws<InvalidOperationException>(() => GeneratorHarness.At(GeneratorHarness.Load(run.Output), "Demo.S")(0));
        Assert.Contains("SDL0040: Steps of [Warmup] is 0.05 of the run", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LearningRate_without_a_rate_is_SDL0041_at_the_attribute_and_the_phases_are_still_checked()
    {
        string source = Prefix + "[LearningRate] [Warmup(10)] [Cosine(0)] public partial struct S;";
        Diagnostic[] errors = [.. GeneratorHarness.Analyze(source).Where(d => d.Severity == DiagnosticSeverity.Error).OrderBy(d => d.Location.SourceSpan.Start)];
        Assert.Equal(["SDL0041", "SDL0004"], errors.Select(d => d.Id));
        Assert.Equal("LearningRate", source.Substring(errors[0].Location.SourceSpan.Start, errors[0].Location.SourceSpan.Length));
        Assert.Empty(GeneratorHarness.Run(source).CompilationDiagnostics);
    }

    [Fact]
    public void Every_overload_with_a_run_length_compiles_to_stubs_without_throwing_in_the_generator()
    {
        string[] phases =
        [
            "[Warmup(\"5%\")]", "[Constant(\"rest\")]", "[Linear(\"2 epochs\", 0.1, 1.0)]", "[Cosine(\"0.5 of run\")]", "[StepDecay(\"1 epoch\", 0.5, Steps = 100)]",
            "[Polynomial(\"rest\")]", "[OneCycle(\"100%\")]", "[Cyclic(\"1 epoch\", 0.01, Steps = 100)]", "[CosineRestarts(\"1 epoch\", Steps = 100)]",
            "[Noam(\"5%\", 512, Steps = 100)]", "[InverseSqrt(\"1 epoch\", Steps = 100)]", "[InverseTime(\"1 epoch\", 0.5, Steps = 100)]",
            "[Decay(\"rest\")]", "[Tanh(\"rest\")]", "[SwaAnneal(\"1 epoch\", 0.05)]",
        ];
        string source = Prefix + string.Concat(phases.Select((p, i) => $"[LearningRate(0.1)] {p} public partial struct S{i};\n"));
        var diagnostics = GeneratorHarness.Analyze(source);
        Assert.Equal(phases.Length, diagnostics.Count(d => d.Id == "SDL0040"));
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id != "SDL0040");
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Equal(phases.Length, run.Sources.Count);
    }
}
