using System;
using System.Linq;

namespace ScheduleDsl.Preview;

/// <summary>
/// The tool's picture of a schedule. Everything else it prints or writes (landmarks, sparkline, CSV) is the
/// library's <see cref="ScheduleDescription"/>.
/// </summary>
public static class SchedulePng
{
    /// <summary>Writes a 900×450 PNG of the rate (and momentum on a right axis where co-scheduled) against the step.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="steps">How many steps, from step 0; each must have a rate.</param>
    /// <param name="title">The title.</param>
    /// <param name="path">The file.</param>
    public static void Write(IScheduleFunction schedule, long steps, string title, string path)
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
