using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Tests.Generator;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Tests.Properties;
using Xunit;
using Xunit.Abstractions;

namespace ScheduleDsl.Tests.Runtime;

/// <summary>
/// A run-time <see cref="Schedule"/> built from the text of a compiled schedule's attributes gives the compiled
/// schedule's bits: <c>At</c>, <c>AtSingle</c>, <c>Fill</c> and <c>MomentumAt</c> equal bit for bit (and throw where it
/// throws), for every snapshot case, every schedule declared in this test project (the PyTorch reference vectors, the
/// peer conventions, the runtime cases) and random schedules; and a schedule the analyzer rejects is rejected at run
/// time with the analyzer's first error ID.
/// </summary>
public sealed class SameNumbersTests(ITestOutputHelper log)
{
    private static readonly string ProjectDirectory = typeof(SameNumbersTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDir").Value!;

    public static TheoryData<string> SnapshotNames => new(SnapshotCases.All.Keys.Order());

    [Theory]
    [MemberData(nameof(SnapshotNames))]
    public void Every_snapshot_case_gives_the_compiled_bits(string name)
    {
        string source = SnapshotCases.All[name];
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Run(source).Output);
        Type type = assembly.GetTypes().Single(t => t.Name == "S");
        int start = source.IndexOf("[LearningRate", StringComparison.Ordinal);
        int end = source.LastIndexOf(']', source.IndexOf(" partial ", start, StringComparison.Ordinal));
        AssertSameBits(Compiled(type), Schedule.FromText(TextOf(type, source[start..(end + 1)])), new Random(name.Length));
    }

