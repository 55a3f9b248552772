using System;
using ScheduleDsl.Language;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Text;

/// <summary>Lengths from the training run: the strings, their resolution to steps, and the errors.</summary>
public sealed class TrainingRunTests
{
    // The kinds' own length argument: the descriptors' trait.
    private static string? PhaseLength(TextAttribute attribute) => attribute.Signature.Kind?.LengthArgument;

    private static long[] Steps(string text, TrainingRun run)
    {
        ScheduleText resolved = ScheduleText.Parse(text).ResolveLengths(run);
        Assert.DoesNotContain("\"", resolved.ToString(), StringComparison.Ordinal);
        return [.. System.Linq.Enumerable.Select(System.Linq.Enumerable.Skip(resolved.Attributes, 1), a => ((IArgumentReader)a).Long(PhaseLength(a)!, -1))];
    }

    private static ScheduleFormatException Fails(string text, TrainingRun run)
        => Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse(text).ResolveLengths(run));

    [Theory]
    [InlineData("500", (int)LengthUnit.Steps, 500)]
    [InlineData("500 steps", (int)LengthUnit.Steps, 500)]
    [InlineData("1 step", (int)LengthUnit.Steps, 1)]
    [InlineData("10_000", (int)LengthUnit.Steps, 10000)]
    [InlineData("2 epochs", (int)LengthUnit.Epochs, 2)]
    [InlineData("0.5 EPOCH", (int)LengthUnit.Epochs, 0.5)]
    [InlineData("5%", (int)LengthUnit.Fraction, 0.05)]
    [InlineData(" 12.5 % ", (int)LengthUnit.Fraction, 0.125)]
    [InlineData("0.05 of run", (int)LengthUnit.Fraction, 0.05)]
    [InlineData("rest", (int)LengthUnit.Rest, 0)]
    [InlineData("Rest", (int)LengthUnit.Rest, 0)]
    public void Reads_length_strings(string text, int unit, double value)
    {
        LengthSpec length = LengthSpec.Parse(text);
        Assert.Equal((LengthUnit)unit, length.Unit);
        Assert.Equal(value, length.Value);
        Assert.Equal(length, LengthSpec.Parse(length.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("epochs")]
    [InlineData("2 fortnights")]
    [InlineData("1.5 steps")]
    [InlineData("150%")]
    [InlineData("2 of run")]
    [InlineData("1_")]
    [InlineData("-5")]
    [InlineData("1e5")]
    public void Rejects_malformed_length_strings(string text)
    {
        LengthSpec length = LengthSpec.Parse(text);
        Assert.Equal(LengthUnit.Invalid, length.Unit);
        Assert.Contains(text, length.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolves_epochs_fractions_and_the_rest_of_the_run()
    {
        // 30 epochs of 117 updates: 3510 steps. Warmup 5% = ceil(3510 × 0.05) = ceil(175.5) = 176 (Hugging Face's rounding);
        // a 2-epoch decay = 234 steps; the stable phase takes the rest, 3510 − 176 − 234 = 3100.
        TrainingRun run = TrainingRun.FromEpochs(30, 117);
        Assert.Equal(3510, run.TotalSteps);
        Assert.Equal(new long[] { 176, 3100, 234 }, Steps("[LearningRate(0.1)] [Warmup(\"5%\")] [Constant(\"rest\")] [Cosine(\"2 epochs\")]", run));
        Assert.Equal(new long[] { 500, 3010 }, Steps("[LearningRate(0.1)] [Warmup(500)] [Cosine(\"rest\", Final = 1e-5)]", run));
        Assert.Equal(new long[] { 351, 3159 }, Steps("[LearningRate(0.1)] [Warmup(\"0.1 of run\")] [Cosine(\"rest\")]", run));

        // Step-valued arguments other than the phase's length resolve too: a step decay every epoch.
        ScheduleText decay = ScheduleText.Parse("[LearningRate(0.1)] [StepDecay(\"1 epoch\", 0.5, Steps = \"rest\")]").ResolveLengths(run);
        Assert.Equal("[LearningRate(0.1)] [StepDecay(117L, 0.5, Steps = 3510L)]", decay.ToString());
    }

    [Fact]
    public void Explains_what_the_run_does_not_allow()
    {
        TrainingRun run = new(TotalSteps: 1000, StepsPerEpoch: 101);
        ScheduleFormatException longer = Fails("[LearningRate(0.1)] [Warmup(1500)] [Cosine(\"rest\")]", run);
        Assert.Equal("SDL0112", longer.DiagnosticId);
        Assert.Equal("Steps of [Cosine] is \"rest\", but the other phases take 1500 of the run's 1000 steps and leave none", longer.DiagnosticMessage);

        ScheduleFormatException warmup = Fails("[LearningRate(0.1)] [Warmup(\"20 epochs\")] [Cosine(10)]", run);
        Assert.Equal("SDL0112", warmup.DiagnosticId);
        Assert.Equal("Steps of [Warmup] is 2020 steps, and with it the phases take 2030 steps, longer than the run's 1000", warmup.DiagnosticMessage);
        Assert.Equal(29, warmup.Position.Column);

        ScheduleFormatException half = Fails("[LearningRate(0.1)] [Warmup(\"0.5 epochs\")] [Cosine(10)]", run);
        Assert.Equal("SDL0111", half.DiagnosticId);
        Assert.Contains("50.5 steps", half.DiagnosticMessage, StringComparison.Ordinal);

        Assert.Equal("SDL0110", Fails("[LearningRate(0.1)] [Warmup(\"2 epochs\")]", new TrainingRun(TotalSteps: 10)).DiagnosticId);
        Assert.Equal("SDL0110", Fails("[LearningRate(0.1)] [Warmup(\"5%\")]", new TrainingRun(StepsPerEpoch: 10)).DiagnosticId);
        Assert.Equal("SDL0110", Fails("[LearningRate(0.1)] [Cosine(\"rest\")]", new TrainingRun(StepsPerEpoch: 10)).DiagnosticId);
        Assert.Equal("SDL0112", Fails("[LearningRate(0.1)] [Cosine(\"rest\")] [Constant(\"rest\")]", run).DiagnosticId);
        Assert.Equal("SDL0113", Fails("[LearningRate(0.1)] [Warmup(\"9007199254740993 epochs\")]", new TrainingRun(StepsPerEpoch: 2)).DiagnosticId);
        Assert.Equal("SDL0113", Fails("[LearningRate(0.1)] [Warmup(\"4503599627370497 epochs\")] [Cosine(\"4503599627370497 epochs\")]", new TrainingRun(StepsPerEpoch: 1)).DiagnosticId);
        Assert.Throws<OverflowException>(() => TrainingRun.FromEpochs(long.MaxValue, 2));
    }

    [Fact]
    public void The_peak_comes_from_the_schedule_or_the_run_but_not_both()
    {
        var at = new TextPosition(0, 1, 1, 1);
        Assert.Equal(0.1, new TrainingRun().ResolvePeak(0.1, at));
        Assert.Equal(0.3, new TrainingRun(Peak: 0.3).ResolvePeak(null, at));
        Assert.Equal("SDL0110", Assert.Throws<ScheduleFormatException>(() => new TrainingRun().ResolvePeak(null, at)).DiagnosticId);
        Assert.Equal("SDL0115", Assert.Throws<ScheduleFormatException>(() => new TrainingRun(Peak: 0.3).ResolvePeak(0.1, at)).DiagnosticId);
    }

    [Fact]
    public void Resolution_of_random_texts_against_random_runs_throws_only_the_format_exception()
    {
        string[] lengths = ["10", "\"10\"", "\"rest\"", "\"2 epochs\"", "\"0.5 epochs\"", "\"5%\"", "\"100%\"", "\"1 of run\"", "\"0 steps\"", "\"9007199254740992\""];
        string[] kinds = ["Warmup({0})", "Cosine({0})", "Constant({0}, Start = {0})", "StepDecay({0}, 0.5, Steps = {0})", "Cosine(10, Multiply = true, Start = {0})", "OneCycle({0})"];
        var random = new Random(56);
        for (int i = 0; i < 3_000; i++)
        {
            string text = "[LearningRate(0.1)]";
            for (int p = random.Next(4); p >= 0; p--)
            {
                text += " [" + string.Format(System.Globalization.CultureInfo.InvariantCulture, kinds[random.Next(kinds.Length)], lengths[random.Next(lengths.Length)]) + "]";
            }

            var run = new TrainingRun(
                TotalSteps: random.Next(3) == 0 ? null : random.Next(3) == 0 ? long.MaxValue : random.Next(1, 5_000),
                StepsPerEpoch: random.Next(3) == 0 ? null : random.Next(1, 200));
            try
            {
                ScheduleText resolved = ScheduleText.Parse(text).ResolveLengths(run);
                Assert.DoesNotContain("\"", resolved.ToString(), StringComparison.Ordinal);
                foreach (TextAttribute attribute in resolved.Attributes)
                {
                    IArgumentReader reader = attribute;
                    foreach (string name in new[] { "steps", "Steps", "totalSteps", "stepSize", "Start" })
                    {
                        if (reader.Has(name))
                        {
                            Assert.InRange(reader.Long(name, 0), -1, 1L << 53);
                        }
                    }
                }
            }
            catch (ScheduleFormatException error)
            {
                Assert.Matches("^SDL011[0-5]$", error.DiagnosticId);
                Assert.InRange(error.Position.Offset + error.Position.Length, 0, text.Length);
            }
        }
    }
}
