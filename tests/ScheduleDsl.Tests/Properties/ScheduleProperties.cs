using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace ScheduleDsl.Tests.Properties;

/// <summary>
/// Property: a random well-typed schedule, with parameters drawn from the whole legal range and its edges (lengths 1,
/// 2 and 2⁵³, factors near 0 and 1, γ near and above 1, rates up to float.MaxValue), either gets an SDL error or is
/// generated, compiles without a diagnostic, and at every sampled step (0, phase boundaries ± 1, powers of two ± 1,
/// near long.MaxValue, random) has At and AtSingle finite and non-negative, MomentumAt in [0, 1], and Fill within
/// one float ulp of AtSingle. A fixed seed per compilation, printed on failure, reproduces a case.
/// </summary>
public sealed class ScheduleProperties(ITestOutputHelper log)
{
    private const int Seed = 10_0053;
    private const int Compilations = 8;
    private const int SchedulesPerCompilation = 40;

    [Fact]
    public void Every_valid_schedule_is_finite_non_negative_and_filled_within_one_ulp_at_every_step()
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var failures = new List<string>();
        for (int c = 0; c < Compilations; c++)
        {
            var random = new Random(Seed + c);
            var source = new StringBuilder("using ScheduleDsl;\n");
            var schedules = new List<(string Name, string Text, List<long> Boundaries, int Start, int End)>();
            for (int i = 0; i < SchedulesPerCompilation; i++)
            {
                string name = "P" + i.ToString(CultureInfo.InvariantCulture);
                (string text, List<long> boundaries) = new ScheduleDrawer(random).Schedule(name);
                int start = source.Length;
                source.Append(text).Append('\n');
                schedules.Add((name, text, boundaries, start, source.Length));
            }

            failures.AddRange(Check(source.ToString(), schedules, random, counts).Select(f => $"compilation {c} (seed {Seed + c}): {f}"));
        }