    /// <summary>The schedules this project declares as attributes, which the generator compiled into this assembly.</summary>
    public static TheoryData<string, string> DeclaredSchedules()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in new[] { "Reference/ReferenceSchedules.cs", "Peers/PeerSchedules.cs", "Runtime/RuntimeSchedules.cs" })
        {
            foreach ((string name, string _) in Declarations(File.ReadAllText(Path.Combine(ProjectDirectory, file))))
            {
                data.Add(file, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DeclaredSchedules))]
    public void Every_declared_schedule_read_as_text_gives_the_compiled_bits(string file, string name)
    {
        string text = Declarations(File.ReadAllText(Path.Combine(ProjectDirectory, file))).Single(d => d.Name == name).Text;
        Type type = typeof(SameNumbersTests).Assembly.GetTypes().Single(t => t.Name == name && typeof(ISchedule).IsAssignableFrom(t));
        AssertSameBits(Compiled(type), Schedule.FromText(TextOf(type, text)), new Random(name.Length));
    }

    [Fact]
    public void Declared_schedules_cover_the_reference_vectors()
    {
        Assert.True(DeclaredSchedules().Count(row => (string)row[0] == "Reference/ReferenceSchedules.cs") >= 33);
    }

    [Fact]
    public void Random_schedules_give_the_compiled_bits_or_the_analyzers_first_error()
    {
        const int Seed = 12_0012;
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var failures = new List<string>();
        for (int c = 0; c < 4; c++)
        {
            var random = new Random(Seed + c);
            var source = new StringBuilder("using ScheduleDsl;\n");
            var schedules = new List<(string Name, string Declaration, int Start, int End)>();
            for (int i = 0; i < 40; i++)
            {
                string name = "R" + i.ToString(CultureInfo.InvariantCulture);
                (string declaration, _) = new ScheduleDrawer(random).Schedule(name);
                int start = source.Length;
                source.Append(declaration).Append('\n');
                schedules.Add((name, declaration, start, source.Length));
            }

            (GeneratorRun run, System.Collections.Immutable.ImmutableArray<Diagnostic> analyzer, List<string> problems) = PropertyChecks.Run(source.ToString());
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assembly assembly = GeneratorHarness.Load(run.Output);
            foreach ((string name, string declaration, int start, int end) in schedules)
            {
                string text = declaration.Substring(0, declaration.IndexOf(" public partial struct", StringComparison.Ordinal));
                bool rejected = PropertyChecks.HasSdlError(analyzer, start, end, out Diagnostic? error);
                bool built = Schedule.TryParse(text, null, out Schedule? schedule, out ScheduleDsl.Text.ScheduleFormatException? thrown);
                if (rejected)
                {
                    PropertyChecks.Increment(counts, "rejected by both");
                    if (built || thrown!.DiagnosticId != error!.Id)
                    {
                        failures.Add($"analyzer {error!.Id}, run time {(built ? "built it" : thrown!.DiagnosticId)}: {text}");
                    }

                    continue;
                }

                if (!built)
                {
                    failures.Add($"compiled, but the run time threw {thrown}: {text}");
                    continue;
                }

                PropertyChecks.Increment(counts, "same bits checked");
                try
                {
                    AssertSameBits(Compiled(assembly.GetType(name, throwOnError: true)!), schedule!, random);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    failures.Add($"{e.Message}: {text}");
                }
            }
        }

        foreach (var (key, value) in counts)
        {
            log.WriteLine($"{key}: {value}");
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(10)));
        Assert.True(counts.GetValueOrDefault("same bits checked") > 100, "too few valid schedules");
        Assert.True(counts.GetValueOrDefault("rejected by both") > 4, "too few rejected schedules");
    }

    /// <summary>Each <c>[…]</c> attribute block directly above a <c>partial</c> type declaration, as text, with the type's name.</summary>
    internal static List<(string Name, string Text)> Declarations(string source)
    {
        var found = new List<(string, string)>();
        var attributes = new StringBuilder();
        foreach (string raw in source.Split('\n'))
        {
            string line = raw.Trim();
            Match type = Regex.Match(line, @"^(?<attributes>(\[.*\]\s*)*)(public |internal )?(static )?partial (struct|class|record struct|record) (?<name>\w+)\s*[;{]");
            if (type.Success)
            {
                attributes.Append(type.Groups["attributes"].Value);
                if (attributes.Length > 0)
                {
                    found.Add((type.Groups["name"].Value, attributes.ToString().Trim()));
                }

                attributes.Clear();
            }
            else if (line.StartsWith('['))
            {
                attributes.Append(line).Append(' ');
            }
            else if (!line.StartsWith("//", StringComparison.Ordinal))
            {
                attributes.Clear();
            }
        }

        return found;
    }

    /// <summary>
    /// The attributes as written, or, when they hold arithmetic the text form does not evaluate (<c>1.0 / 25</c>,
    /// SDL0102), the compiled attributes printed by the builder (in declaration order; a wrong order would show as
    /// different bits).
    /// </summary>
    private static ScheduleDsl.Text.ScheduleText TextOf(Type type, string written)
    {
        if (ScheduleDsl.Text.ScheduleText.TryParse(written, out ScheduleDsl.Text.ScheduleText? text, out ScheduleDsl.Text.ScheduleFormatException? error))
        {
            return text!;
        }

        Assert.Equal("SDL0102", error!.DiagnosticId);
        object[] attributes = type.GetCustomAttributes(inherit: false);
        ScheduleBuilder builder = new(attributes.OfType<LearningRateAttribute>().Single());
        foreach (PhaseAttribute phase in attributes.OfType<PhaseAttribute>())
        {
            builder = builder.Then(phase);
        }

        return builder.ToText();
    }

    private static IScheduleFunction Compiled(Type type)
        => (IScheduleFunction)Activator.CreateInstance(typeof(CompiledSchedule<>).MakeGenericType(type))!;

    /// <summary>
    /// Bit-identical At, AtSingle and MomentumAt at 0, 1, every boundary ± 1, powers of two, past the end and random
    /// steps; Fill over the whole schedule and from random steps; the same exception type where one throws.
    /// </summary>
    internal static void AssertSameBits(IScheduleFunction compiled, Schedule runtime, Random random)
    {
        Assert.Equal(compiled.PeakLearningRate, runtime.PeakLearningRate);
        Assert.Equal(compiled.TotalSteps, runtime.TotalSteps);
        Assert.Equal(compiled.HasMomentum, runtime.HasMomentum);
        long end = Math.Min(compiled.TotalSteps ?? 1000, 1L << 40);
        var steps = new SortedSet<long> { 0, 1, 2, end - 1, end, end + 1, long.MaxValue, long.MaxValue - 1 };
        foreach (long b in runtime.Boundaries)
        {
            steps.UnionWith([b - 1, b, b + 1]);
        }

        for (int k = 1; k < 63; k++)
        {
            steps.UnionWith([(1L << k) - 1, 1L << k]);
        }

        for (int i = 0; i < 20; i++)
        {
            steps.Add(random.NextInt64(0, Math.Max(end * 2, 2)));
        }

        foreach (long step in steps.Where(s => s >= 0))
        {
            Same(() => compiled.At(step), () => runtime.At(step), $"At({step})");
            Same(() => compiled.AtSingle(step), () => runtime.AtSingle(step), $"AtSingle({step})");
            if (compiled.HasMomentum)
            {
                Same(() => compiled.MomentumAt(step), () => runtime.MomentumAt(step), $"MomentumAt({step})");
            }
        }

        int length = (int)Math.Min(end + 3, 20_000);
        var want = new float[length];
        var got = new float[length];
        foreach (long first in new[] { 0L, 1L }.Concat(runtime.Boundaries.Select(b => Math.Max(0, b - 2))).Concat([random.NextInt64(0, Math.Max(end, 1)), long.MaxValue - length + 1]))
        {
            int n = first > long.MaxValue - length ? 1 + random.Next(length) : length;
            Exception? compiledError = Catch(() => compiled.Fill(want.AsSpan(0, n), first));
            Exception? runtimeError = Catch(() => runtime.Fill(got.AsSpan(0, n), first));
            Assert.True(compiledError?.GetType() == runtimeError?.GetType(), $"Fill({first}, {n}): compiled {compiledError?.GetType().Name ?? "ok"}, run time {runtimeError?.GetType().Name ?? "ok"}");
            if (compiledError is null)
            {
                for (int i = 0; i < n; i++)
                {
                    Assert.True(BitConverter.SingleToInt32Bits(want[i]) == BitConverter.SingleToInt32Bits(got[i]), $"Fill from {first} at +{i}: compiled {want[i]:R}, run time {got[i]:R}");
                }
            }
        }
    }

    private static void Same<T>(Func<T> compiled, Func<T> runtime, string what)
        where T : struct
    {
        T? want = null, got = null;
        Exception? wantError = Catch(() => want = compiled());
        Exception? gotError = Catch(() => got = runtime());
        Assert.True(wantError?.GetType() == gotError?.GetType(), $"{what}: compiled {wantError?.GetType().Name ?? want.ToString()}, run time {gotError?.GetType().Name ?? got.ToString()}");
        Assert.True(Equals(Bits(want), Bits(got)), $"{what}: compiled {want:R}, run time {got:R}");
    }

    private static object? Bits<T>(T? value)
        where T : struct
        => (object?)value switch
        {
            double d => BitConverter.DoubleToInt64Bits(d),
            float f => BitConverter.SingleToInt32Bits(f),
            _ => null,
        };

    private static Exception? Catch(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return e;
        }
    }
}
