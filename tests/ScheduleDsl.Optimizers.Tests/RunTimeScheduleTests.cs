using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using static ScheduleDsl.Optimizers.Tests.TestOptimizers;

namespace ScheduleDsl.Optimizers.Tests;

/// <summary>
/// The non-generic optimizers over a run-time <see cref="Schedule"/>: PyTorch's bits, the compiled schedule's bits
/// (momentum / β₁ co-scheduled by a run-time one-cycle included), checkpoints that record and verify the schedule, and
/// argument validation.
/// </summary>
public class RunTimeScheduleTests
{
    private static readonly int[] Lengths = [1037, 64];

    public static IEnumerable<object[]> ReferenceCases => ReferenceData.CaseNames;

    /// <summary>One configuration per algorithm, with the schedule given (run-time) or not (the generic optimizer over <see cref="OneCycleSchedule"/>).</summary>
    public static readonly Dictionary<string, Func<IScheduleFunction?, int[], Optimizer>> OneCycle = new()
    {
        ["sgd"] = (s, n) => Create(new SgdOptions { Momentum = 0.5, Nesterov = true, WeightDecay = 0.01 }, o => s is null ? new Sgd<OneCycleSchedule>(n, o) : new Sgd(s, n, o)),
        ["adam"] = (s, n) => Create(new AdamOptions { AmsGrad = true, WeightDecay = 0.02 }, o => s is null ? new Adam<OneCycleSchedule>(n, o) : new Adam(s, n, o)),
        ["adamw"] = (s, n) => Create(new AdamOptions { Beta2 = 0.95 }, o => s is null ? new AdamW<OneCycleSchedule>(n, o) : new AdamW(s, n, o)),
        ["rmsprop"] = (s, n) => Create(new RmsPropOptions { Centered = true, WeightDecay = 0.01 }, o => s is null ? new RmsProp<OneCycleSchedule>(n, o) : new RmsProp(s, n, o)),
        ["adagrad"] = (s, n) => Create(new AdagradOptions { LearningRateDecay = 0.01, InitialAccumulatorValue = 0.1 }, o => s is null ? new Adagrad<OneCycleSchedule>(n, o) : new Adagrad(s, n, o)),
    };

    public static IEnumerable<object[]> Algorithms => OneCycle.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void A_run_time_schedule_matches_pytorch_bit_for_bit(string name)
    {
        ReferenceCase c = ReferenceData.Get(name);
        Optimizer optimizer = ReferenceTests.BuildRunTime(c, [c.Initial.Length], maxDegreeOfParallelism: 1, parallelThreshold: int.MaxValue);
        Assert.False(optimizer.GetType().IsGenericType);
        float[] p = (float[])c.Initial.Clone();
        for (int t = 0; t < c.Gradients.Length; t++)
        {
            ReferenceTests.CheckLearningRate(c, optimizer, t);
            Assert.Equal(StepResult.Applied, optimizer.Step(p, c.Gradients[t]));
            ReferenceTests.Compare(c, t, p);
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_run_time_one_cycle_updates_like_the_compiled_one_past_its_end(string algorithm)
    {
        Optimizer compiled = OneCycle[algorithm](null, Lengths);
        Optimizer runTime = OneCycle[algorithm](Schedule.Parse(ReferenceTests.OneCycleText), Lengths);
        float[][] want = RandomTensors(Lengths, seed: 3);
        float[][] got = Copy(want);
        for (int step = 0; step < 30; step++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(compiled.LearningRate), BitConverter.DoubleToInt64Bits(runTime.LearningRate));
            float[][] g = RandomTensors(Lengths, seed: 100 + step);
            compiled.Step(AsMemory(want), AsReadOnlyMemory(g));
            runTime.Step(AsMemory(got), AsReadOnlyMemory(g));
        }

        for (int t = 0; t < Lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(want[t], got[t]));
        }
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("rmsprop")]
    public void The_co_scheduled_momentum_of_a_run_time_schedule_is_used(string algorithm)
    {
        // The same rates without the momentum co-schedule: one-cycle's momentum (0.95 → 0.85) must change the result,
        // or the comparison with the compiled schedule above would not show that it is applied.
        Schedule withMomentum = Schedule.Parse(ReferenceTests.OneCycleText);
        Assert.True(withMomentum.HasMomentum);
        var rateOnly = new RateOnly(withMomentum);
        Optimizer a = OneCycle[algorithm](withMomentum, Lengths);
        Optimizer b = OneCycle[algorithm](rateOnly, Lengths);
        float[][] pa = RandomTensors(Lengths, seed: 5);
        float[][] pb = Copy(pa);
        for (int step = 0; step < 3; step++)
        {
            float[][] g = RandomTensors(Lengths, seed: 200 + step);
            a.Step(AsMemory(pa), AsReadOnlyMemory(g));
            b.Step(AsMemory(pb), AsReadOnlyMemory(g));
        }

        Assert.NotEqual(-1, FirstBitDifference(pa[0], pb[0]));
    }

