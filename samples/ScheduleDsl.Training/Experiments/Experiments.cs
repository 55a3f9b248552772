using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace ScheduleDsl.Training;

/// <summary>The results of <see cref="Experiments.Run"/>.</summary>
/// <param name="RangeTests">The MLP range test of each seed.</param>
/// <param name="Peak">The peak the range tests chose.</param>
/// <param name="Mlp">The MLP runs, by schedule label, one per seed.</param>
/// <param name="Linear">The linear-model runs, by schedule label, one per seed.</param>
public sealed record ExperimentResults(
    IReadOnlyList<LearningRateRangeTest> RangeTests,
    double Peak,
    IReadOnlyDictionary<string, RunTrace[]> Mlp,
    IReadOnlyDictionary<string, RunTrace[]> Linear);

/// <summary>
/// The main job: experiments that make the claims about schedules measurable on the embedded digits, each over
/// several seeds, with the settings explained in the output.
/// </summary>
public static class Experiments
{
    /// <summary>Seeds per experiment.</summary>
    public const int DefaultSeeds = 10;

    /// <summary>Label of the constant run at the chosen peak.</summary>
    public const string ConstantPeak = "constant P";

    /// <summary>Label of warmup then constant at the peak.</summary>
    public const string WarmupConstant = "warmup → constant P";

    /// <summary>Label of warmup then cosine.</summary>
    public const string WarmupCosine = "warmup → cosine P→0";

    /// <summary>Label of one-cycle.</summary>
    public const string OneCycle = "one-cycle, max_lr P";

    /// <summary>Label of the constant run at a tenth of the peak.</summary>
    public const string ConstantTenth = "constant P/10";

    /// <summary>
    /// The range test's settings for the MLP: 1e-3 → 10 over 300 updates (6⅔ epochs), smoothing β = 0.95
    /// (torch-lr-finder's; fastai's 0.98 lags by ~50 updates, which over a short sweep moves the minimum to a rate
    /// several times too high), fastai's stop at 4 × the best.
    /// </summary>
    public static RangeTestOptions RangeOptions { get; } = new() { MinLearningRate = 1e-3, MaxLearningRate = 10, Steps = 300, Smoothing = 0.95 };

    /// <summary>The MLP setup: 64-64-10, SGD momentum 0.9, batch 32, shifted images.</summary>
    /// <param name="train">The training set (for its sizes).</param>
    /// <returns>The setup.</returns>
    public static TrainingSetup MlpSetup(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return new(rng => new Mlp(train.FeatureCount, 64, train.ClassCount, rng), ExperimentLength.MlpBatch, Shift: true, Momentum: 0.9,
            ExperimentLength.MlpStepsPerEpoch, ExperimentLength.MlpSteps);
    }

    /// <summary>The linear setup: softmax regression with α = 1e-4, one example per update, no momentum (scikit-learn's SGD).</summary>
    /// <param name="train">The training set (for its sizes).</param>
    /// <returns>The setup.</returns>
    public static TrainingSetup LinearSetup(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return new(_ => new SoftmaxRegression(train.FeatureCount, train.ClassCount, ExperimentLength.Alpha), 1, Shift: false, Momentum: 0,
            ExperimentLength.LinearStepsPerEpoch, ExperimentLength.LinearSteps);
    }

    /// <summary>Runs every experiment for seeds <paramref name="firstSeed"/> … + <paramref name="seeds"/> − 1.</summary>
    /// <param name="firstSeed">The first seed.</param>
    /// <param name="seeds">How many seeds.</param>
    /// <param name="mlpSetup">The MLP setup (tests pass shorter runs).</param>
    /// <param name="linearSetup">The linear setup.</param>
    /// <param name="log">Progress lines.</param>
    /// <returns>The results.</returns>
    public static ExperimentResults Run(ulong firstSeed, int seeds, TrainingSetup mlpSetup, TrainingSetup linearSetup, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        ulong[] seedList = Enumerable.Range(0, seeds).Select(i => firstSeed + (ulong)i).ToArray();
        var sets = seedList.Select(s => DigitsSplit(s)).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };

        var stopwatch = Stopwatch.StartNew();
        var ranges = new LearningRateRangeTest[seeds];
        Parallel.For(0, seeds, parallel, i => ranges[i] = ExperimentRunner.RangeTest(mlpSetup, sets[i].Train, seedList[i], RangeOptions));
        double peak = Median(ranges.Select(r => r.Suggest().Minimum));
        log.WriteLine(FormattableString.Invariant($"  range tests done ({stopwatch.Elapsed.TotalSeconds:0.0} s)"));

