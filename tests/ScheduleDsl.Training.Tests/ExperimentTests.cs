using System;
using System.IO;
using System.Linq;
using ScheduleDsl.Training;
using Xunit;

namespace ScheduleDsl.Training.Tests;

public class ExperimentTests
{
    [Fact]
    public void Shifted_batches_are_one_of_the_nine_one_pixel_shifts_of_their_source()
    {
        (Dataset train, _) = Experiments.DigitsSplit(1);
        var stream = new BatchStream(train, 16, shift: true, new SplitMix64(3));
        int shifted = 0;
        for (int n = 0; n < 20; n++)
        {
            stream.Next();
            for (int b = 0; b < 16; b++)
            {
                float[] got = stream.Batch.Features.AsSpan(b * 64, 64).ToArray();
                // Search the source rows of that label for the one this is a shift of (test-side reference shift).
                bool found = false;
                for (int row = 0; row < train.Count && !found; row++)
                {
                    if (train.Labels[row] != stream.Batch.Labels[b])
                    {
                        continue;
                    }

                    for (int dy = -1; dy <= 1 && !found; dy++)
                    {
                        for (int dx = -1; dx <= 1 && !found; dx++)
                        {
                            found = Enumerable.Range(0, 64).All(i =>
                            {
                                int y = i / 8, x = i % 8, sy = y - dy, sx = x - dx;
                                float expected = sy < 0 || sy > 7 || sx < 0 || sx > 7 ? 0f : train.Row(row)[(sy * 8) + sx];
                                return got[i] == expected;
                            });
                            shifted += found && (dx != 0 || dy != 0) ? 1 : 0;
                        }
                    }
                }

                Assert.True(found, $"batch {n}, row {b} is no one-pixel shift of a training image with its label");
            }
        }

        Assert.InRange(shifted, 200, 320);   // 8/9 of 320 draws are expected to move (≈ 284)
    }

    [Fact]
    public void Softmax_regression_gradient_matches_central_finite_differences_including_the_L2_term()
    {
        (Dataset train, _) = Experiments.DigitsSplit(2);
        var model = new SoftmaxRegression(64, 10, alpha: 0.01);
        var rng = new SplitMix64(9);
        foreach (float[] p in model.Parameters)
        {
            for (int i = 0; i < p.Length; i++)
            {
                p[i] = (float)(rng.NextGaussian() * 0.3);
            }
        }

        int[] rows = [0, 1, 2, 3, 4];
        model.Backward(train, rows);
        float[][] analytic = model.Gradients.Select(g => (float[])g.Clone()).ToArray();
        double Objective()
        {
            double ce = model.Backward(train, rows);
            double l2 = model.W.Sum(w => (double)w * w) * 0.01 / 2;   // the penalty the gradient's α·W belongs to
            return ce + l2;
        }

        const float h = 1e-2f;
        for (int t = 0; t < model.Parameters.Length; t++)
        {
            for (int i = 0; i < model.Parameters[t].Length; i += 7)
            {
                float keep = model.Parameters[t][i];
                model.Parameters[t][i] = keep + h;
                double up = Objective();
                model.Parameters[t][i] = keep - h;
                double down = Objective();
                model.Parameters[t][i] = keep;
                Assert.Equal((up - down) / (2 * h), analytic[t][i], 2e-3);
            }
        }
    }

    [Fact]
    public void Mean_and_sample_standard_deviation_and_the_median()
    {
        (double mean, double std) = Experiments.MeanStd([1, 2, 3, 4]);
        Assert.Equal(2.5, mean);
        Assert.Equal(Math.Sqrt(5.0 / 3), std, 1e-15);   // Σ(x − 2.5)² = 5, over n − 1 = 3
        Assert.Equal(2.5, Experiments.Median([4, 1, 3, 2]));
        Assert.Equal(3, Experiments.Median([5, 1, 3]));
        Assert.Equal("2.50 ± 1.29", Experiments.Format([1, 2, double.NaN, 3, 4], "0.00"));
    }

