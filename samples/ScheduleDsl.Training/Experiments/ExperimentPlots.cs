using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace ScheduleDsl.Training;

/// <summary>The experiments' figures: the range test, and rate and loss curves per model.</summary>
public static class ExperimentPlots
{
    /// <summary>Writes <c>range-test.png</c>, <c>lr.png</c>, <c>loss.png</c>, <c>lr-linear.png</c> and <c>loss-linear.png</c>.</summary>
    /// <param name="r">The results.</param>
    /// <param name="directory">The output folder (must exist).</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(ExperimentResults r, string directory)
    {
        ArgumentNullException.ThrowIfNull(r);
        string range = Path.Combine(directory, "range-test.png");
        RangeTest(r).SavePng(range, 900, 450);
        var paths = new List<string> { range };
        foreach ((string suffix, string model, IReadOnlyDictionary<string, RunTrace[]> runs, int perEpoch) in new[]
        {
            (string.Empty, "MLP", r.Mlp, ExperimentLength.MlpStepsPerEpoch),
            ("-linear", "linear model", r.Linear, ExperimentLength.LinearStepsPerEpoch),
        })
        {
            string lr = Path.Combine(directory, $"lr{suffix}.png"), loss = Path.Combine(directory, $"loss{suffix}.png");
            Rates(runs, model).SavePng(lr, 900, 450);
            Losses(runs, model, perEpoch).SavePng(loss, 900, 450);
            paths.Add(lr);
            paths.Add(loss);
        }

        return paths;
    }

    private static ScottPlot.Plot RangeTest(ExperimentResults r)
    {
        var plot = new ScottPlot.Plot();
        for (int i = 0; i < r.RangeTests.Count; i++)
        {
            LearningRateRangeTest t = r.RangeTests[i];
            double[] x = t.LearningRates.ToArray().Select(Math.Log10).ToArray();
            if (i == 0)
            {
                var raw = plot.Add.ScatterLine(x, t.Losses.ToArray());
                raw.Color = ScottPlot.Colors.Gray.WithAlpha(0.5);
                raw.LegendText = "mini-batch loss (first seed)";
            }

            var smooth = plot.Add.ScatterLine(x, t.SmoothedLosses.ToArray());
            smooth.Color = ScottPlot.Colors.C0.WithAlpha(0.6);
            smooth.LineWidth = 1.5f;
            smooth.LegendText = i == 0 ? "smoothed loss (each seed)" : string.Empty;
        }

        var peak = plot.Add.VerticalLine(Math.Log10(r.Peak));
        peak.Color = ScottPlot.Colors.C3;
        peak.LineWidth = 2;
        peak.LegendText = $"P = {r.Peak.ToString("0.###", CultureInfo.InvariantCulture)} (median minimum)";
        var tenth = plot.Add.VerticalLine(Math.Log10(r.Peak / 10));
        tenth.Color = ScottPlot.Colors.C2;
        tenth.LinePattern = ScottPlot.LinePattern.Dashed;
        tenth.LegendText = "P/10 (fastai's minimum/10)";
        plot.Title("Learning-rate range test: MLP, SGD momentum 0.9, batch 32");
        plot.XLabel("learning rate (log10)");
        plot.YLabel("cross-entropy");
        plot.Axes.SetLimitsY(0, 4);
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        return plot;
    }

    private static ScottPlot.Plot Rates(IReadOnlyDictionary<string, RunTrace[]> runs, string model)
    {
        var plot = new ScottPlot.Plot();
        foreach ((string name, RunTrace[] traces) in runs)
        {
            double[] rates = traces[0].Rates;
            var line = plot.Add.ScatterLine(Enumerable.Range(0, rates.Length).Select(i => (double)i).ToArray(), rates);
            line.LegendText = name;
            line.LineWidth = 2;
        }

        plot.Title($"Learning rate per update ({model}, first seed)");
        plot.XLabel("update (step)");
        plot.YLabel("learning rate");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return plot;
    }

    private static ScottPlot.Plot Losses(IReadOnlyDictionary<string, RunTrace[]> runs, string model, int perEpoch)
    {
        var plot = new ScottPlot.Plot();
        foreach ((string name, RunTrace[] traces) in runs)
        {
            double[][] epochs = traces.Where(t => !t.Diverged).Select(t => t.EpochLosses(perEpoch)).ToArray();
            if (epochs.Length == 0)
            {
                continue;
            }

            double[] mean = Enumerable.Range(0, epochs[0].Length).Select(e => Math.Log10(epochs.Average(x => x[e]))).ToArray();
            var curve = plot.Add.Scatter(Enumerable.Range(1, mean.Length).Select(i => (double)i).ToArray(), mean);
            curve.LegendText = name;
            curve.LineWidth = 2;
            curve.MarkerSize = 4;
        }

        plot.Title($"Training loss per epoch ({model}, mean over seeds that did not diverge)");
        plot.XLabel("epoch");
        plot.YLabel("mean mini-batch cross-entropy (log)");
        Plots.LogAxis(plot, decadesOnly: false);
        plot.ShowLegend(ScottPlot.Alignment.LowerLeft);
        return plot;
    }
}
