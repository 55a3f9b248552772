using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ScheduleDsl.Training;

/// <summary>The figures of the training comparison.</summary>
public static class Plots
{
    /// <summary>Writes <c>lr.png</c> (rate per update) and <c>loss.png</c> (training loss per epoch) for all runs.</summary>
    /// <param name="results">The runs.</param>
    /// <param name="directory">The output folder (must exist).</param>
    /// <param name="dataName">The data set's name for the titles.</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> WriteTrainingPlots(IReadOnlyList<RunResult> results, string directory, string dataName)
    {
        var rates = new ScottPlot.Plot();
        var loss = new ScottPlot.Plot();
        foreach (RunResult r in results)
        {
            double[] steps = Enumerable.Range(0, r.LearningRates.Length).Select(i => (double)i).ToArray();
            var line = rates.Add.ScatterLine(steps, r.LearningRates);
            line.LegendText = r.Name;
            line.LineWidth = 2;

            double[] epochs = Enumerable.Range(1, r.EpochTrainLoss.Length).Select(i => (double)i).ToArray();
            var curve = loss.Add.Scatter(epochs, r.EpochTrainLoss.Select(Math.Log10).ToArray());   // log axis: plot log10
            curve.LegendText = r.Name;
            curve.LineWidth = 2;
            curve.MarkerSize = 4;
        }

        rates.Title("Learning rate per update");
        rates.XLabel("update (step)");
        rates.YLabel("learning rate");
        rates.ShowLegend(ScottPlot.Alignment.UpperRight);
        loss.Title($"Training loss per epoch ({dataName})");
        loss.XLabel("epoch");
        loss.YLabel("mean mini-batch cross-entropy (log)");
        LogAxis(loss);
        loss.ShowLegend(ScottPlot.Alignment.UpperRight);

        string lrPath = Path.Combine(directory, "lr.png");
        string lossPath = Path.Combine(directory, "loss.png");
        rates.SavePng(lrPath, 900, 450);
        loss.SavePng(lossPath, 900, 450);
        return [lrPath, lossPath];
    }

    /// <summary>Labels the left axis of a plot of log10 values with the values themselves (log minor ticks).</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="decadesOnly">Major ticks only at powers of 10 (for curves spanning several decades).</param>
    public static void LogAxis(ScottPlot.Plot plot, bool decadesOnly = true)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = decadesOnly,
            LabelFormatter = y => Math.Pow(10, y).ToString("G2", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
