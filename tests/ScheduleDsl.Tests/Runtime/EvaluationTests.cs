using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace ScheduleDsl.Tests.Runtime;

/// <summary>
/// The run-time search for a step's piece (Schedule.Evaluation: a count of the ends for few pieces, with or without
/// vectors, a binary search for many) in any order of steps, on any thread, at the extremes of the step range, for
/// piece counts on either side of each strategy's limits; checked against the compiled schedule (generated branch
/// trees) and, for the multi-steps, against hand-derived powers of two.
/// </summary>
public sealed class EvaluationTests
{
    /// <summary>Each schedule with its milestones (null when the rates are not exact powers of two).</summary>
    public static TheoryData<string> Names => new(Cases.Keys.Order());

    private static readonly Dictionary<string, (IScheduleFunction Compiled, string Text, long[]? Milestones)> Cases = new()
    {
        [nameof(OnePiece)] = (new CompiledSchedule<OnePiece>(), "[LearningRate(1.0)] [Exponential(0.99)]", null),
        [nameof(FourEnds)] = (new CompiledSchedule<FourEnds>(), "[LearningRate(1.0)] [MultiStep(0.5, 10, 20, 30, 40)]", Tens(4)),
        [nameof(EightEnds)] = (new CompiledSchedule<EightEnds>(), "[LearningRate(1.0)] [MultiStep(0.5, 10, 20, 30, 40, 50, 60, 70, 80)]", Tens(8)),
        [nameof(NineEnds)] = (new CompiledSchedule<NineEnds>(), "[LearningRate(1.0)] [MultiStep(0.5, 10, 20, 30, 40, 50, 60, 70, 80, 90)]", Tens(9)),
        [nameof(TwentyEnds)] = (new CompiledSchedule<TwentyEnds>(), "[LearningRate(1.0)] [MultiStep(0.5, " + string.Join(", ", Tens(20)) + ")]", Tens(20)),
        [nameof(FourEndsThenThrows)] = (new CompiledSchedule<FourEndsThenThrows>(), "[LearningRate(1.0)] [MultiStep(0.5, 10, 20, 30, Steps = 40, End = EndBehavior.Throw)]", Tens(3)),
        [nameof(ThrowsAtTen)] = (new CompiledSchedule<ThrowsAtTen>(), "[LearningRate(0.1)] [Warmup(4)] [Linear(6, 1.0, 0.5, End = EndBehavior.Throw)]", null),
        [nameof(WarmupCosine)] = (new CompiledSchedule<WarmupCosine>(), "[LearningRate(0.1)] [Warmup(10)] [Cosine(90, Final = 0.001)]", null),
        [nameof(ExactKinds)] = (new CompiledSchedule<ExactKinds>(), "[LearningRate(0.2)] [Warmup(100)] [StepDecay(50, 0.5, Steps = 400)] [MultiStep(0.5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120)]", null),
        [nameof(EveryKindShapes)] = (new CompiledSchedule<EveryKindShapes>(), "[LearningRate(0.1)] [Warmup(500, Shape = CurveShape.OneMinusSqrt)] [Decay(500, Shape = CurveShape.Cosine, Final = 1e-3)] [Tanh(1000, Final = 1e-4)] [Cosine(1000, Exponent = 1.5, KDecay = 2)] [SwaAnneal(300, 0.05)] [Piecewise(new[] { 1.0, 0.5, 0.25 }, 100, 200)] [Interpolate(new[] { 0.25, 1.0, 0.1 }, 0, 300, 900, Start = 4000)] [Exponential(0.999, Multiply = true)]", null),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void At_in_random_orders_gives_the_compiled_bits(string name)
    {
        (IScheduleFunction compiled, string text, _) = Cases[name];
        Schedule schedule = Schedule.Parse(text);
        long[] steps = Steps(schedule);
        var random = new Random(name.Length);

        // One schedule, several orders: a remembered piece would show as a wrong rate after a jump back.
        foreach (long[] order in new[] { steps, steps.Reverse().ToArray(), Shuffled(steps, random), Shuffled(steps, random) })
        {
            foreach (long step in order)
            {
                AssertSame(compiled, schedule, step);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void At_from_several_threads_at_once_gives_the_compiled_bits(string name)
    {
        (IScheduleFunction compiled, string text, _) = Cases[name];
        Schedule schedule = Schedule.Parse(text);
        long[] steps = Steps(schedule).Where(s => compiled.TotalSteps is not { } total || s < total).ToArray();
        Dictionary<long, long> want = steps.Distinct().ToDictionary(s => s, s => BitConverter.DoubleToInt64Bits(compiled.At(s)));
        string?[] wrong = new string?[4];
        Parallel.For(0, wrong.Length, new ParallelOptions { MaxDegreeOfParallelism = wrong.Length }, thread =>
        {
            var random = new Random(thread);
            for (int round = 0; round < 50 && wrong[thread] is null; round++)
            {
                foreach (long step in Shuffled(steps, random))
                {
                    if (BitConverter.DoubleToInt64Bits(schedule.At(step)) != want[step])
                    {
                        wrong[thread] = $"At({step}) on thread {thread}";
                        break;
                    }
                }
            }
        });

        Assert.All(wrong, Assert.Null);
    }

    [Theory]
    [InlineData(nameof(FourEnds), 4)]
    [InlineData(nameof(EightEnds), 8)]
    [InlineData(nameof(NineEnds), 9)]
    [InlineData(nameof(TwentyEnds), 20)]
    [InlineData(nameof(FourEndsThenThrows), 3)]
    public void Multi_step_rates_are_the_hand_derived_powers_of_two(string name, int milestones)
    {
        (_, string text, long[]? tens) = Cases[name];
        Schedule schedule = Schedule.Parse(text);
        Assert.Equal(milestones, tens!.Length);
        long last = schedule.TotalSteps is { } total ? total - 1 : (10 * milestones) + 25;
        for (long step = last; step >= 0; step--)
        {
            // 1·0.5^k after the k-th milestone at 10·k: exact in binary.
            double want = 1.0 / (1L << (int)Math.Min(step / 10, milestones));
            Assert.True(want == schedule.At(step), $"At({step}) = {schedule.At(step):R}, want {want:R}");
        }

        if (schedule.TotalSteps is null)
        {
            Assert.Equal(1.0 / (1L << milestones), schedule.At(long.MaxValue));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Steps_before_zero_throw_and_past_the_end_hold_or_throw_as_compiled(string name)
    {
        (IScheduleFunction compiled, string text, _) = Cases[name];
        Schedule schedule = Schedule.Parse(text);
        foreach (long step in new[] { -1L, -2L, long.MinValue })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(step));
            Assert.Throws<ArgumentOutOfRangeException>(() => schedule.AtSingle(step));
            Assert.Throws<ArgumentOutOfRangeException>(() => compiled.At(step));
        }

        long end = compiled.TotalSteps ?? 1L << 40;
        foreach (long step in new[] { end - 1, end, end + 1, long.MaxValue - 1, long.MaxValue })
        {
            AssertSame(compiled, schedule, step);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Fill_from_random_steps_and_lengths_gives_the_compiled_bits(string name)
    {
        (IScheduleFunction compiled, string text, _) = Cases[name];
        Schedule schedule = Schedule.Parse(text);
        var random = new Random(name.Length);
        long limit = compiled.TotalSteps ?? 12_000;
        var want = new float[3000];
        var got = new float[3000];
        for (int i = 0; i < 40; i++)
        {
            long first = random.NextInt64(0, limit);
            int length = (int)Math.Min(random.Next(0, want.Length + 1), compiled.TotalSteps is { } total ? total - first : long.MaxValue);
            Array.Fill(got, float.NaN);
            compiled.Fill(want.AsSpan(0, length), first);
            schedule.Fill(got.AsSpan(0, length), first);
            for (int k = 0; k < length; k++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(want[k]) == BitConverter.SingleToInt32Bits(got[k]), $"Fill({first}, {length}) at +{k}: compiled {want[k]:R}, run time {got[k]:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void At_AtSingle_and_Fill_allocate_nothing_after_construction(string name)
    {
        (IScheduleFunction compiled, string text, _) = Cases[name];
        Schedule schedule = Schedule.Parse(text);
        long[] steps = Shuffled(Steps(schedule).Where(s => compiled.TotalSteps is not { } total || s < total).ToArray(), new Random(1));
        var destination = new float[(int)Math.Min(compiled.TotalSteps ?? 5000, 5000)];
        double sum = Run(schedule, steps, destination); // warm up (the project runs without tiered compilation)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            sum += Run(schedule, steps, destination);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);

        static double Run(Schedule schedule, long[] steps, float[] destination)
        {
            double sum = 0;
            foreach (long step in steps)
            {
                sum += schedule.At(step) + schedule.AtSingle(step);
            }

            schedule.Fill(destination, 0);
            return sum + destination[^1];
        }
    }

    private static long[] Tens(int count) => Enumerable.Range(1, count).Select(k => 10L * k).ToArray();

    /// <summary>0, every boundary and its neighbours, powers of two and the largest steps, each twice.</summary>
    private static long[] Steps(Schedule schedule)
    {
        var steps = new SortedSet<long> { 0, 1, 2, 3, long.MaxValue - 1, long.MaxValue };
        foreach (long b in schedule.Boundaries)
        {
            steps.UnionWith([b - 2, b - 1, b, b + 1, b + 2]);
        }

        for (int k = 1; k < 63; k++)
        {
            steps.UnionWith([(1L << k) - 1, 1L << k, (1L << k) + 1]);
        }

        long[] once = steps.Where(s => s >= 0).ToArray();
        return [.. once, .. once];
    }

    private static long[] Shuffled(long[] steps, Random random)
    {
        long[] copy = [.. steps];
        random.Shuffle(copy);
        return copy;
    }

    private static void AssertSame(IScheduleFunction compiled, Schedule schedule, long step)
    {
        double want, got;
        try
        {
            want = compiled.At(step);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Past the end of a schedule declared with End = EndBehavior.Throw.
            Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(step));
            Assert.Throws<ArgumentOutOfRangeException>(() => schedule.AtSingle(step));
            return;
        }

        got = schedule.At(step);
        Assert.True(BitConverter.DoubleToInt64Bits(want) == BitConverter.DoubleToInt64Bits(got), $"At({step}): compiled {want:R}, run time {got:R}");
        Assert.True(BitConverter.SingleToInt32Bits(compiled.AtSingle(step)) == BitConverter.SingleToInt32Bits(schedule.AtSingle(step)), $"AtSingle({step})");
    }
}
