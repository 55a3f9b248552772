using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ScheduleDsl.Training.GallerySchedules;

namespace ScheduleDsl.Training;

/// <summary>One figure per schedule kind: rate against step, momentum on a right axis where co-scheduled.</summary>
public static class Gallery
{
    /// <summary>Width of each PNG in pixels.</summary>
    public const int Width = 600;

    /// <summary>Height of each PNG in pixels.</summary>
    public const int Height = 300;

    /// <summary>One figure.</summary>
    /// <param name="File">The file name without extension.</param>
    /// <param name="Title">The plot title (the declaration).</param>
    /// <param name="Caption">The one-line caption for the docs.</param>
    /// <param name="Rates">The rate of each step.</param>
    /// <param name="Momentum">The momentum of each step, or <see langword="null"/>.</param>
    /// <param name="Boundaries">Phase boundaries (steps) to mark.</param>
    public sealed record Entry(string File, string Title, string Caption, double[] Rates, double[]? Momentum, long[] Boundaries);

    /// <summary>Every entry of the gallery, in the order of docs/schedules.md.</summary>
    /// <returns>The entries.</returns>
    public static IReadOnlyList<Entry> Entries() =>
    [
        E("warmup", "[Warmup(100)]", "linear warmup from peak/(W+1) to the peak, then held", 150, GWarmup.At, null, 100),
        E("constant", "[Constant(60, Factor = 1/3)]", "a third of the peak for 60 steps, then back to the peak (PyTorch ConstantLR)", 100, GConstant.At, null, 60),
        E("linear", "[Linear(100, 1.0, 0.1)]", "linear from 1.0 to 0.1 of the peak (PyTorch LinearLR)", 130, GLinear.At, null, 100),
        E("cosine", "[Cosine(100, Final = 0.01)]", "cosine from the peak to Final, then held", 130, GCosine.At, null, 100),
        E("cosine-periodic", "[Cosine(50, End = Periodic)]", "cosine continued past T as PyTorch's CosineAnnealingLR does: it rises again", 200, GCosinePeriodic.At, null, 50, 100, 150),
        E("exponential", "[Exponential(0.97, Steps = 100)]", "peak·0.97^t (PyTorch ExponentialLR)", 130, GExponential.At, null, 100),
        E("step-decay", "[StepDecay(30, 0.5, Steps = 120)]", "halved every 30 steps (PyTorch StepLR)", 140, GStepDecay.At, null, 30, 60, 90, 120),
        E("multi-step", "[MultiStep(0.3, 40, 70, 90)]", "×0.3 at each milestone (PyTorch MultiStepLR)", 120, GMultiStep.At, null, 40, 70, 90),
        E("polynomial", "[Polynomial(100, Power = 2, Final = 0.001)]", "quadratic decay to Final (PyTorch PolynomialLR with an end rate)", 130, GPolynomial.At, null, 100),
        E("one-cycle", "[OneCycle(200)]", "two-phase one-cycle (PyTorch OneCycleLR): rate up then cosine down; momentum mirrors it", 200, GOneCycle.At, GOneCycle.MomentumAt, 59),
        E("one-cycle-three-phase", "[OneCycle(200, ThreePhase = true)]", "three-phase one-cycle: up, back down to the initial rate, then annihilation", 200, GOneCycle3.At, GOneCycle3.MomentumAt, 59, 118),
        E("cyclic-triangular", "[Cyclic(25, 0.01)]", "triangular cyclic rate between 0.01 and the peak; momentum cycles inversely", 200, GCyclicTriangular.At, GCyclicTriangular.MomentumAt, 50, 100, 150),
        E("cyclic-triangular2", "[Cyclic(25, 0.01, Mode = Triangular2)]", "triangular2: each cycle's amplitude is half the previous one", 200, GCyclicTriangular2.At, GCyclicTriangular2.MomentumAt, 50, 100, 150),
        E("cyclic-exp-range", "[Cyclic(25, 0.01, Mode = ExpRange, Gamma = 0.99)]", "exp_range: the amplitude shrinks by γ^t", 200, GCyclicExpRange.At, GCyclicExpRange.MomentumAt, 50, 100, 150),
        E("cosine-restarts", "[CosineRestarts(20, Multiplier = 2, Final = 0.001)]", "SGDR: cosine cycles of 20, 40, 80 steps (PyTorch CosineAnnealingWarmRestarts)", 140, GCosineRestarts.At, null, 20, 60),
        E("noam", "[LearningRate(1)] [Noam(40, 512)]", "the Transformer's rate: d^-½·min((t+1)^-½, (t+1)·W^-1.5)", 400, GNoam.At, null, 40),
        E("inverse-sqrt", "[Warmup(20)] [InverseSqrt(20)]", "warmup, then peak/√((t+τ)/τ) (Hugging Face inverse_sqrt)", 200, GInverseSqrt.At, null, 20),
        E("inverse-time", "[InverseTime(10, 0.5, Steps = 100)]", "peak/(1 + 0.5·t/10) (Keras InverseTimeDecay)", 120, GInverseTime.At, null, 100),
        E("optimal", "[Optimal(0.5)]", "scikit-learn 'optimal': η₀/(1 + η₀·α·t)", 200, GOptimal.At, null),
        E("inverse-scaling", "[InverseScaling(0.5)]", "scikit-learn 'invscaling': peak/(t+1)^0.5", 200, GInverseScaling.At, null),
        E("wsd", "[Warmup(20, Shape = Cosine)] [Constant(120)] [Decay(60, Shape = OneMinusSqrt)]", "warmup-stable-decay with a cosine warmup and a 1−√ cooldown", 220, GWsd.At, null, 20, 140, 200),
        E("tanh", "[Tanh(100, Final = 0.001)]", "tanh decay (timm TanhLRScheduler)", 120, GTanh.At, null, 100),
        E("shaped-cosine", "[Cosine(100, Exponent = 2, KDecay = 2, Final = 0.001)]", "cosine with an exponent and k-decay: a longer high plateau, a steeper end", 120, GShapedCosine.At, null, 100),
        E("swa-anneal", "[Cosine(80, Final = 0.01)] [SwaAnneal(20, 0.05)]", "cosine, then SWA annealing from the rate in force to the SWA rate (PyTorch SWALR)", 130, GSwaAnneal.At, null, 80, 100),
        E("piecewise", "[Piecewise(new[] { 1, 0.5, 0.1 }, 40, 80)]", "piecewise-constant factors of the peak", 120, GPiecewise.At, null, 40, 80),
        E("interpolate", "[Interpolate(new[] { 0.1, 1, 0.3, 0.05 }, 10, 30, 60, 100)]", "linear interpolation through (boundary, factor) points (Optax piecewise_interpolate)", 120, GInterpolate.At, null, 10, 30, 60, 100),
        E("multiply", "[Linear(40, 0.2, 1)] [Exponential(0.98, Multiply = true)]", "multiplicative composition: warmup times exponential decay (PyTorch ChainedScheduler)", 120, GMultiply.At, null, 40),
        Plateau(),
    ];