    [Fact]
    public void Short_experiments_are_deterministic_and_follow_the_schedules_scaled_by_the_chosen_peak()
    {
        (Dataset train, _) = Experiments.DigitsSplit(4);
        TrainingSetup mlp = Experiments.MlpSetup(train) with { Steps = 135 };
        TrainingSetup linear = Experiments.LinearSetup(train) with { Steps = 2 * ExperimentLength.LinearStepsPerEpoch };
        ExperimentResults a = Experiments.Run(4, 2, mlp, linear, TextWriter.Null);
        ExperimentResults b = Experiments.Run(4, 2, mlp, linear, TextWriter.Null);

        Assert.Equal(a.Peak, b.Peak);
        Assert.Equal(Experiments.Median(a.RangeTests.Select(t => t.Suggest().Minimum)), a.Peak);
        foreach (string name in a.Mlp.Keys)
        {
            for (int s = 0; s < 2; s++)
            {
                Assert.Equal(a.Mlp[name][s].Losses, b.Mlp[name][s].Losses);
            }
        }

        Assert.NotEqual(a.Mlp[Experiments.WarmupCosine][0].Losses, a.Mlp[Experiments.WarmupCosine][1].Losses);

        // Warmup: P·(s + (1 − s)·k/W) with s = 1/(W + 1), W = 90; then P. One-cycle starts at P/25 (div_factor).
        double p = a.Peak;
        double[] warm = a.Mlp[Experiments.WarmupConstant][0].Rates;
        for (int k = 0; k < warm.Length; k++)
        {
            double s = 1.0 / 91, expected = k < 90 ? p * (s + ((1 - s) * k / 90)) : p;
            Assert.Equal(expected, warm[k], 1e-12);
        }

        Assert.Equal(p / 25, a.Mlp[Experiments.OneCycle][0].Rates[0], 1e-12);
        Assert.Equal(0.95, a.Mlp[Experiments.OneCycle][0].Momentum[0], 1e-12);
        Assert.All(a.Mlp[Experiments.ConstantTenth][0].Rates, r => Assert.Equal(p / 10, r, 1e-15));

        // scikit-learn: invscaling η₀/t^0.5 with t = k + 1; optimal 1/(α(t₀ + k)) with t₀ = 1/(η₀α).
        double[] inv = a.Linear["invscaling"][0].Rates;
        Assert.Equal(0.01 / Math.Sqrt(1000), inv[999], 1e-15);
        double t0 = 1 / (ExperimentLength.OptimalEta0 * 1e-4);
        Assert.Equal(1 / (1e-4 * (t0 + 2000)), a.Linear["optimal"][0].Rates[2000], 1e-12);
    }

    [Fact]
    public void The_main_command_writes_the_plots_and_a_csv_per_run()
    {
        string dir = Directory.CreateTempSubdirectory("experiments-out-").FullName;
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, TrainingApp.Run(["--seeds", "2", "--seed", "7", "--out", dir], output, interactive: false));
            string text = output.ToString();
            Assert.Contains("seeds 7–8", text);
            Assert.Contains("1. Range test", text);
            Assert.Contains("4. scikit-learn's schedules", text);
            foreach (string png in new[] { "range-test.png", "lr.png", "loss.png", "lr-linear.png", "loss-linear.png" })
            {
                Assert.Contains("wrote " + Path.Combine(dir, png), text);
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(dir, png))[..4]);
            }

            string[] csv = Directory.GetFiles(Path.Combine(dir, "runs"), "*.csv");
            Assert.Equal((5 + 5 + 1) * 2, csv.Length);
            string[] lines = File.ReadAllLines(Path.Combine(dir, "runs", "mlp-warmup-cosine-p-to-0-seed7.csv"));
            Assert.Equal("step,rate,momentum,loss", lines[0]);
            Assert.Equal(ExperimentLength.MlpSteps + 1, lines.Length);
            Assert.StartsWith("0,", lines[1], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
