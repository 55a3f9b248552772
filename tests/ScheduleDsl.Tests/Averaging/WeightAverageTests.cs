using System;
using System.Linq;
using ScheduleDsl.Averaging;
using Xunit;

namespace ScheduleDsl.Tests.Averaging;

/// <summary>SWA and EMA weight averaging against scalar references written here, on random data.</summary>
public sealed class WeightAverageTests
{
    // Lengths exercise empty tensors, tails shorter than a vector, and several whole vectors plus a tail.
    private static readonly int[] Lengths = [0, 1, 7, 1003];

    [Fact]
    public void Equal_average_matches_PyTorch_float32_formula_bit_for_bit_and_the_exact_mean_closely()
    {
        const int Snapshots = 40;
        var random = new Random(1234);
        float[][][] snapshots = MakeSnapshots(random, Snapshots);
        var average = new WeightAverage(Lengths);

        float[][] scalar = Lengths.Select(n => new float[n]).ToArray();
        for (int s = 0; s < Snapshots; s++)
        {
            average.Update(snapshots[s].Select(a => (ReadOnlyMemory<float>)a).ToArray());
            for (int t = 0; t < Lengths.Length; t++)
            {
                for (int i = 0; i < Lengths[t]; i++)
                {
                    // torch: averaged + (model − averaged) / (n_averaged + 1), float32 tensors, long count promoted to float.
                    scalar[t][i] = s == 0 ? snapshots[s][t][i] : scalar[t][i] + ((snapshots[s][t][i] - scalar[t][i]) / (float)(s + 1));
                }
            }

            Assert.Equal(s + 1, average.AveragedCount);
        }

        for (int t = 0; t < Lengths.Length; t++)
        {
            Assert.Equal(scalar[t], average.Average(t).ToArray());
            for (int i = 0; i < Lengths[t]; i++)
            {
                double mean = 0;
                for (int s = 0; s < Snapshots; s++)
                {
                    mean += snapshots[s][t][i];
                }

                mean /= Snapshots;
                Assert.True(Math.Abs(mean - average.Average(t)[i]) <= 1e-5, $"tensor {t}[{i}]: mean {mean}, average {average.Average(t)[i]}");
            }
        }
    }

    [Fact]
    public void Exponential_average_matches_the_float32_formula_bit_for_bit_and_the_double_EMA_closely()
    {
        const int Snapshots = 30;
        const double Decay = 0.9;
        var random = new Random(99);
        float[][][] snapshots = MakeSnapshots(random, Snapshots);
        WeightAverage average = WeightAverage.Exponential(Lengths, Decay);
        Assert.Equal(WeightAverageMode.Exponential, average.Mode);

        float d = (float)Decay;
        float m = (float)(1 - Decay);
        float[][] scalar = Lengths.Select(n => new float[n]).ToArray();
        double[][] exact = Lengths.Select(n => new double[n]).ToArray();
        for (int s = 0; s < Snapshots; s++)
        {
            average.Update(snapshots[s].Select(a => (ReadOnlyMemory<float>)a).ToArray());
            for (int t = 0; t < Lengths.Length; t++)
            {
                for (int i = 0; i < Lengths[t]; i++)
                {
                    float p = snapshots[s][t][i];
                    scalar[t][i] = s == 0 ? p : (d * scalar[t][i]) + (m * p);
                    exact[t][i] = s == 0 ? p : (Decay * exact[t][i]) + ((1 - Decay) * p);
                }
            }
        }

        for (int t = 0; t < Lengths.Length; t++)
        {
            Assert.Equal(scalar[t], average.Average(t).ToArray());
            for (int i = 0; i < Lengths[t]; i++)
            {
                Assert.True(Math.Abs(exact[t][i] - average.Average(t)[i]) <= 1e-5);
            }
        }
    }

    [Fact]
    public void The_first_update_copies_and_Reset_starts_over()
    {
        float[] first = [1.5f, -2f, 3.25f];
        float[] second = [0.5f, 0f, 1.25f];
        var average = new WeightAverage([3]);
        Assert.Equal(new float[3], average.Average(0).ToArray());
        average.Update(first);
        Assert.Equal(first, average.Average(0).ToArray());
        average.Update(second);
        Assert.Equal([1f, -1f, 2.25f], average.Average(0).ToArray()); // (a + b)/2, exact in binary
        average.Reset();
        Assert.Equal(0, average.AveragedCount);
        average.Update(second);
        Assert.Equal(second, average.Average(0).ToArray());
    }

    [Fact]
    public void A_length_or_count_mismatch_is_rejected_before_anything_changes()
    {
        var random = new Random(5);
        float[][][] snapshots = MakeSnapshots(random, 2);
        var average = new WeightAverage(Lengths);
        ReadOnlyMemory<float>[] good = snapshots[0].Select(a => (ReadOnlyMemory<float>)a).ToArray();
        average.Update(good);
        float[][] before = Enumerable.Range(0, Lengths.Length).Select(t => average.Average(t).ToArray()).ToArray();

        // Tensors 0–2 are fine; the last is one element short, so a writer that does not check first would change 0–2.
        ReadOnlyMemory<float>[] bad = snapshots[1].Select(a => (ReadOnlyMemory<float>)a).ToArray();
        bad[3] = bad[3][..^1];
        Assert.Throws<ArgumentException>(() => average.Update(bad));
        Assert.Throws<ArgumentException>(() => average.Update(bad[..3]));
        Assert.Throws<ArgumentException>(() => average.Update(snapshots[1][3])); // single-tensor overload on four tensors
        Assert.Equal(1, average.AveragedCount);
        for (int t = 0; t < Lengths.Length; t++)
        {
            Assert.Equal(before[t], average.Average(t).ToArray());
        }

        var single = new WeightAverage([4]);
        Assert.Throws<ArgumentException>(() => single.Update(new float[5]));
        Assert.Equal(0, single.AveragedCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightAverage([-1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightAverage.Exponential([1], 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightAverage.Exponential([1], double.NaN));
    }

    [Fact]
    public void Update_allocates_nothing()
    {
        var random = new Random(7);
        float[][][] snapshots = MakeSnapshots(random, 1);
        ReadOnlyMemory<float>[] parameters = snapshots[0].Select(a => (ReadOnlyMemory<float>)a).ToArray();
        var equal = new WeightAverage(Lengths);
        WeightAverage ema = WeightAverage.Exponential(Lengths);
        float[] single = snapshots[0][3];
        var one = new WeightAverage([single.Length]);
        for (int i = 0; i < 3; i++)
        {
            equal.Update(parameters);
            ema.Update(parameters);
            one.Update(single);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++)
        {
            equal.Update(parameters);
            ema.Update(parameters);
            one.Update(single);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2003, equal.AveragedCount);
    }

    private static float[][][] MakeSnapshots(Random random, int count)
        => Enumerable.Range(0, count)
            .Select(_ => Lengths.Select(n => Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray()).ToArray())
            .ToArray();
}
