using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Generator;

/// <summary>
/// Compiled schedules with lengths or a peak from the training run (bound schedules): what the analyzer checks without
/// the run, the generated <c>Bind(TrainingRun)</c> against the constant schedule with the same numbers, its errors,
/// and allocation-free members after binding.
/// </summary>
public sealed class BoundScheduleTests
{
    private const string Prefix = "using ScheduleDsl;\nnamespace Demo;\n";

    /// <summary>
    /// Calls through a struct generic argument constrained to <see cref="IScheduleFunction"/>, as an optimizer does:
    /// compiled with the schedules, so the test reaches bound and constant schedules alike.
    /// </summary>
    private const string Probe = """
        public static class Probe
        {
            public static double[] Rates<T>(T s, long[] steps) where T : struct, IScheduleFunction
            {
                var rates = new double[steps.Length * 2];
                for (int i = 0; i < steps.Length; i++)
                {
                    rates[2 * i] = s.At(steps[i]);
                    rates[2 * i + 1] = s.AtSingle(steps[i]);
                }

                return rates;
            }

            public static float[] Filled<T>(T s, long first, int count) where T : struct, IScheduleFunction
            {
                var values = new float[count];
                s.Fill(values, first);
                return values;
            }

            public static double[] Momenta<T>(T s, long[] steps) where T : struct, IScheduleFunction
                => System.Array.ConvertAll(steps, s.MomentumAt);

            public static long Allocated<T>(T s, float[] buffer) where T : struct, IScheduleFunction
            {
                double sum = 0;
                long before = System.GC.GetAllocatedBytesForCurrentThread();
                for (long step = 0; step < 20_000; step += 7)
                {
                    sum += s.At(step) + s.AtSingle(step);
                }

                s.Fill(buffer, 3);
                s.Fill(buffer, 5_000);
                long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;
                return sum > -1 ? allocated : -1;
            }
        }
        """;

    private static readonly long[] Steps = [0, 1, 2, 9, 10, 11, 49, 50, 51, 99, 100, 175, 176, 177, 500, 999, 1_000, 1_001, 3_509, 3_510, 3_511, 9_999, 50_000, 99_999, 100_000, 1_000_000];

