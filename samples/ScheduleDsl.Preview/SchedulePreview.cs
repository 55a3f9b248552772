using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace ScheduleDsl.Preview;

/// <summary>One notable point of a schedule.</summary>
/// <param name="Name">What it is.</param>
/// <param name="Step">The step.</param>
/// <param name="Rate">The rate there.</param>
public readonly record struct Landmark(string Name, long Step, double Rate);

/// <summary>Landmarks, a sparkline, a CSV and a PNG of any <see cref="IScheduleFunction"/> over a number of steps.</summary>
public static class SchedulePreview
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>The landmarks over steps 0 … <paramref name="steps"/> − 1: first, highest, lowest and last step.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="steps">How many steps (1 or more).</param>
    /// <returns>The landmarks (the first step of a tie).</returns>
    public static IReadOnlyList<Landmark> Landmarks(IScheduleFunction schedule, long steps)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        long max = 0, min = 0;
        double maxRate = schedule.At(0), minRate = maxRate;
        for (long k = 1; k < steps; k++)
        {
            double r = schedule.At(k);
            (max, maxRate) = r > maxRate ? (k, r) : (max, maxRate);
            (min, minRate) = r < minRate ? (k, r) : (min, minRate);
        }

        return
        [
            new("first", 0, schedule.At(0)),
            new("highest", max, maxRate),
            new("lowest", min, minRate),
            new("last", steps - 1, schedule.At(steps - 1)),
        ];
    }

    /// <summary>
    /// A sparkline of <paramref name="width"/> characters: character i shows the rate at step
    /// round(i·(steps − 1)/(width − 1)), scaled from the lowest (▁) to the highest (█) of those samples.
    /// </summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="steps">How many steps (1 or more).</param>
    /// <param name="width">Characters (2 or more).</param>
    /// <returns>The line.</returns>
    public static string Sparkline(IScheduleFunction schedule, long steps, int width = 60)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        double[] samples = Enumerable.Range(0, width).Select(i => schedule.At((long)Math.Round(i * (steps - 1) / (double)(width - 1)))).ToArray();
        double lo = samples.Min(), hi = samples.Max();
        var line = new StringBuilder(width);
        foreach (double s in samples)
        {
            int level = hi > lo ? (int)Math.Round((s - lo) / (hi - lo) * (Blocks.Length - 1)) : Blocks.Length - 1;
            line.Append(Blocks[level]);
        }

        return line.ToString();
    }

    /// <summary>Writes <c>step,rate,momentum</c> for every step (momentum empty when not co-scheduled).</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="steps">How many steps.</param>
    /// <param name="path">The file.</param>
    public static void WriteCsv(IScheduleFunction schedule, long steps, string path)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        using var w = new StreamWriter(path);
        w.WriteLine("step,rate,momentum");
        for (long k = 0; k < steps; k++)
        {
            string momentum = schedule.HasMomentum ? schedule.MomentumAt(k).ToString("R", CultureInfo.InvariantCulture) : string.Empty;
            w.WriteLine(FormattableString.Invariant($"{k},{schedule.At(k):R},{momentum}"));
        }
    }

    /// <summary>Writes a 900×450 PNG of the rate (and momentum on a right axis where co-scheduled) against the step.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="steps">How many steps.</param>
    /// <param name="title">The title.</param>
    /// <param name="path">The file.</param>
    public static void WritePng(IScheduleFunction schedule, long steps, string title, string path)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        double[] x = new double[steps], y = new double[steps];
        for (long k = 0; k < steps; k++)
        {
            x[k] = k;
            y[k] = schedule.At(k);
        }

        var plot = new ScottPlot.Plot();
        var rate = plot.Add.ScatterLine(x, y);
        rate.LineWidth = 2;
        rate.LegendText = "learning rate";
        if (schedule.HasMomentum)
        {
            var m = plot.Add.ScatterLine(x, x.Select(k => schedule.MomentumAt((long)k)).ToArray());
            m.Axes.YAxis = plot.Axes.Right;
            m.LinePattern = ScottPlot.LinePattern.Dashed;
            m.LegendText = "momentum";
            plot.Axes.Right.Label.Text = "momentum";
            plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        }

        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel("learning rate");
        plot.SavePng(path, 900, 450);
    }
}
