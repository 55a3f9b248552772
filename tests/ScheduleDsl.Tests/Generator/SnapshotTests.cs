using System.Linq;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;

namespace ScheduleDsl.Tests.Generator;

/// <summary>
/// The generated text of each phase kind and of several compositions, compared with the reviewed files in
/// Generator/Snapshots. Each output must also compile without a single diagnostic.
/// </summary>
public sealed class SnapshotTests
{
    public static TheoryData<string> Cases => new(SnapshotCases.All.Keys.Order());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_code_matches_the_reviewed_snapshot(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(SnapshotCases.All[name]);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        GeneratedSourceText(run, name);
    }

    /// <summary>An invalid schedule that cycles momentum and is documented: stubs of every member, the note in remarks.</summary>
    [Fact]
    public void An_invalid_schedule_gets_throwing_stubs_matching_the_reviewed_snapshot()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + "/// <summary>Mine.</summary>\n[LearningRate(0.1)][OneCycle(100, PctStart = 1.5)] public partial struct S;");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        GeneratedSourceText(run, "Invalid_Stubs");
    }

    private const string Header = SnapshotCases.Header;

    private static void GeneratedSourceText(GeneratorRun run, string name)
    {
        var sources = run.Sources.OrderBy(s => s.HintName, System.StringComparer.Ordinal).ToArray();
        Assert.Single(sources);
        Snapshot.Verify(name, sources[0].SourceText.ToString());
    }
}

/// <summary>The snapshot inputs: one schedule per case.</summary>
public static class SnapshotCases
{
    internal const string Header = "using ScheduleDsl;\nnamespace Demo;\n";