    [Fact]
    public void A_momentum_given_twice_is_refused_for_a_run_time_schedule_as_for_a_compiled_one()
    {
        Schedule oneCycle = Schedule.Parse(ReferenceTests.OneCycleText);
        ArgumentException sgd = Assert.Throws<ArgumentException>(() => new Sgd(oneCycle, Lengths, new SgdOptions { MomentumSchedule = RisingMomentum }));
        Assert.Equal(nameof(SgdOptions.MomentumSchedule), sgd.ParamName);
        Assert.Contains(oneCycle.ToString(), sgd.Message, StringComparison.Ordinal);
        ArgumentException adam = Assert.Throws<ArgumentException>(() => new AdamW(oneCycle, Lengths, new AdamOptions { Beta1Schedule = RisingMomentum }));
        Assert.Equal(nameof(AdamOptions.Beta1Schedule), adam.ParamName);
        ArgumentException rms = Assert.Throws<ArgumentException>(() => new RmsProp(oneCycle, Lengths, new RmsPropOptions { MomentumSchedule = RisingMomentum }));
        Assert.Equal(nameof(RmsPropOptions.MomentumSchedule), rms.ParamName);
        ArgumentException compiled = Assert.Throws<ArgumentException>(() => new Sgd<OneCycleSchedule>(Lengths, new SgdOptions { MomentumSchedule = RisingMomentum }));
        Assert.Contains(nameof(OneCycleSchedule), compiled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_schedule_is_refused()
    {
        Assert.Equal("schedule", Assert.Throws<ArgumentNullException>(() => new Sgd(null!, Lengths)).ParamName);
        Assert.Equal("schedule", Assert.Throws<ArgumentNullException>(() => new Adam(null!, Lengths)).ParamName);
        Assert.Equal("schedule", Assert.Throws<ArgumentNullException>(() => new AdamW(null!, Lengths)).ParamName);
        Assert.Equal("schedule", Assert.Throws<ArgumentNullException>(() => new RmsProp(null!, Lengths)).ParamName);
        Assert.Equal("schedule", Assert.Throws<ArgumentNullException>(() => new Adagrad(null!, Lengths)).ParamName);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_checkpoint_round_trip_under_a_run_time_schedule_is_bit_identical(string algorithm)
    {
        Optimizer uninterrupted = OneCycle[algorithm](Schedule.Parse(ReferenceTests.OneCycleText), Lengths);
        float[][] p = RandomTensors(Lengths, seed: 7);
        byte[] checkpoint = [];
        float[][] atSave = [];
        for (int step = 0; step < 12; step++)
        {
            if (step == 6)
            {
                checkpoint = Checkpoint(uninterrupted);
                atSave = Copy(p);
            }

            uninterrupted.Step(AsMemory(p), AsReadOnlyMemory(RandomTensors(Lengths, seed: 300 + step)));
        }

        // A schedule parsed again from the same text has the same identity.
        Optimizer resumed = OneCycle[algorithm](Schedule.Parse(ReferenceTests.OneCycleText), Lengths);
        resumed.LoadCheckpoint(new MemoryStream(checkpoint));
        Assert.Equal(6, resumed.StepCount);
        for (int step = 6; step < 12; step++)
        {
            resumed.Step(AsMemory(atSave), AsReadOnlyMemory(RandomTensors(Lengths, seed: 300 + step)));
        }

        for (int t = 0; t < Lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(p[t], atSave[t]));
        }

        Assert.Equal(Checkpoint(uninterrupted), Checkpoint(resumed));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_checkpoint_of_another_run_time_schedule_is_rejected_unless_asked(string algorithm)
    {
        Optimizer saved = OneCycle[algorithm](Schedule.Parse(ReferenceTests.OneCycleText), Lengths);
        saved.Step(AsMemory(RandomTensors(Lengths, 1)), AsReadOnlyMemory(RandomTensors(Lengths, 2)));
        byte[] checkpoint = Checkpoint(saved);
        Optimizer other = OneCycle[algorithm](Schedule.Parse("[LearningRate(0.1)] [OneCycle(21)]"), Lengths);
        byte[] before = Checkpoint(other);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => other.LoadCheckpoint(new MemoryStream(checkpoint)));
        Assert.Contains("LearningRate", e.Message, StringComparison.Ordinal);
        Assert.Contains("[OneCycle(20)]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[OneCycle(21)]", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Checkpoint(other));
        other.LoadCheckpoint(new MemoryStream(checkpoint), verifyScheduleIdentity: false);
        Assert.Equal(1, other.StepCount);

        // The compiled schedule of the same attributes has another identity (its type name): refused as well.
        Optimizer compiled = OneCycle[algorithm](null, Lengths);
        Assert.Throws<InvalidDataException>(() => compiled.LoadCheckpoint(new MemoryStream(checkpoint)));
    }

    [Fact]
    public void The_momentum_co_schedule_is_recorded_under_the_schedule_it_comes_from()
    {
        Optimizer runTime = OneCycle["sgd"](Schedule.Parse(ReferenceTests.OneCycleText), Lengths);
        Optimizer compiled = OneCycle["sgd"](null, Lengths);
        string text = System.Text.Encoding.UTF8.GetString(Checkpoint(runTime));
        Assert.Contains("MomentumAt of [LearningRate(0.1)] [OneCycle(20)] (peak 0.95, unbounded steps, values 0x", text, StringComparison.Ordinal);
        string compiledText = System.Text.Encoding.UTF8.GetString(Checkpoint(compiled));
        Assert.Contains("MomentumAt of OneCycleSchedule (peak 0.95, unbounded steps, values 0x", compiledText, StringComparison.Ordinal);
    }

    private static Optimizer Create<TOptions>(TOptions options, Func<TOptions, Optimizer> create)
        where TOptions : OptimizerOptions
        => create(options);

    /// <summary>A schedule's rates without its momentum co-schedule.</summary>
    private sealed class RateOnly(IScheduleFunction inner) : IScheduleFunction
    {
        public double PeakLearningRate => inner.PeakLearningRate;

        public long? TotalSteps => inner.TotalSteps;

        public bool HasMomentum => false;

        public double At(long step) => inner.At(step);

        public float AtSingle(long step) => inner.AtSingle(step);

        public void Fill(Span<float> destination, long firstStep) => inner.Fill(destination, firstStep);

        public double MomentumAt(long step) => throw new InvalidOperationException();
    }
}

/// <summary>Steps of the non-generic optimizers over run-time schedules allocate nothing after the first.</summary>
[Collection(nameof(AllocationCollection))]
public class RunTimeScheduleAllocationTests
{
    [Theory]
    [MemberData(nameof(RunTimeScheduleTests.Algorithms), MemberType = typeof(RunTimeScheduleTests))]
    public void Steps_under_a_run_time_schedule_allocate_nothing(string algorithm)
    {
        int[] lengths = [1000, 37];
        Optimizer optimizer = RunTimeScheduleTests.OneCycle[algorithm](Schedule.Parse(ReferenceTests.OneCycleText), lengths);
        Optimizer warmupCosine = RunTimeScheduleTests.OneCycle[algorithm](Schedule.Parse(ReferenceTests.WarmupCosineText), lengths);
        Memory<float>[] p = AsMemory(RandomTensors(lengths, 1));
        ReadOnlyMemory<float>[] g = AsReadOnlyMemory(RandomTensors(lengths, 2));
        optimizer.Step(p, g);
        warmupCosine.Step(p, g);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 25; i++)
        {
            optimizer.Step(p, g);
            warmupCosine.Step(p, g);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(26, optimizer.StepCount);
    }
}
