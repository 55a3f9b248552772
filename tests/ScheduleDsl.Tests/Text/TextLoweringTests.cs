using System;
using ScheduleDsl.Language.Lowering;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Text;

/// <summary>Schedule text through the shared pass: lengths from the run, the lowered pieces, errors and warnings.</summary>
public sealed class TextLoweringTests
{
    [Fact]
    public void A_length_the_run_has_not_resolved_is_SDL0110_at_that_argument()
    {
        const string Text = "[LearningRate(0.1)] [Warmup(\"5%\")] [Cosine(1000)]";
        ScheduleFormatException error = Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse(Text).Lower());
        Assert.Equal("SDL0110", error.DiagnosticId);
        Assert.Equal(Text.IndexOf("\"5%\"", StringComparison.Ordinal), error.Position.Offset);
        Assert.Equal("Steps of [Warmup] is \"5%\", which only a training run turns into steps: resolve the lengths against one before building the schedule", error.DiagnosticMessage);
    }

    [Fact]
    public void Resolved_text_lowers_to_pieces_that_follow_the_formulas()
    {
        // 10% of 1000 steps of warmup, then a cosine over the rest (900 steps) to 0.
        LoweredSchedule schedule = ScheduleText.Parse("[LearningRate(0.1)] [Warmup(\"10%\")] [Cosine(\"rest\")]")
            .ResolveLengths(new TrainingRun(TotalSteps: 1000))
            .Lower()
            .Schedule;

        Assert.Equal(1000, schedule.TotalSteps);
        Assert.False(schedule.ThrowsPastEnd);
        Assert.Equal(0, schedule.Pieces[0].Start);
        Assert.True(schedule.Pieces[schedule.Pieces.Count - 1].IsOpen);

        // PyTorch's LinearLR warmup starts at peak/(W + 1); the cosine is peak·(1 + cos(π·t/T))/2 from step 100.
        Assert.Equal(0.1 / 101, schedule.Evaluate(0), 1e-17);
        Assert.Equal(0.1, schedule.Evaluate(100), 1e-17);
        Assert.Equal(0.1 * (1 + Math.Cos(Math.PI * 450 / 900)) / 2, schedule.Evaluate(550), 1e-15);
        Assert.Equal(0.0, schedule.Evaluate(1000), 1e-17);
        Assert.Equal(0.0, schedule.Evaluate(5000), 1e-17);
        Assert.Empty(schedule.MomentumPieces);
    }

    [Fact]
    public void Warnings_are_collected_and_errors_thrown_with_the_analyzer_IDs()
    {
        LoweredText noted = ScheduleText.Parse("[LearningRate(0.1)] [Linear(10, 1.0, 0.5)] [Cosine(10)]").Lower();
        Assert.Equal("SDL0021", Assert.Single(noted.Warnings).DiagnosticId);

        const string Broken = "[LearningRate(0.1)] [Cosine(0)]";
        ScheduleFormatException error = Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse(Broken).Lower());
        Assert.Equal("SDL0004", error.DiagnosticId);
        Assert.Equal("Steps of [Cosine] must be a whole number of steps from 1 to 2^53, but is 0", error.DiagnosticMessage);
        Assert.Equal(Broken.IndexOf('0', Broken.IndexOf("Cosine", StringComparison.Ordinal)), error.Position.Offset);
    }

    [Fact]
    public void One_cycle_lowers_its_momentum_co_schedule()
    {
        LoweredSchedule schedule = ScheduleText.Parse("[LearningRate(0.1)] [OneCycle(100)]").Lower().Schedule;

        // PyTorch OneCycleLR: momentum starts at max_momentum 0.95 and reaches base_momentum 0.85 at the peak.
        Assert.True(schedule.CyclesMomentum);
        Assert.Equal(0.95, schedule.EvaluateMomentum(0), 1e-15);
        Assert.Equal(0.1 / 25, schedule.Evaluate(0), 1e-17);
    }
}
