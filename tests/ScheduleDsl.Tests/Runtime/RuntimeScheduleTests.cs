using System;
using System.Linq;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Runtime;

/// <summary>
/// The <see cref="Schedule"/> class: building from text, from a builder and bound to a run; its text; errors with
/// the analyzer's IDs; and no allocation after construction (the project runs without tiered compilation, so one
/// warm-up call leaves the final code in place).
/// </summary>
public sealed class RuntimeScheduleTests
{
    private static readonly string[] EveryKindText =
    [
        "[LearningRate(0.1)] [Warmup(10)] [Cosine(90, Final = 0.001)]",
        "[LearningRate(0.1)] [Warmup(4)] [Linear(6, 1.0, 0.5, End = EndBehavior.Throw)]",
        "[LearningRate(0.1)] [OneCycle(1000)]",
        "[LearningRate(0.1)] [Cyclic(20, 0.01, Steps = 400)] [Exponential(0.99)]",
        "[LearningRate(0.1)] [MultiStep(0.5, 10, 20, 30, 40, 50, 60, 70, 80, 90)]",
        "[LearningRate(0.1)] [CosineRestarts(10, Multiplier = 2, Final = 0.001, Decay = 0.5, CycleLimit = 4)] [Noam(40, 512, Steps = 100)] [InverseSqrt(25, Steps = 100)] [InverseTime(10, 0.5, Steps = 100)] [Optimal(1e-3, Steps = 100)] [InverseScaling(0.5)]",
        "[LearningRate(0.1)] [Warmup(10, Shape = CurveShape.Cosine)] [Decay(50, Shape = CurveShape.OneMinusSqrt)] [Tanh(40)] [SwaAnneal(10, 0.05)] [StepDecay(7, 0.5, Steps = 50)] [Polynomial(30, Power = 2)] [Cosine(30, Exponent = 2, KDecay = 1.5)]",
        "[LearningRate(1.0)] [Piecewise(new[] { 1.0, 0.5, 0.1 }, 100, 200)] [Interpolate(new[] { 0.1, 1.0, 0.01 }, 0, 100, 1000, Anneal = AnnealStrategy.Cosine, Start = 300)]",
        "[LearningRate(0.1)] [Linear(8, 0.2, 1.0)] [Cosine(92)] [Exponential(0.97, Multiply = true, Steps = 50)]",
    ];

    [Fact]
    public void Builds_from_text_a_builder_and_a_factory_alike()
    {
        Schedule parsed = Schedule.Parse("[LearningRate(3e-4)] [Warmup(500)] [Cosine(10_000, Final = 3e-5)]");
        Schedule built = new ScheduleBuilder(3e-4).Then(new WarmupAttribute(500)).Then(new CosineAttribute(10_000) { Final = 3e-5 }).Build();
        Assert.Equal(parsed.ToString(), built.ToString());
        Assert.Equal("[LearningRate(0.0003)] [Warmup(500)] [Cosine(10000, Final = 3E-05)]", parsed.ToString());
        Assert.Equal(3e-4, parsed.PeakLearningRate);
        Assert.Equal(10_500, parsed.TotalSteps);
        Assert.False(parsed.HasMomentum);

        // The peak at the end of the warmup, 3e-5 held after the cosine: read off the formulas, not the code.
        Assert.Equal(3e-4 / 501, parsed.At(0), 3e-4 * 1e-15);
        Assert.Equal(3e-4, parsed.At(500), 3e-4 * 1e-15);
        Assert.Equal(3e-5, parsed.At(10_500));
        Assert.Equal(3e-5, parsed.At(long.MaxValue));
        Assert.Equal(new long[] { 0, 500, 10_500 }, parsed.Boundaries);
        Assert.Equal(["Warmup", "Cosine"], parsed.Phases.Select(p => p.Kind));
        Assert.True(parsed.Phases[0].IsWarmup);
    }

