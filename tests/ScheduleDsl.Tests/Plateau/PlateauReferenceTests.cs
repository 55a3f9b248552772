using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;

namespace ScheduleDsl.Tests.Plateau;

/// <summary>
/// The ReduceLROnPlateau cases of tests/Reference/pytorch-schedules.json, driven by their recorded metrics: metric k
/// is reported after update k, and the rate of every update must match PyTorch 1.13's.
/// </summary>
public sealed class PlateauReferenceTests
{
    private const double RelativeTolerance = 1e-9;

    private static readonly string[] Expected =
    [
        "plateau_min_rel_default_threshold",
        "plateau_min_abs_cooldown_minlr",
        "plateau_max_rel_negative_metrics",
        "plateau_max_abs_eps_stall",
    ];

    public static TheoryData<string> Cases() => new(Expected);

    [Fact]
    public void Every_plateau_case_of_the_reference_file_is_tested()
    {
        string[] inFile = ReferenceData.ScheduleCases.Values
            .Where(c => c.Scheduler == "ReduceLROnPlateau")
            .Select(c => c.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(Expected.Order(StringComparer.Ordinal), inFile);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rates_match_PyTorch_at_every_step(string name)
    {
        ScheduleCase reference = ReferenceData.ScheduleCases[name];
        double[] metrics = reference.Metrics ?? throw new InvalidOperationException($"{name} has no metrics.");
        Assert.Equal(reference.Lr.Length, metrics.Length);
        (double baseLr, PlateauOptions options) = Parameters(name);
        var plateau = new ReduceOnPlateau(baseLr, options);

        int reductions = 0;
        for (int k = 0; k < reference.Lr.Length; k++)
        {
            AssertClose(reference.Lr[k], plateau.LearningRate, name, k);
            bool reduced = plateau.Report(metrics[k]);
            if (k + 1 < reference.Lr.Length)
            {
                Assert.True(reduced == (reference.Lr[k + 1] < reference.Lr[k]), $"{name}: Report after update {k} returned {reduced}.");
            }

            reductions += reduced ? 1 : 0;
            Assert.Equal(k + 1, plateau.StepCount);
        }

        Assert.Equal(reductions, plateau.State.ReductionCount);
        Assert.True(reductions > 0, $"{name} never reduces: the case would test nothing.");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_same_rule_after_a_warmup_matches_PyTorch_shifted_by_the_warmup(string name)
    {
        // Five warmup updates whose metrics are ignored, then the recorded run.
        ScheduleCase reference = ReferenceData.ScheduleCases[name];
        (double baseLr, PlateauOptions options) = Parameters(name);
        var plateau = new ReduceOnPlateau<PlateauWarmup5>(baseLr, options);
        for (int k = 0; k < 5; k++)
        {
            Assert.False(plateau.Report(k % 2 == 0 ? 1e9 : -1e9));
        }

        for (int k = 0; k < reference.Lr.Length; k++)
        {
            AssertClose(reference.Lr[k], plateau.LearningRate, name, k);
            plateau.Report(reference.Metrics![k]);
        }
    }

    /// <summary>The options of a case, read from its recorded PyTorch arguments.</summary>
    internal static (double BaseLr, PlateauOptions Options) Parameters(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(ReferenceData.Path("pytorch-schedules.json")));
        JsonElement item = document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        JsonElement p = item.GetProperty("params");
        var options = new PlateauOptions
        {
            Mode = p.GetProperty("mode").GetString() switch { "min" => PlateauMode.Min, "max" => PlateauMode.Max, var m => throw new InvalidDataException(m) },
            Factor = p.GetProperty("factor").GetDouble(),
            Patience = p.GetProperty("patience").GetInt32(),
            Threshold = p.GetProperty("threshold").GetDouble(),
            ThresholdMode = p.GetProperty("threshold_mode").GetString() switch
            {
                "rel" => PlateauThresholdMode.Relative,
                "abs" => PlateauThresholdMode.Absolute,
                var m => throw new InvalidDataException(m),
            },
            Cooldown = p.GetProperty("cooldown").GetInt32(),
            MinLearningRate = p.GetProperty("min_lr").GetDouble(),
            Epsilon = p.GetProperty("eps").GetDouble(),
        };
        return (p.GetProperty("base_lr").GetDouble(), options);
    }

    private static void AssertClose(double expected, double actual, string name, int step)
    {
        double tolerance = RelativeTolerance * Math.Abs(expected);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{name}, update {step}: expected {expected:R}, got {actual:R}.");
    }
}

/// <summary>A five-step warmup to 0.1 (rates 0.1·(k+1)/6), generated from attributes.</summary>
[LearningRate(0.1)]
[Warmup(5)]
public partial struct PlateauWarmup5;
