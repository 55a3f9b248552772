using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ScheduleDsl.Optimizers.Tests;

/// <summary>One optimizer configuration per algorithm with most features on, for the property tests.</summary>
public static class TestOptimizers
{
    public static readonly string[] Names =
    [
        "sgd-nesterov-wd", "sgd-onecycle-momentum", "adam-amsgrad-wd", "adamw-amsgrad", "rmsprop-centered-momentum", "rmsprop-plain-maximize", "adagrad-decay",
    ];

    public static IEnumerable<object[]> All => Names.Select(n => new object[] { n });

    public static Optimizer Create(
        string name,
        int[] lengths,
        NonFiniteGradientPolicy policy = NonFiniteGradientPolicy.Throw,
        int maxDegreeOfParallelism = 1,
        int parallelThreshold = 1 << 18)
        => name switch
        {
            "sgd-nesterov-wd" => new Sgd<WarmupCosineSchedule>(lengths, new SgdOptions
            {
                Momentum = 0.9, Nesterov = true, WeightDecay = 0.01,
                NonFiniteGradients = policy, MaxDegreeOfParallelism = maxDegreeOfParallelism, ParallelThreshold = parallelThreshold,
            }),
            "sgd-onecycle-momentum" => new Sgd<OneCycleSchedule>(lengths, new SgdOptions
            {
                Momentum = 0.9, Dampening = 0.1,
                NonFiniteGradients = policy, MaxDegreeOfParallelism = maxDegreeOfParallelism, ParallelThreshold = parallelThreshold,
            }),
            "adam-amsgrad-wd" => new Adam<WarmupCosineSchedule>(lengths, new AdamOptions
            {
                AmsGrad = true, WeightDecay = 0.05,
                NonFiniteGradients = policy, MaxDegreeOfParallelism = maxDegreeOfParallelism, ParallelThreshold = parallelThreshold,
            }),
            "adamw-amsgrad" => new AdamW<OneCycleSchedule>(lengths, new AdamOptions
            {
                AmsGrad = true, Beta2 = 0.95,
                NonFiniteGradients = policy, MaxDegreeOfParallelism = maxDegreeOfParallelism, ParallelThreshold = parallelThreshold,
            }),
            "rmsprop-centered-momentum" => new RmsProp<WarmupCosineSchedule>(lengths, new RmsPropOptions
            {
                Centered = true, Momentum = 0.9, WeightDecay = 0.01,
                NonFiniteGradients = policy, MaxDegreeOfParallelism = maxDegreeOfParallelism, ParallelThreshold = parallelThreshold,
            }),
            "rmsprop-plain-maximize" => new RmsProp<Constant<Rate0_01>>(lengths, new RmsPropOptions
            {
                Maximize = true,
                NonFiniteGradients = policy, MaxDegreeOfParallelism = maxDegreeOfParallelism, ParallelThreshold = parallelThreshold,
            }),
            "adagrad-decay" => new Adagrad<WarmupCosineSchedule>(lengths, new AdagradOptions
            {
                LearningRateDecay = 0.01, InitialAccumulatorValue = 0.1, WeightDecay = 0.01,
                NonFiniteGradients = policy, MaxDegreeOfParallelism = maxDegreeOfParallelism, ParallelThreshold = parallelThreshold,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };

    /// <summary>Random parameters in [−1, 1) per tensor.</summary>
    public static float[][] RandomTensors(int[] lengths, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        return lengths.Select(n =>
        {
            var a = new float[n];
            for (int i = 0; i < n; i++)
            {
                a[i] = (random.NextSingle() * 2 - 1) * scale;
            }

            return a;
        }).ToArray();
    }

    public static float[][] Copy(float[][] tensors) => tensors.Select(t => (float[])t.Clone()).ToArray();

    public static Memory<float>[] AsMemory(float[][] tensors) => tensors.Select(t => t.AsMemory()).ToArray();

    public static ReadOnlyMemory<float>[] AsReadOnlyMemory(float[][] tensors) => tensors.Select(t => (ReadOnlyMemory<float>)t.AsMemory()).ToArray();

    public static byte[] Checkpoint(Optimizer optimizer)
    {
        using var stream = new MemoryStream();
        optimizer.SaveCheckpoint(stream);
        return stream.ToArray();
    }

    /// <summary>Returns the index of the first element whose bits differ, or −1.</summary>
    public static int FirstBitDifference(float[] a, float[] b)
    {
        if (a.Length != b.Length)
        {
            return 0;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