    [Fact]
    public void Binds_lengths_in_epochs_fractions_and_the_rest_to_a_run()
    {
        // 30 epochs of 117 updates = 3510 steps: warmup ⌈175.5⌉ = 176, decay 2 × 117 = 234, stable 3100.
        var run = TrainingRun.FromEpochs(30, 117);
        Schedule schedule = Schedule.Parse("[LearningRate(0.1)] [Warmup(\"5%\")] [Constant(\"rest\")] [Cosine(\"2 epochs\", Final = 1e-5)]", run);
        Assert.Equal("[LearningRate(0.1)] [Warmup(176L)] [Constant(3100L)] [Cosine(234L, Final = 1E-05)]", schedule.ToString());
        Assert.Equal("[LearningRate(0.1)] [Warmup(\"5%\")] [Constant(\"rest\")] [Cosine(\"2 epochs\", Final = 1E-05)]", schedule.Text.ToString());
        Assert.Equal(3510, schedule.TotalSteps);
        Assert.Equal(new long[] { 0, 176, 3276, 3510 }, schedule.Boundaries);

        // The canonical text builds the same schedule without the run.
        Schedule again = Schedule.Parse(schedule.ToString());
        for (long step = 0; step < 3600; step++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(schedule.At(step)), BitConverter.DoubleToInt64Bits(again.At(step)));
        }

        ScheduleFormatException unbound = Assert.Throws<ScheduleFormatException>(() => Schedule.Parse("[LearningRate(0.1)] [Cosine(\"2 epochs\")]"));
        Assert.Equal("SDL0110", unbound.DiagnosticId);
        ScheduleFormatException peak = Assert.Throws<ScheduleFormatException>(() => Schedule.Parse("[LearningRate(0.1)] [Cosine(100)]", new TrainingRun(Peak: 0.2)));
        Assert.Equal("SDL0115", peak.DiagnosticId);
        ScheduleFormatException longer = Assert.Throws<ScheduleFormatException>(() => Schedule.Parse("[LearningRate(0.1)] [Warmup(\"40 epochs\")] [Cosine(\"rest\")]", run));
        Assert.Equal("SDL0112", longer.DiagnosticId);
    }

    [Fact]
    public void Reports_the_analyzers_ID_message_and_position()
    {
        ScheduleFormatException error = Assert.Throws<ScheduleFormatException>(() => Schedule.Parse("[LearningRate(0.1)] [Cosine(0)]"));
        Assert.StartsWith("SDL", error.DiagnosticId, StringComparison.Ordinal);
        Assert.Equal(28, error.Position.Offset);
        Assert.False(Schedule.TryParse("[LearningRate(-1)]", null, out Schedule? none, out ScheduleFormatException? why));
        Assert.Null(none);
        Assert.StartsWith("SDL", why!.DiagnosticId, StringComparison.Ordinal);
        Assert.True(Schedule.TryParse("[LearningRate(1)]", null, out Schedule? constant, out _));
        Assert.Equal(1.0, constant!.At(12345));
    }

    [Fact]
    public void Momentum_is_the_one_cycle_co_schedule_and_a_view_for_the_optimizers()
    {
        Schedule schedule = Schedule.Parse("[LearningRate(0.1)] [OneCycle(100)]");
        Assert.True(schedule.HasMomentum);
        Assert.Equal(0.95, schedule.MomentumAt(0), 15);   // PyTorch OneCycleLR: max_momentum at the start
        IScheduleFunction momentum = schedule.Momentum!;
        Assert.Equal(schedule.MomentumAt(37), momentum.At(37));
        Assert.Null(Schedule.Parse("[LearningRate(0.1)] [Cosine(100)]").Momentum);
        Assert.Throws<InvalidOperationException>(() => Schedule.Parse("[LearningRate(0.1)] [Cosine(100)]").MomentumAt(0));
    }

    [Fact]
    public void At_AtSingle_Fill_and_MomentumAt_allocate_nothing_after_construction()
    {
        var destination = new float[100_000];
        foreach (string text in EveryKindText)
        {
            Schedule schedule = Schedule.Parse(text);
            long limit = schedule.ToString().Contains("Throw", StringComparison.Ordinal) ? schedule.TotalSteps!.Value : long.MaxValue;
            int fill = (int)Math.Min(destination.Length, limit);
            double sum = Run(schedule, limit, destination.AsSpan(0, fill));   // warm up
            long before = GC.GetAllocatedBytesForCurrentThread();
            sum += Run(schedule, limit, destination.AsSpan(0, fill));
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.True(sum > 0, text);
        }

        static double Run(Schedule schedule, long limit, Span<float> destination)
        {
            double sum = 0;
            for (long step = 0; step < 200_000; step++)
            {
                long t = step % limit;
                sum += schedule.At(t) + schedule.AtSingle(t) + (schedule.HasMomentum ? schedule.MomentumAt(t) : 0);
            }

            for (long first = 0; first < Math.Min(5000L, limit); first += 997)
            {
                schedule.Fill(destination[..(int)Math.Min(destination.Length, limit - first)], first);
            }

            return sum + destination[0];
        }
    }
}
