using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Tests.Peers;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Runtime;

/// <summary>
/// The Hugging Face and Optax factories against the peers' published formulas: each expected value is plain double
/// arithmetic transcribing the peer's source (huggingface/transformers src/transformers/optimization.py @ 005edacb;
/// google-deepmind/optax optax/schedules/_schedule.py @ 006cebd2, as in <see cref="PeerConventionTests"/>). The text a
/// factory returns is compiled as C# attributes by the generator, and built as a run-time <see cref="Schedule"/>; both
/// are compared with the peer.
/// </summary>
public sealed class ScheduleFactoryTests
{
    private const double Relative = 1e-12;
    private const double Absolute = 1e-16;

    private static double Hf(long s, long w, double after) => s < w ? PeerConventionTests.HfWarmup(s, w) : after;

    /// <summary>Each factory call, its peer's formula and the last step compared (past the training steps where the peer defines it).</summary>
    public static IEnumerable<(string Name, ScheduleText Text, Func<long, double> Peer, long Last)> Cases()
    {
        yield return ("hf constant", HuggingFaceSchedules.Constant(0.1), _ => 0.1, 20);
        yield return ("hf constant_with_warmup", HuggingFaceSchedules.ConstantWithWarmup(0.1, 10), s => 0.1 * Hf(s, 10, 1.0), 40);
        yield return ("hf constant_with_warmup W=0", HuggingFaceSchedules.ConstantWithWarmup(0.1, 0), _ => 0.1, 5);
        yield return ("hf linear", HuggingFaceSchedules.LinearWithWarmup(0.1, 10, 100), s => 0.1 * Hf(s, 10, Math.Max(0.0, (100 - s) / (double)Math.Max(1, 100 - 10))), 150);
        yield return ("hf cosine", HuggingFaceSchedules.CosineWithWarmup(0.1, 10, 100), s => 0.1 * PeerConventionTests.HfCosineFactor(s, 10, 100, 0.5, 0.0), 400);
        yield return ("hf cosine num_cycles=1", HuggingFaceSchedules.CosineWithWarmup(0.1, 10, 100, cycles: 1), s => 0.1 * PeerConventionTests.HfCosineFactor(s, 10, 100, 1.0, 0.0), 300);
        yield return ("hf cosine W=0", HuggingFaceSchedules.CosineWithWarmup(0.2, 0, 64), s => 0.2 * PeerConventionTests.HfCosineFactor(s, 0, 64, 0.5, 0.0), 200);
        yield return (
            "hf cosine_with_restarts",
            HuggingFaceSchedules.CosineWithHardRestartsWithWarmup(0.1, 10, 100, cycles: 3),
            s =>
            {
                // _get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda
                double progress = (s - 10) / (double)Math.Max(1, 100 - 10);
                return 0.1 * Hf(s, 10, progress >= 1.0 ? 0.0 : Math.Max(0.0, 0.5 * (1.0 + Math.Cos(Math.PI * ((3.0 * progress) % 1.0)))));
            },
            150);
        yield return (
            "hf polynomial",
            HuggingFaceSchedules.PolynomialDecayWithWarmup(0.1, 10, 100, final: 1e-4, power: 2),
            s =>
            {
                // _get_polynomial_decay_schedule_with_warmup_lr_lambda: lr_init = 0.1, lr_end = 1e-4
                double factor = s > 100 ? 1e-4 / 0.1 : (((0.1 - 1e-4) * Math.Pow(1 - ((s - 10) / (double)(100 - 10)), 2)) + 1e-4) / 0.1;
                return 0.1 * Hf(s, 10, factor);
            },
            150);
        yield return ("hf inverse_sqrt", HuggingFaceSchedules.InverseSqrt(0.1, 10, timescale: 25), s => 0.1 * Hf(s, 10, 1.0 / Math.Sqrt((s + 25 - 10) / 25.0)), 500);
        yield return ("hf inverse_sqrt default timescale", HuggingFaceSchedules.InverseSqrt(0.1, 8), s => 0.1 * Hf(s, 8, 1.0 / Math.Sqrt((s + 8 - 8) / 8.0)), 300);
        yield return ("hf inverse_sqrt W=0", HuggingFaceSchedules.InverseSqrt(0.1, 0), s => 0.1 / Math.Sqrt((s + 10_000.0) / 10_000), 300);
        yield return ("hf wsd", HuggingFaceSchedules.WarmupStableDecay(0.1, 10, 40, 50, CurveShape.Cosine, CurveShape.OneMinusSqrt, minLrRatio: 0.1), s => 0.1 * HfWsd(s, 10, 40, 50, 0.1, "cosine", "1-sqrt"), 150);
        yield return ("hf wsd min_lr_ratio 0.5", HuggingFaceSchedules.WarmupStableDecay(0.1, 10, 0, 50, CurveShape.Linear, CurveShape.Linear, minLrRatio: 0.5), s => 0.1 * HfWsd(s, 10, 0, 50, 0.5, "linear", "linear"), 100);

        yield return ("optax constant", OptaxSchedules.Constant(0.3), _ => 0.3, 10);
        yield return ("optax warmup_cosine_decay", OptaxSchedules.WarmupCosineDecay(0.01, 0.1, 10, 100, 0.001), c => PeerConventionTests.OptaxWarmupCosineDecay(c, 0.01, 0.1, 10, 100, 0.001), 150);
        yield return (
            "optax warmup_cosine_decay exponent",
            OptaxSchedules.WarmupCosineDecay(0.0, 0.1, 5, 45, 0.002, exponent: 2),
            c => c < 5 ? 0.1 * c / 5 : PeerConventionTests.OptaxCosineDecay(c - 5, 0.1, 40, 0.002 / 0.1, 2.0),
            80);
        yield return ("optax cosine_decay", OptaxSchedules.CosineDecay(0.1, 50, alpha: 0.02, exponent: 2), c => PeerConventionTests.OptaxCosineDecay(c, 0.1, 50, 0.02, 2.0), 80);
        yield return ("optax warmup_constant", OptaxSchedules.WarmupConstant(0.02, 0.1, 8), c => c < 8 ? ((0.02 - 0.1) * (1 - (c / 8.0))) + 0.1 : 0.1, 20);
        yield return ("optax polynomial", OptaxSchedules.Polynomial(0.1, 0.01, 2, 40, transitionBegin: 10), c => OptaxPolynomial(c, 0.1, 0.01, 2, 40, 10), 80);
        yield return ("optax linear", OptaxSchedules.Linear(0.1, 0.0, 30), c => OptaxPolynomial(c, 0.1, 0.0, 1, 30, 0), 50);
        yield return ("optax exponential_decay", OptaxSchedules.ExponentialDecay(0.1, 1, 0.9, transitionBegin: 5), c => OptaxExponential(c, 0.1, 1, 0.9, 5, false), 60);
        yield return ("optax exponential_decay T=4", OptaxSchedules.ExponentialDecay(0.1, 4, 0.5), c => OptaxExponential(c, 0.1, 4, 0.5, 0, false), 200);
        yield return ("optax exponential_decay staircase", OptaxSchedules.ExponentialDecay(0.1, 10, 0.5, transitionBegin: 3, staircase: true), c => OptaxExponential(c, 0.1, 10, 0.5, 3, true), 100);
        yield return ("optax exponential_decay T=0", OptaxSchedules.ExponentialDecay(0.1, 0, 0.5), _ => 0.1, 10);
        yield return (
            "optax piecewise_constant",
            OptaxSchedules.PiecewiseConstant(0.1, new Dictionary<long, double> { [20] = 0.2, [10] = 0.5 }),
            c => OptaxPiecewise(c, 0.1, [(10, 0.5), (20, 0.2)]),
            40);
        yield return (
            "optax piecewise_constant rising",
            OptaxSchedules.PiecewiseConstant(0.1, new Dictionary<long, double> { [5] = 4.0, [15] = 0.1 }),
            c => OptaxPiecewise(c, 0.1, [(5, 4.0), (15, 0.1)]),
            30);
    }

