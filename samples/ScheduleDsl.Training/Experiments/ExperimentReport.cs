using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace ScheduleDsl.Training;

/// <summary>Prints the experiments' tables and writes their plots and CSV logs.</summary>
public static class ExperimentReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Prints the range tests and the peak they chose.</summary>
    /// <param name="r">The results.</param>
    /// <param name="output">Where to print.</param>
    public static void PrintRangeTests(ExperimentResults r, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("  seed  steepest  minimum  minimum/10  stopped at      why");
        for (int i = 0; i < r.RangeTests.Count; i++)
        {
            LearningRateRangeTest t = r.RangeTests[i];
            RangeTestSuggestion s = t.Suggest();
            output.WriteLine(FormattableString.Invariant(
                $"  {r.Mlp.Values.First()[i].Seed,4}  {s.Steepest,8:0.0000}  {s.Minimum,7:0.000}  {s.MinimumOverTen,10:0.0000}  {t.LearningRates[^1],6:0.00} ({t.Count,3})  {(t.Diverged ? "loss > 4 × best" : "end of sweep")}"));
        }
    }

    /// <summary>Prints one table row per run label: diverged count, final losses and accuracy as mean ± std.</summary>
    /// <param name="runs">The runs by label.</param>
    /// <param name="labels">The labels to print, in order.</param>
    /// <param name="output">Where to print.</param>
    public static void PrintTable(IReadOnlyDictionary<string, RunTrace[]> runs, IEnumerable<string> labels, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("  schedule                diverged  train loss (end)   test loss          test accuracy");
        foreach (string label in labels)
        {
            RunTrace[] t = runs[label];
            int diverged = t.Count(x => x.Diverged);
            output.WriteLine($"  {label,-22}  {diverged,3} of {t.Length}  {Experiments.Format(t.Select(x => x.TrainLoss).ToArray(), "0.0000"),-17}  "
                + $"{Experiments.Format(t.Select(x => x.TestLoss).ToArray(), "0.0000"),-17}  {Experiments.Format(t.Where(x => !x.Diverged).Select(x => 100 * x.TestAccuracy).ToArray(), "0.00")} %");
        }
    }

    /// <summary>Writes one CSV per run (step, rate, momentum, loss) under <c>runs/</c>.</summary>
    /// <param name="r">The results.</param>
    /// <param name="directory">The output folder.</param>
    /// <returns>The folder written.</returns>
    public static string WriteCsv(ExperimentResults r, string directory)
    {
        ArgumentNullException.ThrowIfNull(r);
        string dir = Path.Combine(directory, "runs");
        Directory.CreateDirectory(dir);
        foreach ((string model, IReadOnlyDictionary<string, RunTrace[]> runs) in new[] { ("mlp", r.Mlp), ("linear", r.Linear) })
        {
            foreach (RunTrace t in runs.Values.SelectMany(x => x))
            {
                using var w = new StreamWriter(Path.Combine(dir, $"{model}-{Slug(t.Name)}-seed{t.Seed}.csv"));
                w.WriteLine("step,rate,momentum,loss");
                for (int k = 0; k < t.Rates.Length; k++)
                {
                    w.WriteLine(FormattableString.Invariant($"{k},{t.Rates[k]:R},{t.Momentum[k]:R},{t.Losses[k]:R}"));
                }
            }
        }

        for (int i = 0; i < r.RangeTests.Count; i++)
        {
            LearningRateRangeTest t = r.RangeTests[i];
            using var w = new StreamWriter(Path.Combine(dir, $"range-test-seed{r.Mlp.Values.First()[i].Seed}.csv"));
            w.WriteLine("step,rate,loss,smoothed_loss");
            for (int k = 0; k < t.Count; k++)
            {
                w.WriteLine(FormattableString.Invariant($"{k},{t.LearningRates[k]:R},{t.Losses[k]:R},{t.SmoothedLosses[k]:R}"));
            }
        }

        return dir;
    }

    /// <summary>
    /// Compares the final training loss of two runs: the difference of the means against the larger of the two
    /// standard deviations. "Clearly" needs the difference to exceed twice that spread; otherwise the line says the
    /// spread is as large as the difference. Diverged seeds are counted as such.
    /// </summary>
    /// <param name="runs">The runs by label.</param>
    /// <param name="a">The first label.</param>
    /// <param name="b">The second label.</param>
    /// <returns>One sentence.</returns>
    public static string Compare(IReadOnlyDictionary<string, RunTrace[]> runs, string a, string b)
    {
        ArgumentNullException.ThrowIfNull(runs);
        double[] x = runs[a].Select(t => t.TrainLoss).Where(double.IsFinite).ToArray();
        double[] y = runs[b].Select(t => t.TrainLoss).Where(double.IsFinite).ToArray();
        if (x.Length < 2 || y.Length < 2)
        {
            return $"{a} vs {b}: too many diverged runs to compare ({x.Length} and {y.Length} finished).";
        }

        (double mx, double sx) = Experiments.MeanStd(x);
        (double my, double sy) = Experiments.MeanStd(y);
        double spread = Math.Max(sx, sy), diff = mx - my;
        string lower = diff > 0 ? b : a;
        string verdict = Math.Abs(diff) > 2 * spread
            ? $"{lower} ends clearly lower: the difference is {Math.Abs(diff) / spread:0.0} × the larger standard deviation"
            : $"the spread ({spread.ToString("0.0000", Inv)}) is as large as the difference ({Math.Abs(diff).ToString("0.0000", Inv)}): no clear winner";
        return $"{a} {mx.ToString("0.0000", Inv)} vs {b} {my.ToString("0.0000", Inv)} train loss: {verdict}.";
    }

    /// <summary>Counts the rate reductions of rule-driven runs (from their recorded rates).</summary>
    /// <param name="runs">The runs of one label.</param>
    /// <returns>One sentence.</returns>
    public static string Reductions(RunTrace[] runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        int[] counts = runs.Select(t => Enumerable.Range(1, t.Rates.Length - 1).Count(k => t.Rates[k] < t.Rates[k - 1])).ToArray();
        return $"adaptive divided the rate by 5 {string.Join(", ", counts)} time(s) (per seed) in {ExperimentLength.LinearEpochs} epochs.";
    }

    /// <summary>A file-name form of a label.</summary>
    /// <param name="label">The label.</param>
    /// <returns>Lower-case letters and digits joined by '-'.</returns>
    public static string Slug(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        string s = label.Replace("η₀", "eta0", StringComparison.Ordinal).Replace("P/10", "p-tenth", StringComparison.Ordinal)
            .Replace("→0", "-to-0", StringComparison.Ordinal).Replace("max_lr", "max-lr", StringComparison.Ordinal).ToLowerInvariant();
        var chars = s.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