    public static readonly System.Collections.Generic.Dictionary<string, string> All = new()
    {
        ["Kind_Warmup"] = Header + "[LearningRate(0.1)][Warmup(10)] public partial struct S;",
        ["Kind_Constant"] = Header + "[LearningRate(0.02)][Constant(5, Factor = 1.0 / 3)] public partial struct S;",
        ["Kind_Linear"] = Header + "[LearningRate(0.02)][Linear(40, 1.0, 0.05)] public partial struct S;",
        ["Kind_Cosine"] = Header + "[LearningRate(0.1)][Cosine(50, Final = 0.001)] public partial struct S;",
        ["Kind_CosinePeriodic"] = Header + "[LearningRate(0.05)][Cosine(40, End = EndBehavior.Periodic)] public partial struct S;",
        ["Kind_Exponential"] = Header + "[LearningRate(0.1)][Exponential(0.95)] public partial struct S;",
        ["Kind_ExponentialBounded"] = Header + "[LearningRate(0.1)][Exponential(0.95, Steps = 100)] public partial struct S;",
        ["Kind_StepDecay"] = Header + "[LearningRate(0.1)][StepDecay(30, 0.1)] public partial struct S;",
        ["Kind_MultiStep"] = Header + "[LearningRate(1.0)][MultiStep(0.5, 10, 25, 25, 40)] public partial struct S;",
        ["Kind_Polynomial"] = Header + "[LearningRate(0.01)][Polynomial(50, Power = 2, Final = 1e-4)] public partial struct S;",
        ["Compose_WarmupCosine"] = Header + "[LearningRate(3e-4)][Warmup(500)][Cosine(10_000, Final = 3e-5)] public partial struct S;",
        ["Compose_WarmupStableDecay"] = Header + "[LearningRate(1e-3)][Warmup(100)][Constant(800)][Polynomial(100, Power = 0.5)] public partial class S;",
        ["Compose_ManyMilestones"] = Header + "[LearningRate(0.1)][MultiStep(0.5, 10, 20, 30, 40, 50, 60, 70, 80, 90)] public partial struct S;",
        ["Compose_StartOverrides"] = Header + "[LearningRate(0.1)][Warmup(10)][Exponential(0.99)][Cosine(100, Start = 50, Final = 0.01)][Constant(10, Factor = 0.5, Start = 200)] public partial record struct S;",
        ["Compose_ThrowPastEnd"] = Header + "[LearningRate(0.1)][Warmup(5)][Linear(20, 1.0, 0.0, End = EndBehavior.Throw)] public partial struct S;",
        ["Shape_NestedInGlobalNamespace"] = "using ScheduleDsl;\npublic static partial class Outer { public partial class Middle { [LearningRate(0.5)][StepDecay(3, 0.5, Steps = 9)] internal partial record S; } }",
        ["Shape_NoPhases"] = Header + "[LearningRate(0.001)] public partial struct S;",
        ["Shape_UserDocumented"] = Header + "/// <summary>The schedule of the large model.</summary>\n[LearningRate(0.1)][Warmup(10)][Cosine(90)] public partial struct S;",
        ["Kind_OneCycle"] = Header + "[LearningRate(0.1)][OneCycle(100)] public partial struct S;",
        ["Kind_OneCycleThreePhaseLinear"] = Header + "[LearningRate(0.01)][OneCycle(100, Anneal = AnnealStrategy.Linear, ThreePhase = true, CycleMomentum = false)] public partial struct S;",
        ["Kind_Cyclic"] = Header + "[LearningRate(0.1)][Cyclic(15, 0.01, StepsDown = 25, Mode = CyclicMode.Triangular2)] public partial struct S;",
        ["Kind_CosineRestarts"] = Header + "[LearningRate(0.05)][CosineRestarts(10, Multiplier = 2, Final = 0.001, Decay = 0.5, CycleLimit = 4)] public partial struct S;",
        ["Kind_Noam"] = Header + "[LearningRate(1.0)][Noam(4000, 512)] public partial struct S;",
        ["Kind_InverseSqrt"] = Header + "[LearningRate(1e-3)][Warmup(100)][InverseSqrt(100)] public partial struct S;",
        ["Kind_InverseTime"] = Header + "[LearningRate(0.1)][InverseTime(10, 0.5, Staircase = true)] public partial struct S;",
        ["Kind_Optimal"] = Header + "[LearningRate(0.01)][Optimal(1e-4)] public partial struct S;",
        ["Kind_InverseScaling"] = Header + "[LearningRate(0.01)][InverseScaling(0.25)] public partial struct S;",
        ["Kind_WarmupStableDecay"] = Header + "[LearningRate(3e-4)][Warmup(100, Shape = CurveShape.Cosine, StartFactor = 0)][Constant(800)][Decay(100, Shape = CurveShape.OneMinusSqrt, Final = 3e-5)] public partial struct S;",
        ["Kind_Tanh"] = Header + "[LearningRate(0.1)][Tanh(100, Final = 1e-3)] public partial struct S;",
        ["Kind_ShapedCosine"] = Header + "[LearningRate(0.1)][Cosine(100, Exponent = 2, KDecay = 1.5)] public partial struct S;",
        ["Kind_SwaAnneal"] = Header + "[LearningRate(0.1)][Cosine(100, Final = 0.02)][SwaAnneal(10, 0.05)] public partial struct S;",
        ["Kind_Piecewise"] = Header + "[LearningRate(1.0)][Piecewise(new[] { 1.0, 0.5, 0.1 }, 100, 200, ChangeAfterBoundary = true)] public partial struct S;",
        ["Kind_Interpolate"] = Header + "[LearningRate(1.0)][Interpolate(new[] { 0.1, 1.0, 0.01 }, 0, 100, 1000, Anneal = AnnealStrategy.Cosine)] public partial struct S;",
        ["Compose_Multiply"] = Header + "[LearningRate(0.1)][Linear(8, 0.2, 1.0)][Cosine(92)][Exponential(0.97, Multiply = true, Steps = 50)] public partial struct S;",
        ["Peer_OptaxExponentialDecay"] = Header + "[LearningRate(0.1)][Exponential(0.5, DecaySteps = 10, TransitionBegin = 7, Staircase = true, Final = 0.01)] public partial struct S;",
        ["Peer_KerasPolynomialCycle"] = Header + "[LearningRate(0.1)][Polynomial(30, Power = 0.5, Final = 0.001, Cycle = true)] public partial struct S;",
        ["Peer_KerasRestarts"] = Header + "[LearningRate(0.1)][CosineRestarts(10, Multiplier = 2, Decay = 0.5, Final = 0.01, Convention = PeerConvention.Keras)] public partial struct S;",
        ["Peer_OptaxLinearOneCycle"] = Header + "[LearningRate(0.1)][OneCycle(100, Convention = PeerConvention.Optax, Anneal = AnnealStrategy.Linear)] public partial struct S;",
        ["Kind_Noise"] = Header + "[LearningRate(0.1)][Warmup(10)][Cosine(90)][Noise(Start = 20, Steps = 50)] public partial struct S;",
        ["Peer_OwnRateAndLocalStart"] = Header + "[LearningRate(0.5)][Warmup(10, StartFactor = 2)][Cosine(40, LocalStart = 10)][Cyclic(10, 0.01, Rate = 0.2, CycleMomentum = false)] public partial struct S;",
    };
}