    /// <summary>
    /// The bound schedule, a run, and the constant schedule those numbers give (the lengths worked out here:
    /// Hugging Face rounds a fraction of the run up, "rest" is what the others leave, an epoch is the run's updates per epoch).
    /// </summary>
    public static TheoryData<string, long?, long?, double?, string> Pairs()
    {
        var data = new TheoryData<string, long?, long?, double?, string>();
        foreach (long total in new long[] { 1_000, 3_510, 100_000 })
        {
            long warmup = (long)Math.Ceiling(total * 0.05);
            data.Add("[LearningRate(3e-4)] [Warmup(\"5%\")] [Cosine(\"rest\", Final = 3e-5)]", total, null, null, $"[LearningRate(3e-4)] [Warmup({warmup})] [Cosine({total - warmup}, Final = 3e-5)]");
        }

        foreach ((long epochs, long perEpoch) in new[] { (30L, 117L), (10L, 1_000L) })
        {
            long total = epochs * perEpoch;
            data.Add(
                "[LearningRate(0.1)] [Warmup(\"2 epochs\", Shape = CurveShape.Cosine)] [Constant(\"rest\", Factor = 0.5)] [Polynomial(\"3 epochs\", Power = 2, Final = 1e-4)]",
                total,
                perEpoch,
                null,
                $"[LearningRate(0.1)] [Warmup({2 * perEpoch}, Shape = CurveShape.Cosine)] [Constant({total - (5 * perEpoch)}, Factor = 0.5)] [Polynomial({3 * perEpoch}, Power = 2, Final = 1e-4)]");
        }

        foreach (double peak in new[] { 1e-3, 0.25 })
        {
            data.Add("[LearningRate] [Linear(\"10%\", 0.1, 1.0)] [StepDecay(\"1 epoch\", 0.5)]", 2_000, 300, peak, $"[LearningRate({peak.ToString("R", CultureInfo.InvariantCulture)})] [Linear(200, 0.1, 1.0)] [StepDecay(300, 0.5)]");
        }

        foreach (long total in new long[] { 1_000, 77_777 })
        {
            data.Add("[LearningRate(0.05)] [OneCycle(\"100%\", ThreePhase = true)]", total, null, null, $"[LearningRate(0.05)] [OneCycle({total}, ThreePhase = true)]");
            data.Add("[LearningRate(0.05)] [Cosine(\"0.25 of run\", Final = 1e-3, End = EndBehavior.Throw)]", total, null, null, $"[LearningRate(0.05)] [Cosine({(long)Math.Ceiling(total * 0.25)}, Final = 1e-3, End = EndBehavior.Throw)]");
        }

        data.Add("[LearningRate(0.1)] [Warmup(50)] [Tanh(\"rest\")] [Cyclic(\"1 epoch\", 0.01, Steps = 500, Mode = CyclicMode.Triangular2)]", 5_000, 100, null, "[LearningRate(0.1)] [Warmup(50)] [Tanh(4450)] [Cyclic(100, 0.01, Steps = 500, Mode = CyclicMode.Triangular2)]");
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Bind_gives_the_bits_of_the_constant_schedule_with_those_numbers(string bound, long? total, long? perEpoch, double? peak, string constant)
    {
        string source = Prefix + $"{bound} public partial struct B;\n{constant} public partial struct C;\n" + Probe;
        Assert.DoesNotContain(GeneratorHarness.Analyze(source), d => d.Severity == DiagnosticSeverity.Error);
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.CompilationDiagnostics);
        Assembly assembly = GeneratorHarness.Load(run.Output);
        object schedule = Bind(assembly, new TrainingRun(total, perEpoch, peak));
        object reference = Activator.CreateInstance(typeof(CompiledSchedule<>).MakeGenericType(assembly.GetType("Demo.C")!))!;
        // A schedule that throws past its end is compared up to it.
        long end = constant.Contains("Throw", StringComparison.Ordinal) ? (long)((IScheduleFunction)reference).TotalSteps! : long.MaxValue;
        long[] steps = [.. Steps.Where(s => s < end)];

        Assert.Equal(Bits(Call(assembly, "Rates", reference, steps)), Bits(Call(assembly, "Rates", schedule, steps)));
        foreach (long first in new long[] { 0, 37, 990 }.Where(f => f + 300 <= end))
        {
            Assert.Equal((float[])Call(assembly, "Filled", reference, first, 300), (float[])Call(assembly, "Filled", schedule, first, 300));
        }

        foreach (string member in new[] { "PeakLearningRate", "TotalSteps", "HasMomentum" })
        {
            Assert.Equal(reference.GetType().GetProperty(member)!.GetValue(reference), schedule.GetType().GetProperty(member)!.GetValue(schedule));
        }

        if ((bool)schedule.GetType().GetProperty("HasMomentum")!.GetValue(schedule)!)
        {
            Assert.Equal(Bits(Call(assembly, "Momenta", reference, steps)), Bits(Call(assembly, "Momenta", schedule, steps)));
        }
    }

    /// <summary>
    /// <c>default(B)</c> of every bound schedule above, and of one whose only run value is the peak (all its boundaries
    /// literals), is not bound: <c>IsBound</c> is false and every evaluation throws saying so, at every step, instead of
    /// the rates of zero lengths. The bound value is <c>IsBound</c> and rejects a negative step as negative.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    [InlineData("[LearningRate] [Warmup(50)] [Cosine(1000)] [OneCycle(200)]", 2_000L, null, 0.1, "")]
    public void A_bound_schedule_that_was_never_bound_throws_instead_of_giving_rates(string bound, long? total, long? perEpoch, double? peak, string constant)
    {
        _ = constant;
        string source = Prefix + $"{bound} public partial struct B;\n" + Probe;
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.CompilationDiagnostics);
        Assembly assembly = GeneratorHarness.Load(run.Output);
        object value = Bind(assembly, new TrainingRun(total, perEpoch, peak));
        object unbound = Activator.CreateInstance(value.GetType())!;
        Assert.True((bool)value.GetType().GetProperty("IsBound")!.GetValue(value)!);
        Assert.False((bool)unbound.GetType().GetProperty("IsBound")!.GetValue(unbound)!);
        bool momentum = (bool)value.GetType().GetProperty("HasMomentum")!.GetValue(value)!;

