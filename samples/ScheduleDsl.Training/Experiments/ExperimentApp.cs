using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace ScheduleDsl.Training;

/// <summary>The default command: runs <see cref="Experiments"/> and prints what each one shows.</summary>
public static class ExperimentApp
{
    /// <summary>Runs the experiments, prints the report and writes plots and CSVs.</summary>
    /// <param name="output">Where text goes.</param>
    /// <param name="outDir">The output folder.</param>
    /// <param name="firstSeed">The first seed.</param>
    /// <param name="seeds">The number of seeds.</param>
    /// <returns>The exit code.</returns>
    public static int Run(TextWriter output, string outDir, ulong firstSeed, int seeds)
    {
        ArgumentNullException.ThrowIfNull(output);
        var stopwatch = Stopwatch.StartNew();
        (Dataset train, Dataset test) = Experiments.DigitsSplit(firstSeed);
        ulong lastSeed = firstSeed + (ulong)seeds - 1;
        output.WriteLine(FormattableString.Invariant($"""
            UCI digits 8×8: {train.Count} training and {test.Count} test images, a fresh stratified split, initialisation and
            batch order per seed; seeds {firstSeed}–{lastSeed}. Every result is mean ± standard deviation over the {seeds} seeds.
            MLP 64-64-10 (ReLU), SGD momentum 0.9, batch {ExperimentLength.MlpBatch}, {ExperimentLength.MlpEpochs} epochs × {ExperimentLength.MlpStepsPerEpoch} updates. Each training image is shifted by
            −1, 0 or +1 pixel in x and y at random whenever it is drawn: without that the MLP fits the 1,438 images with
            almost any schedule (see the `compare` command) and the differences left are noise. Losses are the
            cross-entropy of the unshifted sets after the run.

            """));
        ExperimentResults r = Experiments.Run(firstSeed, seeds, Experiments.MlpSetup(train), Experiments.LinearSetup(train), output);

        RangeTestOptions o = Experiments.RangeOptions;
        output.WriteLine(FormattableString.Invariant($"""

            1. Range test (Smith 2017; fastai lr_find): {o.Steps} updates with the rate swept exponentially from {o.MinLearningRate} to {o.MaxLearningRate},
               loss smoothed (debiased moving average, β = {o.Smoothing}), stopped if it exceeds {o.DivergenceFactor} × its best.
            """));
        ExperimentReport.PrintRangeTests(r, output);
        output.WriteLine(FormattableString.Invariant($"""
               The loss falls fastest near the steepest point and is lowest at the minimum; above it, it climbs back
               past chance level (ln 10 = 2.30). Peak used below: P = median minimum = {r.Peak:0.###} (Smith's rule for
               one-cycle's max_lr: the largest rate at which the loss still fell); fastai's safer suggestion is minimum/10.

            2. A large rate: the same peak P, constant, after a warmup ({ExperimentLength.MlpWarmup / ExperimentLength.MlpStepsPerEpoch} epochs linear from P/{ExperimentLength.MlpWarmup + 1}), and in one-cycle.
            """));
        ExperimentReport.PrintTable(r.Mlp, [Experiments.ConstantPeak, Experiments.WarmupConstant, Experiments.OneCycle], output);
        output.WriteLine("   " + ExperimentReport.Compare(r.Mlp, Experiments.ConstantPeak, Experiments.OneCycle));
        output.WriteLine("   " + ExperimentReport.Compare(r.Mlp, Experiments.ConstantPeak, Experiments.WarmupConstant));
        output.WriteLine("""

            3. Decay at equal budget: the same warmup and peak P, then held or annealed by a cosine to 0; and a constant P/10.
            """);
        ExperimentReport.PrintTable(r.Mlp, [Experiments.WarmupConstant, Experiments.WarmupCosine, Experiments.ConstantTenth], output);
        output.WriteLine("   " + ExperimentReport.Compare(r.Mlp, Experiments.WarmupConstant, Experiments.WarmupCosine));
        output.WriteLine("   " + ExperimentReport.Compare(r.Mlp, Experiments.ConstantTenth, Experiments.WarmupCosine));
        output.WriteLine("   " + ExperimentReport.Compare(r.Mlp, Experiments.ConstantTenth, Experiments.OneCycle));
        output.WriteLine(FormattableString.Invariant($"""

            4. scikit-learn's schedules on a linear model: softmax regression, α = {ExperimentLength.Alpha} (L2), one example per update and
               no momentum (SGDClassifier's loop), {ExperimentLength.LinearEpochs} epochs × {ExperimentLength.LinearStepsPerEpoch} updates, no shifts; scikit-learn's defaults: η₀ = eta0 = {ExperimentLength.Eta0},
               power_t = 0.5, 'optimal' with its own η₀ = {ExperimentLength.OptimalEta0:0.0000} for α = 1e-4, 'adaptive' with tol = 1e-3 and
               n_iter_no_change = 5 (÷5 on a plateau of the epoch's mean loss); cosine from η₀ for contrast.
            """));
        ExperimentReport.PrintTable(r.Linear, r.Linear.Keys, output);
        output.WriteLine("   " + ExperimentReport.Reductions(r.Linear["adaptive"]));
        output.WriteLine("   " + ExperimentReport.Compare(r.Linear, "constant η₀", "optimal"));
        output.WriteLine("   " + ExperimentReport.Compare(r.Linear, "constant η₀", "invscaling"));
        double invEnd = r.Linear["invscaling"][0].Rates[^1];
        output.WriteLine(FormattableString.Invariant($"""
               The convex model needs no warmup: its loss has one basin, and the 1/t decays of stochastic approximation
               ('optimal' is 1/(α(t₀ + t))) are what its theory prescribes. From scikit-learn's small default eta0,
               'invscaling' (η₀/√t) is down to {invEnd:0.0e0} by the last update and underfits. The MLP's schedules
               (warmup, one-cycle, cosine) deal with a non-convex loss whose stable rate changes as training goes on.

            """));

        Directory.CreateDirectory(outDir);
        foreach (string path in ExperimentPlots.Write(r, outDir))
        {
            output.WriteLine($"wrote {path}");
        }

        string runs = ExperimentReport.WriteCsv(r, outDir);
        output.WriteLine($"wrote {Directory.GetFiles(runs, "*.csv").Length} CSV logs (step,rate,momentum,loss) to {runs}");
        output.WriteLine(FormattableString.Invariant($"took {stopwatch.Elapsed.TotalSeconds:0} s on {Environment.ProcessorCount} cores"));
        return 0;
    }
}
