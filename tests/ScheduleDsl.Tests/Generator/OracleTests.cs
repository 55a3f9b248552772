extern alias generator;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using ScheduleModel = generator::ScheduleDsl.Generator.Model.ScheduleModel;
using ScheduleParser = generator::ScheduleDsl.Generator.Parsing.ScheduleParser;

namespace ScheduleDsl.Tests.Generator;

/// <summary>
/// Random valid schedules are generated, compiled and loaded; the compiled branch tree, its float path and its
/// vector Fill are compared with the model's reference evaluation (the shared formulas, piece by piece) at
/// random steps, at every piece boundary and near <see cref="long.MaxValue"/>.
/// </summary>
public sealed class OracleTests
{
    private const int SchedulesPerRun = 60;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Compiled_schedules_agree_with_the_model_everywhere(int seed)
    {
        var random = new Random(seed);
        var source = new StringBuilder("using ScheduleDsl;\nnamespace Fuzz;\n");
        var declarations = new List<string>();
        for (int i = 0; i < SchedulesPerRun; i++)
        {
            declarations.Add(RandomSchedule(random, $"S{i}"));
            source.Append(declarations[i]).Append('\n');
        }

        GeneratorRun run = GeneratorHarness.Run(source.ToString());
        Assert.Empty(GeneratorHarness.Analyze(run.Input).Where(d => d.DefaultSeverity == DiagnosticSeverity.Error));
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Equal(SchedulesPerRun, run.Sources.Count);
        Assembly assembly = GeneratorHarness.Load(run.Output);

        for (int i = 0; i < SchedulesPerRun; i++)
        {
            string name = $"Fuzz.S{i}";
            ScheduleModel model = ScheduleParser.Parse(run.Input.GetTypeByMetadataName(name)!, default).Model!;
            Func<long, double> at = GeneratorHarness.At(assembly, name);
            Func<long, float> atSingle = GeneratorHarness.AtSingle(assembly, name);
            GeneratorHarness.FillDelegate fill = GeneratorHarness.Fill(assembly, name);

            long end = model.ThrowsPastEnd ? model.TotalSteps!.Value : long.MaxValue;
            foreach (long step in InterestingSteps(model, random))
            {
                if (model.ThrowsPastEnd && step >= end)
                {
                    Assert.True(Throws(() => model.Evaluate(step)), $"model of {declarations[i]} at step {step} should throw");
                    Assert.True(Throws(() => at(step)), $"{declarations[i]} at step {step} should throw");
                    Assert.Throws<ArgumentOutOfRangeException>(() => fill(new float[1], step));
                    continue;
                }

                if (model.MomentumPieces.Count > 0)
                {
                    double momentum = model.EvaluateMomentum(step);
                    Assert.True(momentum.Equals(GeneratorHarness.MomentumAt(assembly, name)(step)), $"{declarations[i]} momentum at step {step}");
                }

                double expected = model.Evaluate(step);
                Assert.True(expected.Equals(at(step)), $"{name} step {step}: model {expected:R}, compiled {at(step):R}");
                Assert.Equal((float)expected, atSingle(step));
            }

            // The tree compares steps as unsigned numbers, so a negative step reaches the last branch, which must reject
            // it as negative (also in a schedule whose last branch throws past the end).
            foreach (long negative in new[] { -1L, long.MinValue, -1 - random.NextInt64(long.MaxValue) })
            {
                AssertNegativeStepRejected(() => at(negative), $"{declarations[i]} At({negative})");
                AssertNegativeStepRejected(() => atSingle(negative), $"{declarations[i]} AtSingle({negative})");
                if (model.MomentumPieces.Count > 0)
                {
                    AssertNegativeStepRejected(() => GeneratorHarness.MomentumAt(assembly, name)(negative), $"{declarations[i]} MomentumAt({negative})");
                }
            }

            foreach (long first in InterestingSteps(model, random).Where(s => s <= long.MaxValue - 300))
            {
                var filled = new float[1 + random.Next(300)];
                if (model.ThrowsPastEnd && first + filled.Length > end)
                {
                    filled.AsSpan().Fill(-1);
                    Assert.Throws<ArgumentOutOfRangeException>(() => fill(filled, first));
                    Assert.All(filled, value => Assert.Equal(-1, value));
                    continue;
                }

                fill(filled, first);
                for (int k = 0; k < filled.Length; k++)
                {
                    float scalar = atSingle(first + k);
                    Assert.True(Ulp.Distance(filled[k], scalar) <= 1, $"{name} Fill from {first} at +{k}: {filled[k]:R} vs {scalar:R}");
                }
            }
        }
    }