    /// <summary>Writes every entry as <c>schedule-&lt;name&gt;.png</c>.</summary>
    /// <param name="directory">The output folder (created if needed).</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (Entry e in Entries())
        {
            string path = Path.Combine(directory, $"schedule-{e.File}.png");
            Render(e).SavePng(path, Width, Height);
            paths.Add(path);
        }

        return paths;
    }

    private static Entry E(string file, string title, string caption, int steps, Func<long, double> at, Func<long, double>? momentum, params long[] boundaries)
    {
        double[] rates = new double[steps];
        double[]? m = momentum is null ? null : new double[steps];
        for (int t = 0; t < steps; t++)
        {
            rates[t] = at(t);
            if (m is not null)
            {
                m[t] = momentum!(t);
            }
        }

        return new Entry(file, title, caption, rates, m, boundaries);
    }

    /// <summary>
    /// <see cref="ReduceOnPlateau"/> driven by a synthetic loss: falling for 8 epochs of 10 steps, then flat with a
    /// small wobble; reductions are marked.
    /// </summary>
    private static Entry Plateau()
    {
        const int epochs = 30, stepsPerEpoch = 10;
        var plateau = new ReduceOnPlateau(0.1, new PlateauOptions { Factor = 0.5, Patience = 2 });
        var rates = new List<double>();
        var reductions = new List<long>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int s = 0; s < stepsPerEpoch; s++)
            {
                rates.Add(plateau.LearningRate);
            }

            double metric = epoch < 8 ? 1.0 / (1 + epoch) : 0.12 + (0.005 * Math.Sin(epoch * 1.7));
            if (plateau.Report(metric))
            {
                reductions.Add((epoch + 1) * stepsPerEpoch);
            }
        }

        return new Entry("reduce-on-plateau", "ReduceOnPlateau(0.1, Factor 0.5, Patience 2)",
            "reduce-on-plateau driven by a synthetic loss that stops improving after 8 epochs of 10 steps; reductions marked",
            rates.ToArray(), null, reductions.ToArray());
    }

    private static ScottPlot.Plot Render(Entry e)
    {
        var plot = new ScottPlot.Plot();
        double[] steps = Enumerable.Range(0, e.Rates.Length).Select(i => (double)i).ToArray();
        foreach (long b in e.Boundaries)
        {
            var line = plot.Add.VerticalLine(b);
            line.Color = ScottPlot.Colors.Gray.WithAlpha(0.7);
            line.LinePattern = ScottPlot.LinePattern.Dotted;
            line.LineWidth = 1;
        }

        var rate = plot.Add.ScatterLine(steps, e.Rates);
        rate.LineWidth = 2;
        rate.Color = ScottPlot.Colors.C0;
        rate.LegendText = "learning rate";

        int peak = Array.IndexOf(e.Rates, e.Rates.Max());
        int last = e.Rates.Length - 1;
        Annotate(plot, peak, e.Rates[peak], "peak", ScottPlot.Colors.C0, e.Rates.Length);
        Annotate(plot, last, e.Rates[last], "final", ScottPlot.Colors.C3, e.Rates.Length);

        if (e.Momentum is not null)
        {
            var m = plot.Add.ScatterLine(steps, e.Momentum);
            m.Axes.YAxis = plot.Axes.Right;
            m.LineWidth = 1.5f;
            m.LinePattern = ScottPlot.LinePattern.Dashed;
            m.Color = ScottPlot.Colors.C1;
            m.LegendText = "momentum (right axis)";
            plot.Axes.Right.Label.Text = "momentum";
            plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        }
        else
        {
            plot.HideLegend();
        }

        plot.Title(e.Title, size: 12);
        plot.XLabel("step", size: 11);
        plot.YLabel("learning rate", size: 11);
        double max = e.Rates.Max(), min = Math.Min(0, e.Rates.Min());
        plot.Axes.SetLimitsY(min - (0.05 * (max - min)), max + (0.2 * (max - min)), plot.Axes.Left);
        plot.Axes.SetLimitsX(-0.02 * e.Rates.Length, e.Rates.Length * 1.02);
        return plot;
    }

    private static void Annotate(ScottPlot.Plot plot, int step, double value, string label, ScottPlot.Color color, int length)
    {
        var marker = plot.Add.Marker(step, value);
        marker.Color = color;
        marker.Size = 7;
        var text = plot.Add.Text($"{label} {value.ToString("G3", CultureInfo.InvariantCulture)} @ {step}", step, value);
        text.LabelFontSize = 10;
        text.LabelFontColor = color;
        text.LabelAlignment = step > 0.6 * length ? ScottPlot.Alignment.LowerRight : ScottPlot.Alignment.LowerLeft;
        text.LabelOffsetY = -4;
    }
}