    [Fact]
    public void Every_factory_gives_its_peers_numbers()
    {
        var cases = Cases().ToList();
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        AssertPeerNumbers(cases.Select(c => (c.Name, c.Text, c.Peer, c.Last)).ToList());
    }

    [Fact]
    public void Warmup_stable_decay_takes_its_lengths_from_the_run()
    {
        // HF: num_stable_steps = num_training_steps − num_warmup_steps − num_decay_steps. 12 epochs of 25 updates = 300
        // steps; warmup ⌈300 × 0.1⌉ = 30, decay 2 epochs = 50, stable 300 − 30 − 50 = 220.
        ScheduleText text = HuggingFaceSchedules.WarmupStableDecay(0.1, ScheduleLength.Fraction(0.1), ScheduleLength.Rest, ScheduleLength.Epochs(2), minLrRatio: 0.5);
        Assert.Equal("[LearningRate(0.1)] [Warmup(\"0.1 of run\", StartFactor = 0.5)] [Constant(\"rest\")] [Decay(\"2 epochs\", Shape = CurveShape.Cosine, Final = 0.05)]", text.ToString());
        ScheduleText bound = text.ResolveLengths(TrainingRun.FromEpochs(12, 25));
        AssertPeerNumbers([("wsd bound", bound, s => 0.1 * HfWsd(s, 30, 220, 50, 0.5, "linear", "cosine"), 320)]);
    }