        var mlp = new (string Name, Func<Dataset, Dataset, ulong, RunTrace> Run)[]
        {
            (ConstantPeak, (tr, te, s) => ExperimentRunner.Train<UnitConstant>(ConstantPeak, mlpSetup, tr, te, s, peak)),
            (WarmupConstant, (tr, te, s) => ExperimentRunner.Train<UnitWarmup>(WarmupConstant, mlpSetup, tr, te, s, peak)),
            (WarmupCosine, (tr, te, s) => ExperimentRunner.Train<UnitWarmupCosine>(WarmupCosine, mlpSetup, tr, te, s, peak)),
            (OneCycle, (tr, te, s) => ExperimentRunner.Train<UnitOneCycle>(OneCycle, mlpSetup, tr, te, s, peak)),
            (ConstantTenth, (tr, te, s) => ExperimentRunner.Train<UnitConstant>(ConstantTenth, mlpSetup, tr, te, s, peak / 10)),
        };
        var linear = new (string Name, Func<Dataset, Dataset, ulong, RunTrace> Run)[]
        {
            ("constant η₀", (tr, te, s) => ExperimentRunner.Train<UnitConstant>("constant η₀", linearSetup, tr, te, s, ExperimentLength.Eta0)),
            ("optimal", (tr, te, s) => ExperimentRunner.Train<SklearnOptimal>("optimal", linearSetup, tr, te, s, 1)),
            ("invscaling", (tr, te, s) => ExperimentRunner.Train<UnitInverseScaling>("invscaling", linearSetup, tr, te, s, ExperimentLength.Eta0)),
            ("adaptive", (tr, te, s) => ExperimentRunner.Train<UnitConstant>("adaptive", linearSetup, tr, te, s, ExperimentLength.Eta0,
                new AdaptiveLearningRate(ExperimentLength.Eta0, tolerance: 1e-3, iterationsWithoutChange: 5))),
            ("cosine η₀→0", (tr, te, s) => ExperimentRunner.Train<UnitLinearCosine>("cosine η₀→0", linearSetup, tr, te, s, ExperimentLength.Eta0)),
        };

        var jobs = mlp.Select(m => (Group: 0, m.Name, m.Run)).Concat(linear.Select(l => (Group: 1, l.Name, l.Run)))
            .SelectMany(j => Enumerable.Range(0, seeds).Select(i => (j.Group, j.Name, j.Run, Index: i))).ToArray();
        var traces = new RunTrace[jobs.Length];
        Parallel.For(0, jobs.Length, parallel, k =>
        {
            var job = jobs[k];
            traces[k] = job.Run(sets[job.Index].Train, sets[job.Index].Test, seedList[job.Index]);
        });
        log.WriteLine(FormattableString.Invariant($"  {jobs.Length} training runs done ({stopwatch.Elapsed.TotalSeconds:0.0} s)"));

        Dictionary<string, RunTrace[]> Group(int g) => jobs.Select((j, k) => (j, k)).Where(x => x.j.Group == g)
            .GroupBy(x => x.j.Name).ToDictionary(x => x.Key, x => x.OrderBy(y => y.j.Index).Select(y => traces[y.k]).ToArray());
        return new ExperimentResults(ranges, peak, Group(0), Group(1));
    }

    /// <summary>The digits split of a seed (80/20, stratified).</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The sets.</returns>
    public static (Dataset Train, Dataset Test) DigitsSplit(ulong seed) => DigitsCsv.Load().StratifiedSplit(0.2, seed);

    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    /// <param name="values">The values.</param>
    /// <returns>The median.</returns>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Mean and sample standard deviation (n − 1).</summary>
    /// <param name="values">The values (at least one).</param>
    /// <returns>The mean and the standard deviation (0 for one value).</returns>
    public static (double Mean, double Std) MeanStd(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double mean = values.Average();
        double ss = values.Sum(v => (v - mean) * (v - mean));
        return (mean, values.Count > 1 ? Math.Sqrt(ss / (values.Count - 1)) : 0);
    }

    /// <summary>Formats mean ± std of the finite values, with the number of diverged runs.</summary>
    /// <param name="values">One value per seed (NaN for a diverged run).</param>
    /// <param name="format">The number format.</param>
    /// <returns>The text.</returns>
    public static string Format(IReadOnlyList<double> values, string format)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return "—";
        }

        (double mean, double std) = MeanStd(finite);
        return $"{mean.ToString(format, CultureInfo.InvariantCulture)} ± {std.ToString(format, CultureInfo.InvariantCulture)}";
    }
}
