extern alias generator;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ScheduleDsl.Tests.Generator;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using ScheduleModel = generator::ScheduleDsl.Generator.Model.ScheduleModel;
using ScheduleParser = generator::ScheduleDsl.Generator.Parsing.ScheduleParser;

namespace ScheduleDsl.Tests.Text;

/// <summary>Descriptions of any schedule: landmarks, sparkline and CSV.</summary>
public sealed class ScheduleDescriptionTests
{
    /// <summary>The generator's model as a schedule that knows its structure (what generated code could implement).</summary>
    private sealed class ModelSchedule(ScheduleModel model) : IScheduleFunction, IScheduleStructure
    {
        public double PeakLearningRate => model.Peak;

        public long? TotalSteps => model.TotalSteps;

        public bool HasMomentum => model.MomentumPieces.Count > 0;

        public IReadOnlyList<SchedulePhase> Phases => model.Phases.Select(p => new SchedulePhase(p.Kind, p.Start, p.End, p.Kind == "Warmup")).ToList();

        public IReadOnlyList<long> Boundaries => model.Pieces.Select(p => p.Start).ToList();

        public double At(long step)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(step);
            return model.ThrowsPastEnd && step >= model.TotalSteps ? throw new ArgumentOutOfRangeException(nameof(step)) : model.Evaluate(step);
        }

        public float AtSingle(long step) => (float)At(step);

        public void Fill(Span<float> destination, long firstStep) => throw new NotSupportedException();

        public double MomentumAt(long step) => model.EvaluateMomentum(step);
    }

    public static TheoryData<string> Cases => new(SnapshotCases.All.Keys.Order());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sparkline_and_landmarks_equal_the_generators_hover_text(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(SnapshotCases.All[name]);
        ScheduleModel model = ScheduleParser.Parse((run.Input.GetTypeByMetadataName("Demo.S") ?? run.Input.GetTypeByMetadataName("Outer+Middle+S"))!, default).Model!;
        string generated = string.Concat(run.Sources.Select(s => s.SourceText.ToString()));
        Match hover = Regex.Match(generated, @"/// <para><c>(?<line>[^<]*)</c> steps 0–(?<last>\d+)[^<]*</para>\s*/// <para>(?<landmarks>[^<]*)</para>");
        Assert.True(hover.Success, "no hover sparkline in the generated code");

        ScheduleDescription description = ScheduleDescription.Of(new ModelSchedule(model));
        Assert.Equal(hover.Groups["line"].Value, description.Sparkline);
        Assert.Equal(long.Parse(hover.Groups["last"].Value, CultureInfo.InvariantCulture), description.Span - 1);
        Assert.Equal(hover.Groups["landmarks"].Value, description.Landmarks.Replace("&", "&amp;"));
    }

    [Fact]
    public void Describes_a_compiled_schedule_from_its_rates_alone()
    {
        // [LearningRate(0.1)] [Warmup(10)] [Cosine(90, Final = 0.001)]: PyTorch-style values computed here in double.
        ScheduleDescription description = ScheduleDescription.Of(new CompiledSchedule<Runtime.WarmupCosine>());
        Assert.Equal(0.1 / 11, description.StartRate, 15);
        Assert.Equal(100L, description.TotalSteps);
        Assert.Equal((0.1, 10L), description.Highest);
        Assert.Equal(0.001 + (0.099 * (1 + Math.Cos(Math.PI * 89 / 90)) / 2), description.EndRate!.Value, 15);
        Assert.Null(description.WarmupEnd);
        Assert.Empty(description.Phases);
        Assert.False(description.ThrowsPastEnd);
        Assert.Equal(40, description.Sparkline.Length);
        Assert.Equal('█', description.Sparkline[4]);
        Assert.StartsWith("Learning-rate schedule: peak 0.1, 100 steps, then holds 0.001.", description.ToString(), StringComparison.Ordinal);
        Assert.Contains("peak 0.1 at step 10; last step 99:", description.Landmarks, StringComparison.Ordinal);
    }

    [Fact]
    public void Extremes_scan_every_step_where_the_sampled_peak_misses_it()
    {
        // [LearningRate(3e-4)] [Warmup(500)] [Cosine(10_000, Final = 3e-5)]: no sample falls on step 500, the peak.
        ScheduleDescription gpt = ScheduleDescription.Of(new CompiledSchedule<DescribedGpt>());
        Assert.NotEqual(500L, gpt.Highest!.Value.Step);
        ((double Rate, long Step) highest, (double Rate, long Step) lowest) = gpt.ExtremesBelow(10_501);
        Assert.Equal(500L, highest.Step);
        Assert.Equal(3e-4, highest.Rate, 1e-18);
        Assert.Equal(0L, lowest.Step);
        Assert.Equal(3e-4 / 501, lowest.Rate, 1e-18);

        // [LearningRate(0.1)] [Warmup(10)] [Cosine(90, Final = 0.001)] up to step 99: the cosine's last step, in double.
        ((double Rate, long Step) _, (double Rate, long Step) last) = ScheduleDescription.Of(new CompiledSchedule<Runtime.WarmupCosine>()).ExtremesBelow(100);
        Assert.Equal(99L, last.Step);
        Assert.Equal(0.001 + (0.099 * (1 + Math.Cos(Math.PI * 89 / 90)) / 2), last.Rate, 15);

        // A schedule that throws past step 10: the scan stops there.
        ((double Rate, long Step) _, (double Rate, long Step) end) = ScheduleDescription.Of(new CompiledSchedule<Runtime.ThrowsAtTen>()).ExtremesBelow(1000);
        Assert.True(end.Step < 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => gpt.ExtremesBelow(0));
    }

    [Fact]
    public void Writes_the_exact_rates_and_momenta_as_csv()
    {
        var schedule = new CompiledSchedule<Runtime.CyclesMomentum>();
        var csv = new StringWriter();
        ScheduleDescription.Of(schedule).WriteCsv(csv);
        string[] lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("step,rate,momentum", lines[0]);
        Assert.Equal(11, lines.Length);
        for (int step = 0; step < 10; step++)
        {
            string[] cells = lines[step + 1].Split(',');
            Assert.Equal(step, long.Parse(cells[0], CultureInfo.InvariantCulture));
            Assert.Equal(BitConverter.DoubleToInt64Bits(schedule.At(step)), BitConverter.DoubleToInt64Bits(double.Parse(cells[1], CultureInfo.InvariantCulture)));
            Assert.Equal(BitConverter.DoubleToInt64Bits(schedule.MomentumAt(step)), BitConverter.DoubleToInt64Bits(double.Parse(cells[2], CultureInfo.InvariantCulture)));
        }

        var strided = new StringWriter();
        ScheduleDescription.Of(new CompiledSchedule<Runtime.WarmupCosine>()).WriteCsv(strided, firstStep: 5, endStep: 50, stride: 20);
        Assert.Equal("step,rate\n5," + Runtime.WarmupCosine.At(5).ToString("R", CultureInfo.InvariantCulture) + "\n25," + Runtime.WarmupCosine.At(25).ToString("R", CultureInfo.InvariantCulture) + "\n45," + Runtime.WarmupCosine.At(45).ToString("R", CultureInfo.InvariantCulture) + "\n", strided.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleDescription.Of(schedule).WriteCsv(strided, stride: 0));
    }
}

[LearningRate(3e-4)]
[Warmup(500)]
[Cosine(10_000, Final = 3e-5)]
public partial struct DescribedGpt;