        foreach (long step in new long[] { 0, 1, 10, 49, 50, 51, 500, 1_999, 2_000, 1_000_000, long.MaxValue })
        {
            Assert.Contains("is not bound", Fails<InvalidOperationException>(() => Call(assembly, "Rates", unbound, new[] { step })).Message, StringComparison.Ordinal);
            Assert.Contains("is not bound", Fails<InvalidOperationException>(() => Call(assembly, "Filled", unbound, step, 1)).Message, StringComparison.Ordinal);
            if (momentum)
            {
                Assert.Contains("is not bound", Fails<InvalidOperationException>(() => Call(assembly, "Momenta", unbound, new[] { step })).Message, StringComparison.Ordinal);
            }
        }

        foreach (long negative in new[] { -1L, long.MinValue })
        {
            Assert.StartsWith("The step must be non-negative", Fails<ArgumentOutOfRangeException>(() => Call(assembly, "Rates", value, new[] { negative })).Message, StringComparison.Ordinal);
            if (momentum)
            {
                Assert.StartsWith("The step must be non-negative", Fails<ArgumentOutOfRangeException>(() => Call(assembly, "Momenta", value, new[] { negative })).Message, StringComparison.Ordinal);
            }
        }
    }

    private static T Fails<T>(Func<object> call)
        where T : Exception
    {
        try
        {
            call();
        }
        catch (TargetInvocationException e) when (e.InnerException is T inner)
        {
            return inner;
        }

        throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name}");
    }

    [Fact]
    public void At_and_Fill_after_Bind_allocate_nothing()
    {
        string source = Prefix + "[LearningRate(3e-4)] [Warmup(\"5%\")] [Cosine(\"rest\", Final = 3e-5)] public partial struct B;\n" + Probe;
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Run(source).Output);
        object schedule = Bind(assembly, new TrainingRun(TotalSteps: 10_000));
        var buffer = new float[4_096];
        Call(assembly, "Allocated", schedule, buffer);
        Assert.Equal(0L, (long)Call(assembly, "Allocated", schedule, buffer));
    }

    [Fact]
    public void Bind_throws_the_analyzers_ID_and_message_for_the_numbers_of_the_run()
    {
        string source = Prefix + """
            [LearningRate(0.1)] [OneCycle("1%", PctStart = 0.1)] public partial struct Cycle;
            [LearningRate(0.1)] [OneCycle(10, PctStart = 0.1)] public partial struct Fixed;
            [LearningRate(0.1)] [Warmup("20 epochs")] [Cosine("rest")] public partial struct Long;
            [LearningRate] [Cosine("rest")] public partial struct Sweep;
            """;

        // The constant schedule with the numbers of a 1,000-step run is an analyzer error; Bind gives the same.
        Diagnostic expected = Assert.Single(GeneratorHarness.Analyze(source), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("SDL0037", expected.Id);
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Run(source.Replace("[LearningRate(0.1)] [OneCycle(10, PctStart = 0.1)] public partial struct Fixed;", string.Empty, StringComparison.Ordinal)).Output);
        ScheduleFormatException cycle = BindFails(assembly, "Cycle", new TrainingRun(TotalSteps: 1_000));
        Assert.Equal(expected.Id, cycle.DiagnosticId);
        Assert.Equal(expected.GetMessage(CultureInfo.InvariantCulture), cycle.DiagnosticMessage);
        Assert.NotNull(Bind(assembly, new TrainingRun(TotalSteps: 10_000), "Cycle"));

        ScheduleFormatException longer = BindFails(assembly, "Long", new TrainingRun(TotalSteps: 1_000, StepsPerEpoch: 100));
        Assert.Equal("SDL0112", longer.DiagnosticId);
        Assert.Equal("Steps of [Cosine] is \"rest\", but the other phases take 2000 of the run's 1000 steps and leave none", longer.DiagnosticMessage);
        Assert.Equal("SDL0110", BindFails(assembly, "Long", new TrainingRun(TotalSteps: 1_000)).DiagnosticId);
        Assert.Equal("SDL0110", BindFails(assembly, "Sweep", new TrainingRun(TotalSteps: 1_000)).DiagnosticId);
        Assert.Equal("SDL0115", BindFails(assembly, "Cycle", new TrainingRun(TotalSteps: 10_000, Peak: 0.3)).DiagnosticId);
        Assert.Equal(0.3, (double)Bind(assembly, new TrainingRun(TotalSteps: 10, Peak: 0.3), "Sweep").GetType().GetProperty("PeakLearningRate")!.GetValue(Bind(assembly, new TrainingRun(TotalSteps: 10, Peak: 0.3), "Sweep"))!);
    }

    [Fact]
    public void What_does_not_depend_on_the_run_is_reported_at_compile_time_at_its_argument()
    {
        string source = Prefix + "[LearningRate(3e-4)] [Warmup(\"5%\")] [Cosine(\"rest\", Final = -3e-5)] public partial struct S;";
        Diagnostic error = Assert.Single(GeneratorHarness.Analyze(source), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("SDL0005", error.Id);
        Assert.Equal("Final = -3e-5", source.Substring(error.Location.SourceSpan.Start, error.Location.SourceSpan.Length));

        // No cascade: the schedule gets stubs, code using it compiles, and its members throw the error.
        GeneratorRun run = GeneratorHarness.Run(source + "\npublic static class User { public static double Rate(long step) => S.At(step); }");
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("[LearningRate(0.1)] [Warmup(\"5%\")] [Cosine(100, [|Multiply = true|])] public partial struct S;", "[Cosine] has Multiply = true")]
    [InlineData("[LearningRate(0.1)] [Warmup(\"5%\")] [Cosine(100, [|Start = 10|])] public partial struct S;", "[Cosine] has a Start")]
    [InlineData("[LearningRate(0.1)] [Warmup(10)] [StepDecay([|\"rest\"|], 0.5)] public partial struct S;", "StepSize of [StepDecay] is \"rest\"")]
    public void A_composition_whose_pieces_move_with_the_run_is_SDL0042_saying_what_to_write(string marked, string message)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int end = marked.IndexOf("|]", StringComparison.Ordinal) - 2;
        string source = Prefix + marked.Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal);
        Diagnostic error = Assert.Single(GeneratorHarness.Analyze(source), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("SDL0042", error.Id);
        Assert.Equal(Prefix.Length + start, error.Location.SourceSpan.Start);
        Assert.Equal(end - start, error.Location.SourceSpan.Length);
        Assert.StartsWith(message, error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.EndsWith("; give every length in steps, or build the schedule at run time from its text (ScheduleText)", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.Run(source).CompilationDiagnostics);
    }

    [Fact]
    public void A_bound_schedule_is_not_an_ISchedule_and_its_snapshot_is_reviewed()
    {
        string source = Prefix + "[LearningRate(3e-4)] [Warmup(\"5%\")] [Cosine(\"rest\", Final = 3e-5)] public partial struct S;";
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Snapshot.Verify("Bound_WarmupCosine", Assert.Single(run.Sources).SourceText.ToString());

        Assembly assembly = GeneratorHarness.Load(run.Output);
        Type type = assembly.GetType("Demo.S")!;
        Assert.False(typeof(ISchedule).IsAssignableFrom(type));
        Assert.True(typeof(IScheduleFunction).IsAssignableFrom(type));
        Assert.Equal("[LearningRate(peak: 0.0003)] [Warmup(steps: \"5%\")] [Cosine(steps: \"rest\", Final = 3E-05)]", type.GetField("Text")!.GetValue(null));
    }

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
        Assembly assembly = GeneratorHarness.Load(run.Output);
        Func<long, double> a = GeneratorHarness.At(assembly, "Demo.A");
        Func<long, double> b = GeneratorHarness.At(assembly, "Demo.B");
        Assert.Equal(Steps.Select(s => BitConverter.DoubleToInt64Bits(b(s))), Steps.Select(s => BitConverter.DoubleToInt64Bits(a(s))));
    }

    private static object Bind(Assembly assembly, TrainingRun run, string name = "B")
    {
        try
        {
            return assembly.GetType("Demo." + name)!.GetMethod("Bind")!.Invoke(null, [run])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static ScheduleFormatException BindFails(Assembly assembly, string name, TrainingRun run)
        => Assert.Throws<ScheduleFormatException>(() => Bind(assembly, run, name));

    private static object Call(Assembly assembly, string method, object schedule, params object[] args)
        => assembly.GetType("Demo.Probe")!.GetMethod(method)!.MakeGenericMethod(schedule.GetType()).Invoke(null, [schedule, .. args])!;

    private static IEnumerable<long> Bits(object values) => values switch
    {
        double[] d => d.Select(BitConverter.DoubleToInt64Bits),
        _ => throw new ArgumentException("not rates", nameof(values)),
    };
}

/// <summary>The README's bound schedule compiles as it is written, runs, and gives the numbers its comments state.</summary>
public sealed partial class BoundScheduleReadmeTests
{
    [Fact]
    public void The_readme_block_compiles_runs_and_matches_its_comments()
    {
        string root = System.IO.Path.GetFullPath(System.IO.Path.Combine(Snapshot.Directory, "..", "..", "..", ".."));
        string readme = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        int section = readme.IndexOf("\n## Lengths from the training run\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no section on lengths from the training run.");
        string code = CodeBlock().Match(readme, section).Groups["code"].Value;
        Assert.Contains("RunSchedule.Bind(run)", code, StringComparison.Ordinal);

        const string Twin = "[ScheduleDsl.LearningRate(3e-4)] [ScheduleDsl.Warmup(176)] [ScheduleDsl.Cosine(3_334, Final = 3e-5)] partial struct Twin;";
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation input = GeneratorHarness.Compile("using ScheduleDsl;\nusing ScheduleDsl.Text;\n" + code, Twin);
        input = input.WithOptions(input.Options.WithOutputKind(OutputKind.ConsoleApplication));
        GeneratorRun run = GeneratorHarness.Run(input);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assembly assembly = GeneratorHarness.Load(run.Output);
        assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);

        object schedule = assembly.GetType("RunSchedule")!.GetMethod("Bind")!.Invoke(null, [TrainingRun.FromEpochs(30, 117)])!;
        Func<long, double> twin = GeneratorHarness.At(assembly, "Twin");
        Assert.Equal(3_510L, ((IScheduleFunction)schedule).TotalSteps);
        foreach (long step in new long[] { 0, 175, 176, 1_000, 3_509, 3_510 })
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(twin(step)), BitConverter.DoubleToInt64Bits(((IScheduleFunction)schedule).At(step)));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"```csharp\n(?<code>.*?)\n```", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex CodeBlock();
}

