extern alias codefixes;
extern alias generator;

using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using MakePartialCodeFix = codefixes::ScheduleDsl.CodeFixes.MakePartialCodeFix;
using MoveEndToLastPhaseCodeFix = codefixes::ScheduleDsl.CodeFixes.MoveEndToLastPhaseCodeFix;
using RemoveStartCodeFix = codefixes::ScheduleDsl.CodeFixes.RemoveStartCodeFix;
using ScheduleAnalyzer = generator::ScheduleDsl.Generator.Diagnostics.ScheduleAnalyzer;
using SortMilestonesCodeFix = codefixes::ScheduleDsl.CodeFixes.SortMilestonesCodeFix;

namespace ScheduleDsl.Tests.CodeFixes;

/// <summary>
/// Each code fix on exact before/after text ({|ID:...|} marks where the analyzer reports), offline against the
/// .NET 10 reference assemblies and ScheduleDsl.dll. The testing library also applies Fix All in document,
/// project and solution scope to every case and expects the same result.
/// </summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task SDL0001_adds_partial_after_the_other_modifiers()
        => Verify<MakePartialCodeFix>(
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Warmup(10)]
            [Cosine(90, Final = 0.001)]
            public readonly struct {|SDL0001:S|};
            """,
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Warmup(10)]
            [Cosine(90, Final = 0.001)]
            public readonly partial struct S;
            """);

    [Fact]
    public Task SDL0001_adds_partial_to_the_type_and_to_its_containing_type()
        => VerifyNonLocal<MakePartialCodeFix>(
            """
            using ScheduleDsl;

            namespace Demo
            {
                public class {|SDL0001:Outer|}
                {
                    [LearningRate(0.1)]
                    [Cosine(100)]
                    record struct {|SDL0001:S|};
                }
            }
            """,
            """
            using ScheduleDsl;

            namespace Demo
            {
                public partial class Outer
                {
                    [LearningRate(0.1)]
                    [Cosine(100)]
                    partial record struct S;
                }
            }
            """);

    [Fact]
    public Task SDL0009_sorts_the_params_milestones_and_keeps_the_other_arguments()
        => Verify<SortMilestonesCodeFix>(
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [MultiStep(0.5, 300, {|SDL0009:100|}, 200, 200, Steps = 1_000)]
            public partial struct S;
            """,
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [MultiStep(0.5, 100, 200, 200, 300, Steps = 1_000)]
            public partial struct S;
            """);

    [Fact]
    public Task SDL0009_sorts_milestones_written_as_an_array()
        => Verify<SortMilestonesCodeFix>(
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [MultiStep(gamma: 0.1, {|SDL0009:milestones: new long[] { 60, 30, 90 }|})]
            public partial struct S;
            """,
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [MultiStep(gamma: 0.1, milestones: new long[] { 30, 60, 90 })]
            public partial struct S;
            """);

    [Fact]
    public Task SDL0009_sorts_the_boundaries_of_Piecewise_and_keeps_the_factors()
        => Verify<SortMilestonesCodeFix>(
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Piecewise(new[] { 1.0, 0.5, 0.1 }, 200, {|SDL0009:100|}, ChangeAfterBoundary = true)]
            public partial struct S;
            """,
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Piecewise(new[] { 1.0, 0.5, 0.1 }, 100, 200, ChangeAfterBoundary = true)]
            public partial struct S;
            """);

    [Fact]
    public Task SDL0009_offers_nothing_for_equal_boundaries_which_sorting_cannot_fix()
        => Verify<SortMilestonesCodeFix>(
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Interpolate(new[] { 1.0, 0.5 }, 100, {|SDL0009:100|})]
            public partial struct S;
            """,
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Interpolate(new[] { 1.0, 0.5 }, 100, {|SDL0009:100|})]
            public partial struct S;
            """);

    [Fact]
    public Task SDL0011_moves_End_to_the_last_phase()
        => Verify<MoveEndToLastPhaseCodeFix>(
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Warmup(10, {|SDL0011:End = EndBehavior.Throw|}, StartFactor = 0.1)]
            [Cosine(90, Final = 0.001)]
            public partial struct S;
            """,
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Warmup(10, StartFactor = 0.1)]
            [Cosine(90, Final = 0.001, End = EndBehavior.Throw)]
            public partial struct S;
            """);

    [Fact]
    public Task SDL0011_with_two_misplaced_Ends_the_first_moves_and_the_second_goes()
    {
        var test = CreateTest<MoveEndToLastPhaseCodeFix>(
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Warmup(10, {|SDL0011:End = EndBehavior.Throw|})]
            [Constant(5, {|SDL0011:End = EndBehavior.Hold + 2|})]
            [Cosine(90)]
            public partial struct S;
            """,
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Warmup(10)]
            [Constant(5)]
            [Cosine(90, End = EndBehavior.Throw)]
            public partial struct S;
            """);
        test.NumberOfIncrementalIterations = 2;

        // Both fixes would add End to [Cosine]: the batch keeps the first and drops the conflicting second, whose
        // diagnostic the next Fix All pass then fixes by removing it. Same result, two passes.
        test.NumberOfFixAllIterations = 2;
        return test.RunAsync();
    }

    [Fact]
    public Task SDL0011_removes_End_when_the_last_phase_has_its_own()
        => Verify<MoveEndToLastPhaseCodeFix>(
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Warmup(10, {|SDL0011:End = EndBehavior.Throw|})]
            [Cosine(90, End = EndBehavior.Periodic)]
            public partial struct S;
            """,
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Warmup(10)]
            [Cosine(90, End = EndBehavior.Periodic)]
            public partial struct S;
            """);

    [Fact]
    public Task SDL0011_removes_End_from_a_multiplying_phase()
        => Verify<MoveEndToLastPhaseCodeFix>(
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Cosine(90)]
            [Exponential(0.9, Multiply = true, {|SDL0011:End = EndBehavior.Throw|})]
            public partial struct S;
            """,
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Cosine(90)]
            [Exponential(0.9, Multiply = true)]
            public partial struct S;
            """);

    [Fact]
    public Task SDL0013_removes_Start_from_the_first_phase()
        => Verify<RemoveStartCodeFix>(
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Warmup(10, {|SDL0013:Start = 3|})]
            [Cosine(90)]
            public partial struct S;
            """,
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Warmup(10)]
            [Cosine(90)]
            public partial struct S;
            """);

    [Fact]
    public Task SDL0013_removes_a_Start_that_is_not_after_the_previous_phase()
        => Verify<RemoveStartCodeFix>(
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Warmup(10)]
            [Constant(20)]
            [Cosine(90, Final = 0.001, {|SDL0013:Start = 5|})]
            public partial struct S;
            """,
            """
            using ScheduleDsl;

            [LearningRate(0.1)]
            [Warmup(10)]
            [Constant(20)]
            [Cosine(90, Final = 0.001)]
            public partial struct S;
            """);

    [Fact]
    public Task Fix_all_makes_every_schedule_type_in_the_document_partial_in_one_pass()
    {
        var test = CreateTest<MakePartialCodeFix>(
            """
            using ScheduleDsl;

            [LearningRate(0.1)][Cosine(10)] public struct {|SDL0001:A|};
            [LearningRate(0.1)][Cosine(10)] internal sealed class {|SDL0001:B|} { }
            static class {|SDL0001:Outer|}
            {
                [LearningRate(0.2)][Warmup(5)] public record {|SDL0001:C|};
            }
            """,
            """
            using ScheduleDsl;

            [LearningRate(0.1)][Cosine(10)] public partial struct A;
            [LearningRate(0.1)][Cosine(10)] internal sealed partial class B { }
            static partial class Outer
            {
                [LearningRate(0.2)][Warmup(5)] public partial record C;
            }
            """);

        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;

        // Fix All must do it in one batch; one at a time takes one iteration per diagnostic.
        test.NumberOfIncrementalIterations = 4;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_removes_every_bad_Start_across_schedules()
    {
        var test = CreateTest<RemoveStartCodeFix>(
            """
            using ScheduleDsl;

            [LearningRate(0.1)][Warmup(10, {|SDL0013:Start = 1|})][Cosine(10)] public partial struct A;
            [LearningRate(0.1)][Warmup(10)][Cosine(10, {|SDL0013:Start = 0|})][Constant(5, Factor = 0)] public partial struct B;
            """,
            """
            using ScheduleDsl;

            [LearningRate(0.1)][Warmup(10)][Cosine(10)] public partial struct A;
            [LearningRate(0.1)][Warmup(10)][Cosine(10)][Constant(5, Factor = 0)] public partial struct B;
            """);
        test.NumberOfIncrementalIterations = 2;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    private static Task Verify<TFix>(string before, string after)
        where TFix : CodeFixProvider, new()
        => CreateTest<TFix>(before, after).RunAsync();

    /// <summary>
    /// The analyzer reports SDL0001 for a containing type from the nested schedule type's symbol action, so the
    /// diagnostic is not local to the symbol analyzed; the testing library refuses to fix those unless told.
    /// </summary>
    private static Task VerifyNonLocal<TFix>(string before, string after)
        where TFix : CodeFixProvider, new()
    {
        var test = CreateTest<TFix>(before, after);
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return test.RunAsync();
    }

    private static CSharpCodeFixTest<ScheduleAnalyzer, TFix, DefaultVerifier> CreateTest<TFix>(string before, string after)
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<ScheduleAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = before,
            FixedCode = after,

            // An empty set: resolves nothing, downloads nothing; the references come from Basic.Reference.Assemblies.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        MetadataReference runtime = MetadataReference.CreateFromFile(typeof(ISchedule).Assembly.Location);
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.TestState.AdditionalReferences.Add(runtime);
        test.FixedState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.FixedState.AdditionalReferences.Add(runtime);
        return test;
    }
}