        foreach (var (key, value) in counts)
        {
            log.WriteLine($"{key}: {value}");
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(12)));
        Assert.True(counts.GetValueOrDefault("schedules generated") > 200, "too few valid schedules");
        Assert.True(counts.GetValueOrDefault("schedules rejected") > 8, "too few rejected schedules");
    }

    private static IEnumerable<string> Check(string source, List<(string Name, string Text, List<long> Boundaries, int Start, int End)> schedules, Random random, SortedDictionary<string, long> counts)
    {
        (GeneratorRun run, ImmutableArray<Diagnostic> analyzer, List<string> failures) = PropertyChecks.Run(source);
        if (failures.Count > 0)
        {
            foreach (string failure in failures)
            {
                yield return failure;
            }

            yield break;
        }

        Assembly assembly = GeneratorHarness.Load(run.Output);
        var buffer = new float[24];
        foreach (var schedule in schedules)
        {
            bool rejected = PropertyChecks.HasSdlError(analyzer, schedule.Start, schedule.End, out Diagnostic? error);
            Type? type = assembly.GetType(schedule.Name);
            bool generated = type?.GetMethod("At", [typeof(long)]) is not null;
            if (rejected)
            {
                Increment(counts, "schedules rejected");
                Increment(counts, "rejected by " + error!.Id);
                if (generated && StubProblem(type!) is { } problem)
                {
                    yield return $"generated despite {error}, and {problem}:\n{schedule.Text}";
                }

                continue;
            }

            if (!generated)
            {
                yield return $"neither generated nor rejected:\n{schedule.Text}";
                continue;
            }

            Increment(counts, "schedules generated");
            var at = GeneratorHarness.At(assembly, schedule.Name);
            var atSingle = GeneratorHarness.AtSingle(assembly, schedule.Name);
            var fill = GeneratorHarness.Fill(assembly, schedule.Name);
            Func<long, double>? momentum = type!.GetMethod("MomentumAt") is { } m ? m.CreateDelegate<Func<long, double>>() : null;
            string? failure = null;
            foreach (long step in Steps(schedule.Boundaries, random))
            {
                Increment(counts, "steps evaluated");
                double rate = at(step);
                float single = atSingle(step);
                if (!(double.IsFinite(rate) && rate >= 0 && float.IsFinite(single) && single >= 0))
                {
                    failure = $"At({step}) = {rate:R}, AtSingle = {single:R}";
                    break;
                }

                if (momentum is not null && momentum(step) is var mu && !(mu >= 0 && mu <= 1))
                {
                    failure = $"MomentumAt({step}) = {mu:R}";
                    break;
                }

                int length = (int)Math.Min(1 + random.Next(buffer.Length), long.MaxValue - step + 1);
                fill(buffer.AsSpan(0, length), step);
                for (int k = 0; k < length; k++)
                {
                    Increment(counts, "Fill elements compared");
                    if (Ulp.Distance(buffer[k], atSingle(step + k)) > 1)
                    {
                        failure = $"Fill from {step} at +{k}: {buffer[k]:R}, AtSingle {atSingle(step + k):R}";
                        break;
                    }
                }

                if (failure is not null)
                {
                    break;
                }
            }

            if (failure is not null)
            {
                yield return $"{failure}:\n{schedule.Text}";
            }
        }
    }

    /// <summary>0 and 1, each boundary ± 1, powers of two ± 1 up to 2⁶², the top of the range, and a few random steps.</summary>
    private static IEnumerable<long> Steps(List<long> boundaries, Random random)
    {
        var steps = new SortedSet<long> { 0, 1, 2, long.MaxValue, long.MaxValue - 1, long.MaxValue - 47 };
        foreach (long boundary in boundaries.Where(b => b is > 0 and < long.MaxValue))
        {
            steps.Add(boundary - 1);
            steps.Add(boundary);
            steps.Add(boundary + 1);
        }

        for (int k = 1; k < 63; k += 1 + random.Next(3))
        {
            long power = 1L << k;
            steps.Add(power - 1);
            steps.Add(power);
            steps.Add(power + 1);
        }

        for (int i = 0; i < 6; i++)
        {
            steps.Add(random.NextInt64(0, long.MaxValue));
            steps.Add(random.NextInt64(0, 100_000));
        }

        return steps;
    }

    private static void Increment(SortedDictionary<string, long> counts, string key) => PropertyChecks.Increment(counts, key);

    /// <summary>Null when the generated At of a rejected schedule is a stub that throws its SDL error; else what it does instead.</summary>
    private static string? StubProblem(Type type)
    {
        try
        {
            double rate = (double)type.GetMethod("At", [typeof(long)])!.Invoke(null, [0L])!;
            return $"At(0) returned {rate.ToString(CultureInfo.InvariantCulture)} instead of throwing";
        }
        catch (TargetInvocationException thrown) when (thrown.InnerException is InvalidOperationException stub)
        {
            return stub.Message.Contains("is invalid and has no code (SDL", StringComparison.Ordinal) ? null : $"At(0) threw '{stub.Message}'";
        }
    }
}

/// <summary>Draws well-typed schedule declarations with parameters over the whole legal range, edges included.</summary>
internal sealed class ScheduleDrawer(Random random)
{
    private static readonly long[] EdgeLengths = [1, 2, 3, 10, 1L << 31, (1L << 53) - 1, 1L << 53];
    private static readonly double[] EdgeFactors = [0.0, 1e-300, double.Epsilon, 1e-8, 0.5, 1 - 1e-16, 0.9999999999999999, 1.0];
    private static readonly double[] EdgeGammas = [1e-300, 1e-8, 0.5, 0.999999, 0.9999999999999999, 1.0, 1.0000000000000002, 1.0001, 1.5, 2.0, 10.0];
    private static readonly double[] EdgePeaks = [1e-8, 3e-4, 0.1, 1.0, 1e30, 3.4028234663852886E+38];