    [Fact]
    public void Factories_refuse_what_the_peer_refuses_or_the_attributes_cannot_express()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HuggingFaceSchedules.LinearWithWarmup(0.1, 100, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => HuggingFaceSchedules.ConstantWithWarmup(0.1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => HuggingFaceSchedules.CosineWithWarmup(0.1, 10, 100, cycles: 0.7));
        Assert.Throws<ArgumentOutOfRangeException>(() => HuggingFaceSchedules.CosineWithHardRestartsWithWarmup(0.1, 10, 100, cycles: 4));
        Assert.Throws<ArgumentException>(() => HuggingFaceSchedules.PolynomialDecayWithWarmup(0.1, 10, 100, final: 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => OptaxSchedules.WarmupCosineDecay(0, 0.1, 10, 10));
        Assert.Throws<ArgumentException>(() => OptaxSchedules.WarmupCosineDecay(0.2, 0.1, 10, 60));
        Assert.Throws<ArgumentException>(() => OptaxSchedules.Polynomial(0.1, 0.2, 1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => OptaxSchedules.PiecewiseConstant(0.1, new Dictionary<long, double> { [10] = -1 }));
    }

    /// <summary>Compiles every text as attributes in one compilation and compares At with the peer at every step.</summary>
    private static void AssertPeerNumbers(List<(string Name, ScheduleText Text, Func<long, double> Peer, long Last)> cases)
    {
        string source = "using ScheduleDsl;\n" + string.Concat(cases.Select((c, i) => $"// {c.Name}\n{c.Text}\npublic partial struct F{i};\n"));
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Empty(GeneratorHarness.Analyze(run.Input).Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assembly assembly = GeneratorHarness.Load(run.Output);
        for (int i = 0; i < cases.Count; i++)
        {
            Func<long, double> compiled = GeneratorHarness.At(assembly, "F" + i);
            Schedule runtime = Schedule.FromText(cases[i].Text);
            foreach ((string path, Func<long, double> at) in new[] { ("compiled", compiled), ("run time", (Func<long, double>)runtime.At) })
            {
                for (long step = 0; step <= cases[i].Last; step++)
                {
                    double want = cases[i].Peer(step);
                    double got = at(step);
                    Assert.True(
                        Math.Abs(got - want) <= (Relative * Math.Abs(want)) + Absolute,
                        $"{cases[i].Name} ({cases[i].Text}, {path}) at step {step}: peer {want:R}, ours {got:R}");
                }
            }
        }
    }

    /// <summary>HF _get_wsd_scheduler_lambda with num_cycles = 0.5: warmup_type and decay_type "linear", "cosine" or "1-sqrt".</summary>
    private static double HfWsd(long s, long w, long stable, long decay, double m, string warmupType, string decayType)
    {
        if (s < w)
        {
            double progress = s / (double)Math.Max(1, w);
            double factor = warmupType switch
            {
                "linear" => progress,
                "cosine" => 0.5 * (1.0 - Math.Cos(Math.PI * progress)),
                _ => 1.0 - Math.Sqrt(1.0 - progress),
            };
            return Math.Max(0.0, (factor * (1.0 - m)) + m);
        }

        if (s < w + stable)
        {
            return 1.0;
        }

        if (s < w + stable + decay)
        {
            double progress = (s - w - stable) / (double)Math.Max(1, decay);
            double factor = decayType switch
            {
                "linear" => 1.0 - progress,
                "cosine" => 0.5 * (1.0 + Math.Cos(Math.PI * 0.5 * 2.0 * progress)),
                _ => 1.0 - Math.Sqrt(progress),
            };
            return Math.Max(0.0, (factor * (1.0 - m)) + m);
        }

        return m;
    }

    /// <summary>optax polynomial_schedule: c = clip(count − B, 0, T); (I − E)(1 − c/T)^P + E.</summary>
    private static double OptaxPolynomial(long count, double init, double end, double power, long steps, long begin)
    {
        double c = Math.Clamp(count - begin, 0, steps);
        return ((init - end) * Math.Pow(1 - (c / steps), power)) + end;
    }

    /// <summary>optax exponential_decay without end_value: init while count − B ≤ 0, else init·rate^p, p = (count − B)/T, floored when staircase.</summary>
    private static double OptaxExponential(long count, double init, long steps, double rate, long begin, bool staircase)
    {
        double decreased = count - begin;
        if (decreased <= 0)
        {
            return init;
        }

        double p = decreased / steps;
        return init * Math.Pow(rate, staircase ? Math.Floor(p) : p);
    }

    /// <summary>optax piecewise_constant_schedule: for (threshold, scale) in sorted(...): v = v·ind + (1 − ind)·scale·v, ind = max(0, sign(threshold − count)).</summary>
    private static double OptaxPiecewise(long count, double init, (long Threshold, double Scale)[] boundaries)
    {
        double v = init;
        foreach ((long threshold, double scale) in boundaries.OrderBy(b => b.Threshold))
        {
            double indicator = Math.Max(0.0, Math.Sign(threshold - count));
            v = (v * indicator) + ((1 - indicator) * scale * v);
        }

        return v;
    }
}
