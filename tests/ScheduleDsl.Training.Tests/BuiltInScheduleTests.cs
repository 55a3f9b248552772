using System;
using System.IO;
using System.Linq;
using ScheduleDsl.Training;
using Xunit;
using Old = ScheduleDsl.Training.Tests.Old;

namespace ScheduleDsl.Training.Tests;

/// <summary>
/// The built-in schedules are bound to the run: at the default 30 epochs they give the bits of the old constant
/// 30-epoch declarations (<see cref="Old"/>), and at another length they follow it.
/// </summary>
public class BuiltInScheduleTests
{
    private const int Steps30 = 30 * 45;

    public static TheoryData<ScheduleKind> Kinds => new(ScheduleKind.Constant, ScheduleKind.StepDecay, ScheduleKind.Cosine, ScheduleKind.WarmupCosine, ScheduleKind.OneCycle);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void At_30_epochs_every_rate_and_momentum_of_the_run_is_the_old_constant_schedules_bit_for_bit(ScheduleKind kind)
    {
        IScheduleFunction bound = Trainer.ScheduleOf(kind, RunLength.Epochs);
        IScheduleFunction old = kind switch
        {
            ScheduleKind.Constant => new CompiledSchedule<Old.ConstantRate>(),
            ScheduleKind.StepDecay => new CompiledSchedule<Old.StepDecayRate>(),
            ScheduleKind.Cosine => new CompiledSchedule<Old.CosineRate>(),
            ScheduleKind.WarmupCosine => new CompiledSchedule<Old.WarmupCosineRate>(),
            _ => new CompiledSchedule<Old.OneCycleRate>(),
        };

        Assert.Equal(old.PeakLearningRate, bound.PeakLearningRate);
        Assert.Equal(old.HasMomentum, bound.HasMomentum);
        for (long step = 0; step < Steps30; step++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(old.At(step)), BitConverter.DoubleToInt64Bits(bound.At(step)));
            Assert.Equal(BitConverter.SingleToInt32Bits(old.AtSingle(step)), BitConverter.SingleToInt32Bits(bound.AtSingle(step)));
            if (old.HasMomentum)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(old.MomentumAt(step)), BitConverter.DoubleToInt64Bits(bound.MomentumAt(step)));
            }
        }

        float[] expected = new float[Steps30];
        float[] actual = new float[Steps30];
        old.Fill(expected, 0);
        bound.Fill(actual, 0);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void At_10_epochs_the_schedules_span_the_10_epochs()
    {
        const int steps = 10 * 45;
        Assert.Equal(steps, Trainer.ScheduleOf(ScheduleKind.Cosine, 10).TotalSteps);
        Assert.Equal(steps, Trainer.ScheduleOf(ScheduleKind.WarmupCosine, 10).TotalSteps);
        Assert.Equal(steps, Trainer.ScheduleOf(ScheduleKind.OneCycle, 10).TotalSteps);

        // Cosine and warmup + cosine reach 1 % of the peak at the run's end; the warmup is 10 % of the run, 45 steps.
        Assert.Equal(0.002, Trainer.ScheduleOf(ScheduleKind.Cosine, 10).At(steps));
        IScheduleFunction warmupCosine = Trainer.ScheduleOf(ScheduleKind.WarmupCosine, 10);
        Assert.True(warmupCosine.At(44) < 0.2);
        Assert.Equal(0.2, warmupCosine.At(45));
        Assert.Equal(0.002, warmupCosine.At(steps));

        // Step decay: ×0.3 after each third of the run, at steps 150 and 300.
        IScheduleFunction stepDecay = Trainer.ScheduleOf(ScheduleKind.StepDecay, 10);
        Assert.Equal(0.2, stepDecay.At(149));
        Assert.Equal(0.06, stepDecay.At(150), 1e-15);
        Assert.Equal(0.06, stepDecay.At(299), 1e-15);
        Assert.Equal(0.018, stepDecay.At(300), 1e-15);

        // One-cycle peaks at 30 % of the run (PyTorch's pct_start), step 0.3 × 450 − 1 = 134.
        IScheduleFunction oneCycle = Trainer.ScheduleOf(ScheduleKind.OneCycle, 10);
        Assert.Equal(0.2, oneCycle.At(134));
    }

    [Fact]
    public void A_built_in_schedule_chosen_by_name_trains_like_its_kind_over_the_epochs_it_runs()
    {
        // The command line splits the data by its seed too.
        (Dataset train, Dataset test, _) = TrainingApp.LoadData(null, 2);
        var options = new TrainingOptions { Seed = 2, Epochs = 2 };
        RunResult byKind = Trainer.Train(ScheduleKind.WarmupCosine, train, test, options);

        string dir = Directory.CreateTempSubdirectory("training-named-").FullName;
        try
        {
            var output = new StringWriter();
            int code = TrainingApp.Run(["compare", "--epochs", "2", "--seed", "2", "--out", dir, "--schedule", "WarmupCosineRate", "--schedule", "ConstantRate"], output, interactive: false);
            string text = output.ToString();
            Assert.True(code == 0, text);
            Assert.Contains("#1: WarmupCosineRate (compiled, 90 steps)", text);
            Assert.Contains("#2: ConstantRate (compiled)", text);
            Assert.Contains(FormattableString.Invariant($"#1               epoch  2/2  lr {byKind.LearningRates[^1]:0.000000}  train loss {byKind.EpochTrainLoss[^1]:0.0000}"), text);
            Assert.Contains("│ WarmupCosineRate", text);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_name_lists_the_names_and_returns_1()
    {
        var output = new StringWriter();
        Assert.Equal(1, TrainingApp.Run(["compare", "--schedule", "Cosine"], output, interactive: false));
        string text = output.ToString();
        Assert.StartsWith("error: --schedule Cosine: No compiled schedule is named 'Cosine'. The names are: ", text, StringComparison.Ordinal);
        foreach (string name in new[] { "ConstantRate", "CosineRate", "OneCycleRate", "StepDecayRate", "WarmupCosineRate", "GOneCycle", "UnitWarmupCosine" })
        {
            Assert.Contains(name, text);
        }
    }

    [Fact]
    public void A_bound_schedule_chosen_by_name_is_bound_to_a_one_epoch_run()
    {
        string dir = Directory.CreateTempSubdirectory("training-one-").FullName;
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, TrainingApp.Run(["compare", "--epochs", "1", "--schedule", "OneCycleRate", "--out", dir], output, interactive: false));
            Assert.Contains("#1: OneCycleRate (compiled, 45 steps)", output.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