    public (string Text, List<long> Boundaries) Schedule(string name)
    {
        double peak = random.NextDouble() < 0.3 ? Pick(EdgePeaks) : Math.Round(random.NextDouble(), 4) + 1e-4;
        var attributes = new List<string> { $"LearningRate({D(peak)})" };
        var boundaries = new List<long>();
        long position = 0;
        int phases = 1 + random.Next(3);
        for (int i = 0; i < phases; i++)
        {
            bool last = i == phases - 1;
            (string phase, long? length) = Phase(peak, last);
            attributes.Add(phase);
            if (length is not { } l)
            {
                break;
            }

            position = position > long.MaxValue - l ? long.MaxValue : position + l;
            boundaries.Add(position);
        }

        return ($"[{string.Join("][", attributes)}] public partial struct {name};", boundaries);
    }

    /// <summary>One phase and its nominal length (null when it never ends, which makes it the last).</summary>
    private (string Text, long? Length) Phase(double peak, bool last)
    {
        long n = Length();
        string steps = random.NextDouble() < 0.5 || !last ? $", Steps = {L(n)}" : string.Empty;
        long? optional = steps.Length > 0 ? n : null;
        switch (random.Next(21))
        {
            case 0: return ($"Warmup({L(n)}{Maybe("StartFactor", D(Factor()))}{Maybe("Shape", Pick(["CurveShape.Linear", "CurveShape.Cosine", "CurveShape.OneMinusSqrt"]))})", n);
            case 1: return ($"Linear({L(n)}, {D(Factor())}, {D(Factor())})", n);
            case 2: return ($"Constant({L(n)}{Maybe("Factor", D(Factor()))})", n);
            case 3:
                bool periodic = last && random.NextDouble() < 0.3;
                return ($"Cosine({L(n)}{Maybe("Final", D(Rate(peak)))}{(periodic ? ", End = EndBehavior.Periodic" : Maybe("Exponent", D(Positive())) + Maybe("KDecay", D(Positive())))})", periodic ? null : n);
            case 4: return ($"Exponential({D(Gamma())}{steps})", optional);
            case 5: return ($"StepDecay({L(Length())}, {D(Gamma())}{steps})", optional);
            case 6:
                long[] milestones = Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.NextDouble() < 0.8 ? random.NextInt64(0, 1000) : Pick(EdgeLengths)).OrderBy(m => m).ToArray();
                return ($"MultiStep({D(Gamma())}, {string.Join(", ", milestones.Select(L))}{steps})", optional);
            case 7: return ($"Polynomial({L(n)}{Maybe("Power", D(Positive()))}{Maybe("Final", D(Rate(peak)))})", n);
            case 8:
                bool three = random.NextDouble() < 0.3;
                double pct = random.NextDouble() < 0.2 ? Pick([1e-9, 0.5 / Math.Max(n, 1), 1.0 / Math.Max(n, 1), 0.499999, 0.999999]) : 0.01 + (random.NextDouble() * 0.48);
                return ($"OneCycle({L(n)}, PctStart = {D(pct)}{(three ? ", ThreePhase = true" : string.Empty)}{Maybe("Anneal", Pick(["AnnealStrategy.Cosine", "AnnealStrategy.Linear"]))}{Maybe("DivFactor", D(1 + (random.NextDouble() * 1e4)))}{Maybe("FinalDivFactor", D(Pick([1.0, 10.0, 1e4, 1e300])))})", n);
            case 9:
                string mode = Pick(["CyclicMode.Triangular", "CyclicMode.Triangular2", "CyclicMode.ExpRange"]);
                return ($"Cyclic({L(Length())}, {D(Rate(peak))}{Maybe("StepsDown", L(Length()))}, Mode = {mode}{Maybe("Gamma", D(Gamma()))}{Maybe("CycleMomentum", Pick(["true", "false"]))}{steps})", optional);
            case 10: return ($"CosineRestarts({L(Length())}{Maybe("Multiplier", D(Pick([1.0, 1.0000000001, 1.5, 2.0, 16.0])))}{Maybe("Final", D(Rate(peak)))}{Maybe("Decay", D(Gamma()))}{Maybe("CycleLimit", L(Pick([1L, 2L, 5L, 100L])))}{steps})", optional);
            case 11: return ($"Noam({L(Length())}, {Pick(["1", "64", "512", "int.MaxValue"])}{Maybe("Scale", D(Pick([1e-300, 1.0, 2.0, 1e30, 1e300, double.MaxValue])))}{steps})", optional);
            case 12: return ($"InverseSqrt({L(Length())}{steps})", optional);
            case 13: return ($"InverseTime({L(Length())}, {D(Pick([0.0, 0.5, 1.0, 1e300]))}{Maybe("Staircase", Pick(["true", "false"]))}{steps})", optional);
            case 14: return ($"Optimal({D(Pick([1e-300, 1e-4, 1.0, 1e300]))}{steps})", optional);
            case 15: return ($"InverseScaling({D(Pick([0.0, 0.25, 0.5, 1.0, 10.0]))}{steps})", optional);
            case 16: return ($"Decay({L(n)}{Maybe("Shape", Pick(["CurveShape.Linear", "CurveShape.Cosine", "CurveShape.OneMinusSqrt"]))}{Maybe("Final", D(Rate(peak)))})", n);
            case 17: return ($"Tanh({L(n)}{Maybe("Lower", D(Pick([-7.0, -1e300, 0.0])))}{Maybe("Upper", D(Pick([3.0, 1e300, 0.0])))}{Maybe("Final", D(Rate(peak)))})", n);
            case 18: return ($"SwaAnneal({L(n)}, {D(Math.Max(Rate(peak), double.Epsilon))}{Maybe("Anneal", Pick(["AnnealStrategy.Cosine", "AnnealStrategy.Linear"]))})", n);
            case 19:
            {
                int count = random.Next(1, 5);
                long[] b = Increasing(count - 1);
                return ($"Piecewise(new[] {{ {string.Join(", ", Enumerable.Range(0, count).Select(_ => D(Factor())))} }}{string.Concat(b.Select(x => ", " + L(x)))}{Maybe("ChangeAfterBoundary", Pick(["true", "false"]))})", null);
            }

            default:
            {
                int count = random.Next(1, 5);
                long[] b = Increasing(count);
                return ($"Interpolate(new[] {{ {string.Join(", ", Enumerable.Range(0, count).Select(_ => D(Factor())))} }}{string.Concat(b.Select(x => ", " + L(x)))}{Maybe("Anneal", Pick(["AnnealStrategy.Cosine", "AnnealStrategy.Linear"]))})", null);
            }
        }
    }

    private long[] Increasing(int count)
    {
        var values = new SortedSet<long>();
        while (values.Count < count)
        {
            values.Add(random.NextDouble() < 0.85 ? random.NextInt64(0, 2000) : Pick(EdgeLengths));
        }

        return values.ToArray();
    }

    private long Length() => random.NextDouble() < 0.35 ? Pick(EdgeLengths) : random.NextInt64(1, 5000);

    private double Factor() => random.NextDouble() < 0.4 ? Pick(EdgeFactors) : random.NextDouble();

    private double Gamma() => random.NextDouble() < 0.6 ? Pick(EdgeGammas) : random.NextDouble();

    private double Positive() => Pick([1e-3, 0.5, 1.0, 2.0, 10.0]);

    private double Rate(double peak) => random.NextDouble() < 0.3 ? Pick([0.0, peak, peak * (1 - 1e-16), double.Epsilon]) : peak * random.NextDouble();

    private string Maybe(string name, string value) => random.NextDouble() < 0.5 ? $", {name} = {value}" : string.Empty;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string D(double value) => value == double.MaxValue ? "double.MaxValue" : value.ToString("R", CultureInfo.InvariantCulture) + (value.ToString("R", CultureInfo.InvariantCulture).Contains('.') || value.ToString("R", CultureInfo.InvariantCulture).Contains('E') ? string.Empty : ".0");

    private static string L(long value) => value.ToString(CultureInfo.InvariantCulture);
}