/// <summary>What the user sees when a bound schedule goes where a static <see cref="ISchedule"/> is required.</summary>
public sealed class BoundScheduleMisuseTests
{
    [Fact]
    public void A_bound_schedule_as_an_ISchedule_type_argument_is_SDL0043_at_the_argument_and_a_constant_one_is_not()
    {
        const string Source = """
            using ScheduleDsl;
            namespace Demo;
            [LearningRate(3e-4)] [Warmup("5%")] [Cosine("rest")] public partial struct Bound;
            [LearningRate] [Cosine(100)] public partial struct Sweep;
            [LearningRate(3e-4)] [Warmup("500 steps")] [Cosine(100)] public partial struct Constant;
            public static class User
            {
                public static double Generic<T>(long step) where T : ISchedule => T.At(step);
                public static double A(long step) => Generic<Bound>(step) + new CompiledSchedule<Sweep>().At(step);
                public static double B(long step) => Generic<Constant>(step) + new CompiledSchedule<Constant>().At(step);
            }
            """;
        Diagnostic[] misuse = [.. GeneratorHarness.Analyze(Source).Where(d => d.Id == "SDL0043")];
        Assert.Equal(["Bound", "Sweep"], misuse.Select(d => Source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)));
        Assert.Equal(
            "'Bound' takes its lengths or peak from the training run, so it is a value (IScheduleFunction) and not an ISchedule, which 'Generic' requires: bind it with Bound.Bind(run) and pass the value to code that takes an IScheduleFunction, or give its lengths and peak as numbers",
            misuse[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("'CompiledSchedule' requires", misuse[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
