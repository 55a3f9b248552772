extern alias generator;

using System.Linq;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;

namespace ScheduleDsl.Tests.Generator;

/// <summary>
/// Each diagnostic fires, with the location of the offending argument (marked [|...|] in the source), and the
/// generator emits nothing for the invalid schedule; the matching valid declaration has no diagnostic.
/// </summary>
public sealed class DiagnosticTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "SDL0001", "[LearningRate(0.1)][Warmup(10)] public struct [|S|];", "[LearningRate(0.1)][Warmup(10)] public partial struct S;" },
        { "SDL0001", "public class [|Outer|] { [LearningRate(0.1)][Warmup(10)] public partial struct S; }", "public partial class Outer { [LearningRate(0.1)][Warmup(10)] public partial struct S; }" },
        { "SDL0002", "[Warmup(10)] public partial struct [|S|];", "[LearningRate(0.1)][Warmup(10)] public partial struct S;" },
        { "SDL0004", "[LearningRate(0.1)][Cosine([|0|])] public partial struct S;", "[LearningRate(0.1)][Cosine(1)] public partial struct S;" },
        { "SDL0004", "[LearningRate(0.1)][Exponential(0.9, [|Steps = -5|])] public partial struct S;", "[LearningRate(0.1)][Exponential(0.9, Steps = 5)] public partial struct S;" },
        { "SDL0004", "[LearningRate(0.1)][MultiStep(0.1, 5, [|-3|])] public partial struct S;", "[LearningRate(0.1)][MultiStep(0.1, 5, 30)] public partial struct S;" },
        { "SDL0005", "[LearningRate([|-0.1|])][Warmup(10)] public partial struct S;", "[LearningRate(0.1)][Warmup(10)] public partial struct S;" },
        { "SDL0005", "[LearningRate(0.1)][Cosine(10, [|Final = double.NaN|])] public partial struct S;", "[LearningRate(0.1)][Cosine(10, Final = 0.0)] public partial struct S;" },
        { "SDL0006", "[LearningRate(0.1)][Constant(10, [|Factor = 1.5|])] public partial struct S;", "[LearningRate(0.1)][Constant(10, Factor = 0.5)] public partial struct S;" },
        { "SDL0006", "[LearningRate(0.1)][Linear(10, 1.0, [|-0.5|])] public partial struct S;", "[LearningRate(0.1)][Linear(10, 1.0, 0.5)] public partial struct S;" },
        { "SDL0007", "[LearningRate(0.1)][StepDecay(10, [|0|])] public partial struct S;", "[LearningRate(0.1)][StepDecay(10, 0.5)] public partial struct S;" },
        { "SDL0008", "[LearningRate(0.1)][Polynomial(10, [|Power = 0|])] public partial struct S;", "[LearningRate(0.1)][Polynomial(10, Power = 0.5)] public partial struct S;" },
        { "SDL0009", "[LearningRate(0.1)][MultiStep(0.1, 30, [|10|])] public partial struct S;", "[LearningRate(0.1)][MultiStep(0.1, 10, 30)] public partial struct S;" },
        { "SDL0010", "[LearningRate(0.1)][Exponential(0.9)][[|Cosine(10)|]] public partial struct S;", "[LearningRate(0.1)][Exponential(0.9)][Cosine(10, Start = 100)] public partial struct S;" },
        { "SDL0011", "[LearningRate(0.1)][Warmup(10, [|End = EndBehavior.Throw|])][Cosine(10)] public partial struct S;", "[LearningRate(0.1)][Warmup(10)][Cosine(10, End = EndBehavior.Throw)] public partial struct S;" },
        { "SDL0012", "[LearningRate(0.1)][Linear(10, 1.0, 0.1, [|End = EndBehavior.Periodic|])] public partial struct S;", "[LearningRate(0.1)][Cosine(10, End = EndBehavior.Periodic)] public partial struct S;" },
        { "SDL0012", "[LearningRate(0.1)][Exponential(0.9, [|End = EndBehavior.Throw|])] public partial struct S;", "[LearningRate(0.1)][Exponential(0.9, Steps = 10, End = EndBehavior.Throw)] public partial struct S;" },
        { "SDL0013", "[LearningRate(0.1)][Warmup(10)][Cosine(10, [|Start = 0|])] public partial struct S;", "[LearningRate(0.1)][Warmup(10)][Cosine(10, Start = 5)] public partial struct S;" },
        { "SDL0013", "[LearningRate(0.1)][Warmup(10, [|Start = 3|])] public partial struct S;", "[LearningRate(0.1)][Warmup(10, Start = 0)] public partial struct S;" },
        { "SDL0015", "[LearningRate(0.1)][Warmup(10)] public partial struct [|S|]<T>;", "[LearningRate(0.1)][Warmup(10)] public partial struct S;" },
        { "SDL0015", "[LearningRate(0.1)][Warmup(10)] public ref partial struct [|S|];", "[LearningRate(0.1)][Warmup(10)] public partial struct S;" },
        { "SDL0017", "[LearningRate(0.1)][OneCycle(100, [|PctStart = 1.5|])] public partial struct S;", "[LearningRate(0.1)][OneCycle(100, PctStart = 0.3)] public partial struct S;" },
        { "SDL0017", "[LearningRate(0.1)][Cyclic(10, [|0.5|])] public partial struct S;", "[LearningRate(0.1)][Cyclic(10, 0.01)] public partial struct S;" },
        { "SDL0032", "[LearningRate(0.1)][[|Piecewise(new[] { 1.0, 0.5 }, 10, 20)|]] public partial struct S;", "[LearningRate(0.1)][Piecewise(new[] { 1.0, 0.5 }, 10)] public partial struct S;" },
        { "SDL0018", "[LearningRate([|3|])][Warmup(10)] public partial struct S;", "[LearningRate(0.3)][Warmup(10)] public partial struct S;" },
        { "SDL0019", "[LearningRate(0.1)][[|Warmup(60)|]][Cosine(40)] public partial struct S;", "[LearningRate(0.1)][Warmup(40)][Cosine(60)] public partial struct S;" },
        { "SDL0020", "[LearningRate(0.1)][Cosine(10, [|Final = 0.5|])] public partial struct S;", "[LearningRate(0.1)][Cosine(10, Final = 0.05)] public partial struct S;" },
        { "SDL0021", "[LearningRate(0.1)][Linear(10, 1.0, 0.5)][[|Cosine(10)|]] public partial struct S;", "[LearningRate(0.1)][Linear(10, 0.5, 1.0)][Cosine(10)] public partial struct S;" },
        { "SDL0022", "[LearningRate(0.1)][Warmup(10)][Cosine(10, [|Start = 5|])] public partial struct S;", "[LearningRate(0.1)][Warmup(10)][Cosine(10, Start = 15)] public partial struct S;" },
        { "SDL0023", "[LearningRate(0.1, [|TrainingSteps = 200|])][Warmup(10)][Cosine(90)] public partial struct S;", "[LearningRate(0.1, TrainingSteps = 100)][Warmup(10)][Cosine(90)] public partial struct S;" },
        { "SDL0023", "[LearningRate(0.1, [|TrainingSteps = 200|])][Cosine(90, End = EndBehavior.Periodic)] public partial struct S;", "[LearningRate(0.1, TrainingSteps = 90)][Cosine(90, End = EndBehavior.Periodic)] public partial struct S;" },
        { "SDL0024", "[LearningRate(0.1, [|TrainingSteps = 50|])][Warmup(10)][Cosine(90)] public partial struct S;", "[LearningRate(0.1, TrainingSteps = 100)][Warmup(10)][Cosine(90)] public partial struct S;" },
        { "SDL0026", "[LearningRate(0.1)][Warmup(10)] public partial struct S { [|public static double At(long step) => 0;|] }", "[LearningRate(0.1)][Warmup(10)] public partial struct S { public static double Rate(long step) => At(step); }" },
        { "SDL0032", "[LearningRate(0.1)][Interpolate([|new double[0]|])] public partial struct S;", "[LearningRate(0.1)][Interpolate(new[] { 1.0 }, 0)] public partial struct S;" },
        { "SDL0025", "[LearningRate(0.1)][MultiStep(0.1, 5, [|20|], Steps = 10)] public partial struct S;", "[LearningRate(0.1)][MultiStep(0.1, 5, 10, Steps = 10)] public partial struct S;" },
        // Issue 10: hostile type shapes are diagnosed instead of breaking the generated code.
        { "SDL0015", "[LearningRate(0.1)][Warmup(10)] file partial struct [|S|];", "[LearningRate(0.1)][Warmup(10)] partial struct S;" },
        { "SDL0015", "file partial class Outer { [LearningRate(0.1)][Warmup(10)] partial struct [|S|]; }", "partial class Outer { [LearningRate(0.1)][Warmup(10)] partial struct S; }" },
        { "SDL0027", "[LearningRate(0.1)][Warmup(10)] public partial struct [|At|];", "[LearningRate(0.1)][Warmup(10)] public partial struct AtSchedule;" },
        { "SDL0027", "[LearningRate(0.1)][Warmup(10)] public partial class [|Fill|];", "[LearningRate(0.1)][Warmup(10)] public partial class Filler;" },
        { "SDL0027", "[LearningRate(0.1)][Warmup(10)] public partial record [|TotalSteps|];", "[LearningRate(0.1)][Warmup(10)] public partial record Steps;" },
        { "SDL0027", "[LearningRate(0.1)][OneCycle(100)] public partial struct [|MomentumAt|];", "[LearningRate(0.1)][OneCycle(100)] public partial struct Momentum;" },
        { "SDL0027", "[LearningRate(0.1)][Warmup(10)] public partial struct [|PeakLearningRate|];", "[LearningRate(0.1)][Warmup(10)] public partial struct Peak;" },
        { "SDL0028", "public class B { public static double At(long step) => 0; } [LearningRate(0.1)][Warmup(10)] public partial class [|S|] : B;", "public class B { public static double Rate(long step) => 0; } [LearningRate(0.1)][Warmup(10)] public partial class S : B;" },
        { "SDL0028", "public class B { protected int Fill; } public class C : B; [LearningRate(0.1)][Warmup(10)] public partial class [|S|] : C;", "public class B { private static int Fill => 0; } public class C : B; [LearningRate(0.1)][Warmup(10)] public partial class S : C;" },
        // Issue 10: PctStart·T = 1 gives a zero-length first phase (0/0 at step 0).
        { "SDL0017", "[LearningRate(0.1)][OneCycle(10, [|PctStart = 0.1|])] public partial struct S;", "[LearningRate(0.1)][OneCycle(10, PctStart = 0.2)] public partial struct S;" },
        { "SDL0017", "[LearningRate(0.1)][OneCycle(20, [|PctStart = 0.05|], ThreePhase = true)] public partial struct S;", "[LearningRate(0.1)][OneCycle(20, PctStart = 0.1, ThreePhase = true)] public partial struct S;" },
        // Issue 10: enum values the enum does not define.
        { "SDL0031", "[LearningRate(0.1)][OneCycle(100, [|Anneal = (AnnealStrategy)5|])] public partial struct S;", "[LearningRate(0.1)][OneCycle(100, Anneal = AnnealStrategy.Linear)] public partial struct S;" },
        { "SDL0031", "[LearningRate(0.1)][Warmup(10)][SwaAnneal(10, 0.05, [|Anneal = (AnnealStrategy)(-1)|])] public partial struct S;", "[LearningRate(0.1)][Warmup(10)][SwaAnneal(10, 0.05, Anneal = AnnealStrategy.Cosine)] public partial struct S;" },
        { "SDL0031", "[LearningRate(0.1)][Interpolate(new[] { 1.0, 0.5 }, 0, 10, [|Anneal = (AnnealStrategy)2|])] public partial struct S;", "[LearningRate(0.1)][Interpolate(new[] { 1.0, 0.5 }, 0, 10, Anneal = AnnealStrategy.Cosine)] public partial struct S;" },
        // Issue 10: growth that overflows to ±Inf (or leaves [0, float.MaxValue]) is an error at the growth argument.
        { "SDL0029", "[LearningRate(0.1)][Exponential([|1.5|])] public partial struct S;", "[LearningRate(0.1)][Exponential(1.5, Steps = 10)] public partial struct S;" },
        { "SDL0029", "[LearningRate(0.1)][StepDecay(1, [|2.0|])] public partial struct S;", "[LearningRate(0.1)][StepDecay(1, 2.0, Steps = 50)] public partial struct S;" },
        { "SDL0029", "[LearningRate(0.1)][Exponential([|1.5|], Steps = 1000)] public partial struct S;", "[LearningRate(0.1)][Exponential(1.5, Steps = 100)] public partial struct S;" },
        { "SDL0029", "[LearningRate(0.1)][MultiStep([|2.0|], " + string.Join(", ", System.Linq.Enumerable.Range(1, 140)) + ")] public partial struct S;", "[LearningRate(0.1)][MultiStep(2.0, " + string.Join(", ", System.Linq.Enumerable.Range(1, 120)) + ")] public partial struct S;" },
        { "SDL0029", "[LearningRate(0.1)][CosineRestarts(10, [|Decay = 1.5|])] public partial struct S;", "[LearningRate(0.1)][CosineRestarts(10, Decay = 1.5, CycleLimit = 100)] public partial struct S;" },
        { "SDL0029", "[LearningRate(0.1)][Cyclic(10, 0.01, Mode = CyclicMode.ExpRange, [|Gamma = 1.01|])] public partial struct S;", "[LearningRate(0.1)][Cyclic(10, 0.01, Mode = CyclicMode.ExpRange, Gamma = 0.99)] public partial struct S;" },
        { "SDL0029", "[LearningRate(0.1)][Cyclic(10, 0.01, Mode = CyclicMode.ExpRange, [|Gamma = 1.01|], Steps = 300)] public partial struct S;", "[LearningRate(0.1)][Cyclic(10, 0.01, Mode = CyclicMode.ExpRange, Gamma = 1.01, Steps = 200)] public partial struct S;" },
        { "SDL0029", "[LearningRate(0.1)][Noam(1, 1, [|Scale = double.MaxValue|])] public partial struct S;", "[LearningRate(0.1)][Noam(1, 1, Scale = 1e30)] public partial struct S;" },
        { "SDL0005", "[LearningRate([|1e300|])][Cosine(10)] public partial struct S;", "[LearningRate(1e30)][Cosine(10)] public partial struct S;" },
        // Issue 11: the catch-all SDL0017 split where the fix differs, each reported at the argument it is about.
        { "SDL0031", "[LearningRate(0.1)][Warmup(10, [|Shape = (CurveShape)9|])] public partial struct S;", "[LearningRate(0.1)][Warmup(10, Shape = CurveShape.Cosine)] public partial struct S;" },
        { "SDL0031", "[LearningRate(0.1)][Cyclic(10, 0.01, [|Mode = (CyclicMode)7|])] public partial struct S;", "[LearningRate(0.1)][Cyclic(10, 0.01, Mode = CyclicMode.Triangular)] public partial struct S;" },
        { "SDL0033", "[LearningRate(0.1)][Warmup(10)][OneCycle(100, [|CycleMomentum = true|], Multiply = true)] public partial struct S;", "[LearningRate(0.1)][Warmup(10)][OneCycle(100, CycleMomentum = false, Multiply = true)] public partial struct S;" },
        { "SDL0033", "[LearningRate(0.1)][Warmup(10)][OneCycle(100, [|Multiply = true|])] public partial struct S;", "[LearningRate(0.1)][Warmup(10)][OneCycle(100, Multiply = false)] public partial struct S;" },
        // Issue 11: a decay followed by a warmup is a warning, not only the note SDL0021.
        { "SDL0034", "[LearningRate(0.1)][Cosine(10000)][[|Warmup(500)|]] public partial struct S;", "[LearningRate(0.1)][Warmup(500)][Cosine(10000)] public partial struct S;" },
        { "SDL0034", "[LearningRate(0.1)][Linear(100, 1.0, 0.5)][[|Warmup(10, StartFactor = 0.5)|]] public partial struct S;", "[LearningRate(0.1)][Warmup(10, StartFactor = 0.5)][Linear(100, 1.0, 0.5)] public partial struct S;" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostic_points_at_the_offending_argument_and_the_valid_form_is_clean(string id, string marked, string valid)
    {
        const string Prefix = "using ScheduleDsl;\nnamespace Demo;\n";
        int start = marked.IndexOf("[|", System.StringComparison.Ordinal);
        int end = marked.IndexOf("|]", System.StringComparison.Ordinal) - 2;
        string source = Prefix + marked.Replace("[|", string.Empty, System.StringComparison.Ordinal).Replace("|]", string.Empty, System.StringComparison.Ordinal);

        var diagnostics = GeneratorHarness.Analyze(source);
        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        Assert.Equal(Prefix.Length + start, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(end - start, diagnostic.Location.SourceSpan.Length);
        Assert.Equal($"https://github.com/ScheduleDsl/ScheduleDsl/blob/main/docs/diagnostics/{id}.md", diagnostic.Descriptor.HelpLinkUri);
        GeneratorRun flagged = GeneratorHarness.Run(source);
        if (diagnostic.DefaultSeverity == DiagnosticSeverity.Error)
        {
            // An invalid schedule gets throwing stubs (none when the type shape is the problem): the SDL error
            // stays the only one, the stubs compile cleanly and throw with that error's message.
            Assert.Empty(flagged.CompilationDiagnostics);
            foreach (GeneratedSourceResult stub in flagged.Sources)
            {
                Assert.Contains("is invalid and has no code (SDL", stub.SourceText.ToString(), System.StringComparison.Ordinal);
            }
        }
        else
        {
            // Warnings and notes flag a legal schedule: it is still generated, and compiles cleanly.
            Assert.Single(flagged.Sources);
            Assert.Empty(flagged.CompilationDiagnostics);
        }

        string validSource = Prefix + valid;
        var remaining = GeneratorHarness.Analyze(validSource);
        Assert.DoesNotContain(remaining, d => d.Id == id);
        Assert.DoesNotContain(remaining, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        GeneratorRun run = GeneratorHarness.Run(validSource);
        Assert.Single(run.Sources);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void A_broken_schedule_used_by_code_compiles_to_only_its_SDL_error_and_its_members_throw_it()
    {
        const string Source = """
            using ScheduleDsl;
            namespace Demo;
            [LearningRate(0.1)][Cosine(0)] public partial struct Broken;
            [LearningRate(0.1)][OneCycle(100, PctStart = 1.5)] public partial struct BrokenCycle;
            public static class User
            {
                public static double Rate(long step) => Broken.At(step);
                public static double Generic<T>(long step) where T : ISchedule => T.At(step);
                public static double Both(long step) => Generic<Broken>(step) + BrokenCycle.MomentumAt(step) + Generic<BrokenCycle>(step);
            }
            """;
        Diagnostic[] errors = GeneratorHarness.Analyze(Source).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.Equal(["SDL0004", "SDL0017"], errors.Select(d => d.Id));

        // Without stubs the user code would add CS0117 (no 'At') and CS0315 (not an ISchedule); now nothing.
        GeneratorRun run = GeneratorHarness.Run(Source);
        Assert.Equal(2, run.Sources.Count);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Empty(run.GeneratorDiagnostics);

        System.Reflection.Assembly assembly = GeneratorHarness.Load(run.Output);
        var thrown = Assert.Throws<System.InvalidOperationException>(() => GeneratorHarness.At(assembly, "Demo.Broken")(0));
        Assert.Equal($"The schedule 'Broken' is invalid and has no code (SDL0004: {errors[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture)}).", thrown.Message);
        Assert.Throws<System.InvalidOperationException>(() => GeneratorHarness.MomentumAt(assembly, "Demo.BrokenCycle")(0));
    }

    [Fact]
    public void A_warmup_after_a_decay_is_a_warning_with_the_rates_and_no_second_note()
    {
        const string Source = "using ScheduleDsl; [LearningRate(0.1)][Cosine(10000)][Warmup(500)] public partial struct S;";
        Diagnostic[] found = GeneratorHarness.Analyze(Source).Where(d => d.Id is "SDL0021" or "SDL0034").ToArray();
        Diagnostic warning = Assert.Single(found);
        Assert.Equal(DiagnosticSeverity.Warning, warning.DefaultSeverity);
        // Cosine ends at 0 at step 10000; the warmup starts at base_lr · start_factor with start_factor = 1/(W + 1), as PyTorch's LinearLR computes it.
        Assert.Equal(
            $"[Warmup] at step 10000 follows [Cosine], which decayed the rate from 0.1 to 0.0; the rate jumps to {(0.1 * (1.0 / 501)).ToString("R", System.Globalization.CultureInfo.InvariantCulture)} and climbs back to the peak. A warmup goes first: move [Warmup] before [Cosine]",
            warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        // A constant low rate before a warmup does not decay: no warning (a delayed warmup is a choice).
        Assert.DoesNotContain(GeneratorHarness.Analyze("using ScheduleDsl; [LearningRate(0.1)][Constant(100, Factor = 0.1)][Warmup(10)] public partial struct S;"), d => d.Id == "SDL0034");
    }

    [Fact]
    public void A_phase_kind_the_generator_does_not_know_gets_its_own_ID_at_the_attribute()
    {
        // A PhaseAttribute from a newer ScheduleDsl than the generator: declared here in source (CS0436 aside).
        const string Source = "namespace ScheduleDsl { public abstract class PhaseAttribute : System.Attribute { } public sealed class FutureAttribute : PhaseAttribute { } }\n"
            + "namespace Demo { [ScheduleDsl.LearningRate(0.1)][ScheduleDsl.Future] public partial struct S; }";
        Diagnostic unknown = Assert.Single(GeneratorHarness.Analyze(Source), d => d.Id == "SDL0030");
        Assert.Equal(Source.IndexOf("ScheduleDsl.Future]", System.StringComparison.Ordinal), unknown.Location.SourceSpan.Start);
        Assert.Equal("[Future] derives from PhaseAttribute, but this version of the generator has no phase kind 'Future'; update the ScheduleDsl package or remove the attribute", unknown.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_schedule_whose_type_shape_is_wrong_gets_no_stub()
    {
        GeneratorRun run = GeneratorHarness.Run("using ScheduleDsl; [LearningRate(0.1)][Cosine(0)] public partial struct S { public static double At(long step) => 0; }");
        Assert.Empty(run.Sources);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void A_schedule_deriving_from_a_schedule_is_rejected_and_its_base_still_generated()
    {
        const string Base = "using ScheduleDsl; [LearningRate(0.1)][Cosine(10)] public partial class B;";
        const string Derived = " [LearningRate(0.1)][Warmup(10)] public partial class S : B;";
        Diagnostic inherited = Assert.Single(GeneratorHarness.Analyze(Base + Derived), d => d.Id == "SDL0028");
        Assert.Equal((Base + Derived).LastIndexOf("S :", System.StringComparison.Ordinal), inherited.Location.SourceSpan.Start);
        Assert.Equal("'S' derives from 'B', which is itself a schedule; the generated members would hide the inherited ones, so derive from another type or rename them", inherited.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        // The base is generated and the whole compiles without a warning (no CS0108 from hiding).
        GeneratorRun run = GeneratorHarness.Run(Base + Derived);
        Assert.Single(run.Sources);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void Phases_on_two_partial_declarations_are_rejected()
    {
        const string First = "using ScheduleDsl; [LearningRate(0.1)][Warmup(10)] public partial struct S;";
        var diagnostics = GeneratorHarness.Analyze(First, "using ScheduleDsl; [Cosine(10)] public partial struct S;");

        Diagnostic spread = Assert.Single(diagnostics, d => d.Id == "SDL0014");
        Assert.Equal("Source0.cs", spread.Location.SourceTree!.FilePath);
        Assert.Equal(First.IndexOf("S;", System.StringComparison.Ordinal), spread.Location.SourceSpan.Start);
        GeneratorRun spreadRun = GeneratorHarness.Run(First, "using ScheduleDsl; [Cosine(10)] public partial struct S;");
        Assert.Contains("is invalid and has no code (SDL0014: ", Assert.Single(spreadRun.Sources).SourceText.ToString(), System.StringComparison.Ordinal);
        Assert.Empty(spreadRun.CompilationDiagnostics);

        // On one declaration the same phases are fine.
        Assert.DoesNotContain(GeneratorHarness.Analyze("using ScheduleDsl; [LearningRate(0.1)][Warmup(10)][Cosine(10)] public partial struct S;", "public partial struct S;"), d => d.Id == "SDL0014");
    }

    [Fact]
    public void Phases_ending_past_step_2_to_the_62_are_rejected_at_the_phase_that_crosses()
    {
        // Each length is at most 2^53, so it takes 513 maximal phases to pass 2^62.
        string phases = string.Concat(System.Linq.Enumerable.Repeat("[Constant(9007199254740992)]", 513));
        string source = $"using ScheduleDsl; [LearningRate(0.1)]{phases} public partial struct S;";

        Diagnostic overflow = Assert.Single(GeneratorHarness.Analyze(source), d => d.Id == "SDL0016");
        int lastPhase = source.LastIndexOf("Constant(", System.StringComparison.Ordinal);
        Assert.Equal(lastPhase, overflow.Location.SourceSpan.Start);
        GeneratorRun overflowRun = GeneratorHarness.Run(source);
        Assert.Contains("is invalid and has no code (SDL0016: ", Assert.Single(overflowRun.Sources).SourceText.ToString(), System.StringComparison.Ordinal);
        Assert.Empty(overflowRun.CompilationDiagnostics);

        string fewer = $"using ScheduleDsl; [LearningRate(0.1)]{string.Concat(System.Linq.Enumerable.Repeat("[Constant(9007199254740992)]", 512))} public partial struct S;";
        Assert.DoesNotContain(GeneratorHarness.Analyze(fewer), d => d.Id == "SDL0016");
    }

    [Fact]
    public void A_schedule_without_phases_is_a_constant_rate_with_an_info_note()
    {
        const string Source = "using ScheduleDsl; [LearningRate(0.25)] public partial struct S;";
        Diagnostic note = Assert.Single(GeneratorHarness.Analyze(Source));

        Assert.Equal("SDL0003", note.Id);
        Assert.Equal(DiagnosticSeverity.Info, note.Severity);
        var assembly = GeneratorHarness.Load(GeneratorHarness.Run(Source).Output);
        Assert.Equal(0.25, GeneratorHarness.At(assembly, "S")(123_456));
    }

    [Fact]
    public void Every_descriptor_has_a_documentation_page_and_a_release_entry()
    {
        string root = System.IO.Path.GetFullPath(System.IO.Path.Combine(Snapshot.Directory, "..", "..", "..", ".."));
        string unshipped = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "generator", "ScheduleDsl.Generator", "AnalyzerReleases.Unshipped.md"));
        var descriptors = new generator::ScheduleDsl.Generator.Diagnostics.ScheduleAnalyzer().SupportedDiagnostics;

        Assert.NotEmpty(descriptors);
        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            Assert.True(System.IO.File.Exists(System.IO.Path.Combine(root, "docs", "diagnostics", descriptor.Id + ".md")), $"docs/diagnostics/{descriptor.Id}.md is missing");
            Assert.Contains($"{descriptor.Id} | ScheduleDsl | {descriptor.DefaultSeverity} |", unshipped, System.StringComparison.Ordinal);
        }
    }
}
