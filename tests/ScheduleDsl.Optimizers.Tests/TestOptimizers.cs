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
        "sgd-clip-norm-scheduled", "adamw-clip-inf-scheduled-betas", "rmsprop-clip-value-groups", "adagrad-groups-scheduled-wd", "adam-clip-norm-groups",
    ];

    public static IEnumerable<object[]> All => Names.Select(n => new object[] { n });

    /// <summary>
    /// Configurations whose result does not depend on how the elements are split into tensors (no global norm, whose
    /// association follows the tensors, and no groups, which are assigned per tensor).
    /// </summary>
    public static IEnumerable<object[]> SplitInvariant => Names.Where(n => !n.Contains("norm") && !n.Contains("inf") && !n.Contains("groups")).Select(n => new object[] { n });

    /// <summary>A weight-decay schedule: 0.01 rising linearly by 1e-3 per step.</summary>
    public static readonly IScheduleFunction RisingWeightDecay = new DelegateSchedule("rising weight decay", static k => 0.01 + 1e-3 * k);

    /// <summary>A momentum / β₁ schedule: 0.85 → 0.95 over 10 steps, then 0.95.</summary>
    public static readonly IScheduleFunction RisingMomentum = new DelegateSchedule("rising momentum", static k => 0.85 + 0.01 * Math.Min(k, 10));

    /// <summary>A β₂ schedule: 0.9 → 0.999 (1 − 0.1/(k + 1)).</summary>
    public static readonly IScheduleFunction RisingBeta2 = new DelegateSchedule("rising beta2", static k => 1 - 0.1 / (k + 1));

    /// <summary>Two groups: tensor 0 without weight decay at half the rate; the last tensor (when there are two or more) at twice the rate.</summary>
    public static ParameterGroup[] Groups(int[] lengths) => lengths.Length >= 2
        ? [new ParameterGroup(0) { WeightDecay = 0, LearningRateScale = 0.5 }, new ParameterGroup(lengths.Length - 1) { LearningRateScale = 2 }]
        : [new ParameterGroup(0) { WeightDecay = 0, LearningRateScale = 0.5 }];

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
            "sgd-clip-norm-scheduled" => new Sgd<WarmupCosineSchedule>(lengths, new SgdOptions
            {
                MomentumSchedule = RisingMomentum, WeightDecaySchedule = RisingWeightDecay, Dampening = 0.1,
                GradientClipping = GradientClipping.ByGlobalNorm(1.0),
                NonFiniteGradients = policy, MaxDegreeOfParallelism = maxDegreeOfParallelism, ParallelThreshold = parallelThreshold,
            }),
            "adamw-clip-inf-scheduled-betas" => new AdamW<WarmupCosineSchedule>(lengths, new AdamOptions
            {
                Beta1Schedule = RisingMomentum, Beta2Schedule = RisingBeta2, WeightDecaySchedule = RisingWeightDecay,
                GradientClipping = GradientClipping.ByGlobalNorm(0.5, GradientNormType.Infinity),
                NonFiniteGradients = policy, MaxDegreeOfParallelism = maxDegreeOfParallelism, ParallelThreshold = parallelThreshold,
            }),
            "rmsprop-clip-value-groups" => new RmsProp<WarmupCosineSchedule>(lengths, new RmsPropOptions
            {
                Momentum = 0.5, WeightDecay = 0.01, GradientClipping = GradientClipping.ByValue(0.75), ParameterGroups = Groups(lengths),
                NonFiniteGradients = policy, MaxDegreeOfParallelism = maxDegreeOfParallelism, ParallelThreshold = parallelThreshold,
            }),
            "adagrad-groups-scheduled-wd" => new Adagrad<WarmupCosineSchedule>(lengths, new AdagradOptions
            {
                LearningRateDecay = 0.01, WeightDecaySchedule = RisingWeightDecay, ParameterGroups = Groups(lengths),
                NonFiniteGradients = policy, MaxDegreeOfParallelism = maxDegreeOfParallelism, ParallelThreshold = parallelThreshold,
            }),
            "adam-clip-norm-groups" => new Adam<OneCycleSchedule>(lengths, new AdamOptions
            {
                WeightDecay = 0.02, AmsGrad = true, ParameterGroups = Groups(lengths), GradientClipping = GradientClipping.ByGlobalNorm(2.0),
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