    private static IEnumerable<long> InterestingSteps(ScheduleModel model, Random random)
    {
        yield return 0;
        yield return long.MaxValue;
        yield return long.MaxValue - 1 - random.NextInt64(1000);
        yield return long.MaxValue - random.NextInt64(1L << 40);
        foreach (var piece in model.Pieces)
        {
            yield return piece.Start;
            if (piece.Start > 0)
            {
                yield return piece.Start - 1;
            }

            if (!piece.IsOpen)
            {
                yield return piece.End - 1;
            }
        }

        for (int i = 0; i < 20; i++)
        {
            yield return random.NextInt64(0, 5000);
            yield return random.NextInt64(0, 1L << 53);
        }
    }

    /// <summary>A random valid declaration of one to five phases, with the occasional Start override and end behaviour.</summary>
    private static string RandomSchedule(Random random, string name)
    {
        var attributes = new List<string> { $"[LearningRate({D(Math.Pow(10, -random.Next(1, 5)) * (1 + random.Next(9)))})]" };
        int count = random.Next(1, 6);
        long previousStart = 0;
        long previousSteps = 0;
        for (int i = 0; i < count; i++)
        {
            bool last = i == count - 1;
            long steps = 1 + random.Next(i == 0 ? 200 : 2000);
            string start = string.Empty;
            if (i > 0 && random.Next(4) == 0)
            {
                // Lands before or after the previous phase's end: cuts it short or makes it hold.
                previousStart += 1 + random.Next(300);
                start = $", Start = {previousStart}";
            }
            string end = last && random.Next(3) == 0 ? ", End = EndBehavior.Throw" : string.Empty;

            string d = D(random.NextDouble());
            switch (random.Next(last ? 22 : 20))
            {
                case 8:
                    attributes.Add(random.Next(3) == 0
                        ? $"[OneCycle({steps + 20}, Convention = PeerConvention.Optax, PctStart = {D(0.05 + (random.NextDouble() * 0.4))}, Anneal = AnnealStrategy.Linear, PctFinal = {D(0.5 + (random.NextDouble() * 0.45))}{start}{end})]"
                        : $"[OneCycle({steps + 20}, PctStart = {D(0.05 + (random.NextDouble() * 0.4))}, ThreePhase = {B(random)}, Anneal = AnnealStrategy.{(random.Next(2) == 0 ? "Linear" : "Cosine")}, CycleMomentum = {B(random)}{start}{end})]");
                    steps += 20;
                    break;
                case 9:
                    attributes.Add($"[Cyclic({1 + random.Next(40)}, 1e-5, StepsDown = {1 + random.Next(40)}, Mode = CyclicMode.{(CyclicMode)random.Next(3)}, Gamma = {D(0.99 + (random.NextDouble() * 0.01))}, CycleMomentum = {B(random)}, Steps = {steps}{start}{end})]");
                    break;
                case 10:
                    attributes.Add($"[CosineRestarts({1 + random.Next(30)}, Multiplier = {(random.Next(3) switch { 0 => "1", 1 => "2", _ => "1.5" })}, Decay = {D(0.5 + (random.NextDouble() / 2))}, Final = 1e-6, Convention = PeerConvention.{(random.Next(2) == 0 ? "Keras" : "Timm")}, Steps = {steps}{start}{end})]");
                    break;
                case 11:
                    attributes.Add($"[Noam({1 + random.Next(100)}, {64 << random.Next(4)}, Steps = {steps}{start}{end})]");
                    break;
                case 12:
                    attributes.Add($"[InverseSqrt({1 + random.Next(100)}, Steps = {steps}{start}{end})]");
                    break;
                case 13:
                    attributes.Add($"[InverseTime({1 + random.Next(20)}, {d}, Staircase = {B(random)}, Steps = {steps}{start}{end})]");
                    break;
                case 14:
                    attributes.Add(random.Next(2) == 0
                        ? $"[Optimal({D(random.NextDouble() * 1e-2)}, Steps = {steps}{start}{end})]"
                        : $"[InverseScaling({d}, Steps = {steps}{start}{end})]");
                    break;
                case 15:
                    attributes.Add($"[Decay({steps}, Shape = CurveShape.{(CurveShape)random.Next(3)}, Final = 1e-6{start}{end})]");
                    break;
                case 16:
                    attributes.Add($"[Tanh({steps}, Final = 1e-6{start}{end})]");
                    break;
                case 17:
                    attributes.Add($"[SwaAnneal({steps}, {D(1e-4 + (random.NextDouble() * 1e-2))}, Anneal = AnnealStrategy.{(random.Next(2) == 0 ? "Linear" : "Cosine")}{start}{end})]");
                    break;
                case 18:
                    attributes.Add($"[Cosine({steps}, Exponent = {D(0.5 + random.NextDouble())}, KDecay = {D(0.5 + random.NextDouble())}{start}{end})]");
                    break;
                case 19:
                    attributes.Add($"[Warmup({steps}, Shape = CurveShape.{(CurveShape)random.Next(3)}{start}{end})]");
                    break;
                case 20:
                    attributes.Add(random.Next(2) == 0
                        ? $"[Piecewise(new[] {{ 1.0, {d}, 0.01 }}, {random.Next(50)}, {50 + random.Next(50)}{start})]"
                        : $"[Interpolate(new[] {{ {d}, 1.0, 0.01 }}, {random.Next(50)}, {50 + random.Next(50)}, {100 + random.Next(50)}, Anneal = AnnealStrategy.{(random.Next(2) == 0 ? "Linear" : "Cosine")}{start})]");
                    break;
                case 0:
                    attributes.Add(random.Next(2) == 0 ? $"[Warmup({steps}{start}{end})]" : $"[Warmup({steps}, StartFactor = {D(random.NextDouble())}{start}{end})]");
                    break;
                case 1:
                    attributes.Add($"[Constant({steps}, Factor = {D(random.NextDouble())}{start}{end})]");
                    break;
                case 2:
                    attributes.Add($"[Linear({steps}, {D(random.NextDouble())}, {D(random.NextDouble())}{start}{end})]");
                    break;
                case 3:
                    attributes.Add($"[Cosine({steps}, Final = {D(random.NextDouble() * 1e-3)}, LocalStart = {random.Next((int)steps)}{start}{end})]");
                    break;
                case 4:
                    attributes.Add(random.Next(2) == 0
                        ? $"[Exponential({D(0.9 + (random.NextDouble() * 0.1))}, Steps = {steps}{start}{end})]"
                        : $"[Exponential({D(0.5 + (random.NextDouble() * 0.5))}, DecaySteps = {1 + random.Next(20)}, TransitionBegin = {random.Next(30)}, Staircase = {B(random)}, Final = 1e-7, Steps = {steps}{start}{end})]");
                    break;
                case 5:
                    attributes.Add($"[StepDecay({1 + random.Next(50)}, {D(random.NextDouble())}, Steps = {steps}{start}{end})]");
                    break;
                case 6:
                    long[] milestones = Enumerable.Range(0, random.Next(0, 12)).Select(_ => (long)random.Next((int)steps + 5)).Order().ToArray();
                    attributes.Add($"[MultiStep({D(random.NextDouble())}{string.Concat(milestones.Select(m => ", " + m))}, Steps = {steps}{start}{end})]");
                    break;
                case 7:
                    attributes.Add(last && end.Length == 0 && random.Next(3) == 0
                        ? $"[Polynomial({steps}, Power = {D(0.25 + (random.NextDouble() * 3))}, Final = {D(random.NextDouble() * 1e-4)}, Cycle = true{start})]"
                        : $"[Polynomial({steps}, Power = {D(0.25 + (random.NextDouble() * 3))}, Final = {D(random.NextDouble() * 1e-4)}{start}{end})]");
                    break;
                default:
                    // Unbounded last phases (no End = Throw for them).
                    attributes.Add(random.Next(4) switch
                    {
                        0 => $"[Exponential({D(0.9 + (random.NextDouble() * 0.1))}{start})]",
                        1 => $"[StepDecay({1 + random.Next(50)}, {D(random.NextDouble())}{start})]",
                        2 => $"[MultiStep({D(random.NextDouble())}, {random.Next(100)}, {100 + random.Next(100)}{start})]",
                        _ => $"[Cosine({steps}, Final = {D(random.NextDouble() * 1e-3)}, End = EndBehavior.Periodic{start})]",
                    });
                    break;
            }

            if (random.Next(6) == 0)
            {
                // A rate of the phase's own (PyTorch's per-scheduler base_lr).
                attributes[^1] = attributes[^1].Insert(attributes[^1].Length - 2, $", Rate = {D(1e-4 + (random.NextDouble() * 1e-2))}");
            }

            if (start.Length == 0 && i > 0)
            {
                previousStart += previousSteps;
            }

            previousSteps = steps;
        }

        if (random.Next(4) == 0 && !attributes[^1].Contains("EndBehavior.Throw", StringComparison.Ordinal))
        {
            attributes.Add($"[Exponential({D(0.99 + (random.NextDouble() * 0.01))}, Multiply = true, Steps = {1 + random.Next(500)}, Start = {random.Next(100)})]");
        }

        if (random.Next(5) == 0 && !attributes.Any(a => a.Contains("EndBehavior.Throw", StringComparison.Ordinal)))
        {
            // timm's noise: a multiplier over a range, or for ever.
            attributes.Add(random.Next(2) == 0
                ? $"[Noise(Start = {random.Next(100)}, Steps = {1 + random.Next(300)}, Seed = {random.Next(1000)}, Uniform = {B(random)})]"
                : $"[Noise(Pct = {D(0.1 + (random.NextDouble() * 0.8))})]");
        }

        return string.Concat(attributes) + $" public partial struct {name};";
    }

    private static void AssertNegativeStepRejected(Func<object> call, string what)
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => call());
        Assert.True(e.Message.StartsWith("The step must be non-negative", StringComparison.Ordinal), $"{what}: {e.Message}");
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            return true;
        }
    }

    private static string B(Random random) => random.Next(2) == 0 ? "true" : "false";

    private static string D(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
