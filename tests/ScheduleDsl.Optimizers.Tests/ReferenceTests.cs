using System;
using System.Collections.Generic;
using Xunit;

namespace ScheduleDsl.Optimizers.Tests;

/// <summary>
/// Every case of tests/Reference/pytorch-optimizers.json (PyTorch 1.13.1, float32, 37 parameters, 20 steps):
/// parameters after every step compared as float32 bit patterns.
/// </summary>
public class ReferenceTests
{
    /// <summary>
    /// Cases allowed a 4e-6 absolute tolerance instead of bit identity, with the reason. Empty: every case is
    /// bit-identical, because the kernels follow the file's float32_arithmetic recipe (double scalars rounded once,
    /// fma exactly where PyTorch's AVX2 kernels fuse, correctly rounded sqrt and division).
    /// </summary>
    private static readonly Dictionary<string, string> ToleranceReasons = new();

    public static IEnumerable<object[]> Cases => ReferenceData.CaseNames;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Single_tensor_span_steps_match_pytorch(string name)
    {
        ReferenceCase c = ReferenceData.Get(name);
        Optimizer optimizer = Build(c, [c.Initial.Length], maxDegreeOfParallelism: 1, parallelThreshold: int.MaxValue);
        Assert.False(optimizer.IsThreaded);
        float[] p = (float[])c.Initial.Clone();
        for (int t = 0; t < c.Gradients.Length; t++)
        {
            CheckLearningRate(c, optimizer, t);
            Assert.Equal(StepResult.Applied, optimizer.Step(p, c.Gradients[t]));
            Compare(c, t, p);
        }

        Assert.Equal(c.Gradients.Length, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_into_three_tensors_on_the_threaded_path_matches_pytorch(string name)
    {
        ReferenceCase c = ReferenceData.Get(name);
        int[] lengths = [16, 13, 8];
        Assert.Equal(c.Initial.Length, lengths[0] + lengths[1] + lengths[2]);
        Optimizer optimizer = Build(c, lengths, maxDegreeOfParallelism: 2, parallelThreshold: 0);
        Assert.True(optimizer.IsThreaded);
        float[] p = (float[])c.Initial.Clone();
        var parameters = new Memory<float>[] { p.AsMemory(0, 16), p.AsMemory(16, 13), p.AsMemory(29, 8) };
        for (int t = 0; t < c.Gradients.Length; t++)
        {
            float[] g = c.Gradients[t];
            var gradients = new ReadOnlyMemory<float>[] { g.AsMemory(0, 16), g.AsMemory(16, 13), g.AsMemory(29, 8) };
            Assert.Equal(StepResult.Applied, optimizer.Step(parameters, gradients));
            Compare(c, t, p);
        }
    }

    [Fact]
    public void The_generated_one_cycle_schedule_reproduces_the_recorded_momentum()
    {
        ReferenceCase c = ReferenceData.Get("sgd_momentum_onecycle");
        Assert.NotNull(c.Momenta);
        for (int t = 0; t < c.Momenta!.Length; t++)
        {
            double mine = OneCycleSchedule.MomentumAt(t);
            Assert.True(Math.Abs(mine - c.Momenta[t]) <= 1e-15, $"momentum[{t}]: recorded {c.Momenta[t]:R}, generated {mine:R}");
            Assert.Equal((float)c.Momenta[t], (float)mine);
        }
    }

    internal static void CheckLearningRate(ReferenceCase c, Optimizer optimizer, int t)
    {
        double recorded = c.LearningRates[t];
        double mine = optimizer.LearningRate;
        // Unscheduled cases: identical. Scheduled: PyTorch's recursive (chainable) form drifts from the closed form
        // by a few ulp of a double (1.2e-15 relative at step 19 of the cosine); Formulas.Cosine promises < 1e-13.
        Assert.True(Math.Abs(mine - recorded) <= 1e-13 * Math.Abs(recorded), $"{c.Name} lr[{t}]: recorded {recorded:R}, schedule {mine:R}");
        if (c.Scheduler is null)
        {
            Assert.Equal(recorded, mine);
        }
    }

    internal static void Compare(ReferenceCase c, int t, float[] actual)
    {
        float[] expected = c.ParametersAfter[t];
        Assert.Equal(expected.Length, actual.Length);
        bool tolerant = ToleranceReasons.ContainsKey(c.Name);
        for (int i = 0; i < expected.Length; i++)
        {
            bool ok = tolerant
                ? Math.Abs(expected[i] - actual[i]) <= 4e-6
                : BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]);
            Assert.True(ok, $"{c.Name}: step {t}, element {i}: PyTorch {expected[i]:R} (0x{BitConverter.SingleToInt32Bits(expected[i]):x8}), ours {actual[i]:R} (0x{BitConverter.SingleToInt32Bits(actual[i]):x8})");
        }
    }

    internal static Optimizer Build(ReferenceCase c, int[] lengths, int maxDegreeOfParallelism, int parallelThreshold)
        => c.Scheduler switch
        {
            null => c.Double("lr") switch
            {
                0.1 => Build<Constant<Rate0_1>>(c, lengths, maxDegreeOfParallelism, parallelThreshold),
                0.05 => Build<Constant<Rate0_05>>(c, lengths, maxDegreeOfParallelism, parallelThreshold),
                0.01 => Build<Constant<Rate0_01>>(c, lengths, maxDegreeOfParallelism, parallelThreshold),
                0.001 => Build<Constant<Rate0_001>>(c, lengths, maxDegreeOfParallelism, parallelThreshold),
                double lr => throw new NotSupportedException($"No constant schedule type for lr {lr}; add an IRate."),
            },
            "SequentialLR" => Build<WarmupCosineSchedule>(c, lengths, maxDegreeOfParallelism, parallelThreshold),
            "OneCycleLR" => Build<OneCycleSchedule>(c, lengths, maxDegreeOfParallelism, parallelThreshold),
            string other => throw new NotSupportedException($"No test schedule for {other}."),
        };

    /// <summary>
    /// The case's optimizer with the non-generic constructor and its schedule parsed at run time from the text of the
    /// attributes that declare the compiled one (TestSchedules.cs): the same PyTorch bits are expected.
    /// </summary>
    internal static Optimizer BuildRunTime(ReferenceCase c, int[] lengths, int maxDegreeOfParallelism, int parallelThreshold)
    {
        string text = c.Scheduler switch
        {
            null => FormattableString.Invariant($"[LearningRate({c.Double("lr"):R})]"),
            "SequentialLR" => WarmupCosineText,
            "OneCycleLR" => OneCycleText,
            string other => throw new NotSupportedException($"No test schedule for {other}."),
        };
        return Build<Constant<Rate0_1>>(c, lengths, maxDegreeOfParallelism, parallelThreshold, Schedule.Parse(text));
    }

    /// <summary>The attributes of <see cref="WarmupCosineSchedule"/> as text.</summary>
    internal const string WarmupCosineText = "[LearningRate(0.01)] [Linear(5, 0.1, 1.0)] [Cosine(15, Final = 1e-4)]";

    /// <summary>The attributes of <see cref="OneCycleSchedule"/> as text.</summary>
    internal const string OneCycleText = "[LearningRate(0.1)] [OneCycle(20)]";

    /// <summary><typeparamref name="TSchedule"/>'s generic optimizer, or with <paramref name="runTime"/> the non-generic one over it.</summary>
    private static Optimizer Build<TSchedule>(ReferenceCase c, int[] lengths, int dop, int threshold, IScheduleFunction? runTime = null)
        where TSchedule : ISchedule
        => c.Optimizer switch
        {
            "SGD" => runTime is null ? new Sgd<TSchedule>(lengths, SgdOptions(c, dop, threshold)) : new Sgd(runTime, lengths, SgdOptions(c, dop, threshold)),
            "Adam" => runTime is null ? new Adam<TSchedule>(lengths, AdamOptions(c, dop, threshold)) : new Adam(runTime, lengths, AdamOptions(c, dop, threshold)),
            "AdamW" => runTime is null ? new AdamW<TSchedule>(lengths, AdamOptions(c, dop, threshold)) : new AdamW(runTime, lengths, AdamOptions(c, dop, threshold)),
            "RMSprop" => runTime is null ? new RmsProp<TSchedule>(lengths, RmsPropOptions(c, dop, threshold)) : new RmsProp(runTime, lengths, RmsPropOptions(c, dop, threshold)),
            "Adagrad" => runTime is null ? new Adagrad<TSchedule>(lengths, AdagradOptions(c, dop, threshold)) : new Adagrad(runTime, lengths, AdagradOptions(c, dop, threshold)),
            string other => throw new NotSupportedException($"No optimizer for {other}."),
        };

    private static SgdOptions SgdOptions(ReferenceCase c, int dop, int threshold) => new()
    {
        Momentum = c.Double("momentum"),
        Dampening = c.Double("dampening"),
        WeightDecay = c.Double("weight_decay"),
        Nesterov = c.Bool("nesterov"),
        Maximize = c.Bool("maximize"),
        MaxDegreeOfParallelism = dop,
        ParallelThreshold = threshold,
    };

    private static RmsPropOptions RmsPropOptions(ReferenceCase c, int dop, int threshold) => new()
    {
        Alpha = c.Double("alpha"),
        Epsilon = c.Double("eps"),
        WeightDecay = c.Double("weight_decay"),
        Momentum = c.Double("momentum"),
        Centered = c.Bool("centered"),
        Maximize = c.Bool("maximize"),
        MaxDegreeOfParallelism = dop,
        ParallelThreshold = threshold,
    };

    private static AdagradOptions AdagradOptions(ReferenceCase c, int dop, int threshold) => new()
    {
        LearningRateDecay = c.Double("lr_decay"),
        WeightDecay = c.Double("weight_decay"),
        InitialAccumulatorValue = c.Double("initial_accumulator_value"),
        Epsilon = c.Double("eps"),
        Maximize = c.Bool("maximize"),
        MaxDegreeOfParallelism = dop,
        ParallelThreshold = threshold,
    };

    private static AdamOptions AdamOptions(ReferenceCase c, int dop, int threshold)
    {
        var betas = c.Hyper.GetProperty("betas");
        return new AdamOptions
        {
            Beta1 = betas[0].GetDouble(),
            Beta2 = betas[1].GetDouble(),
            Epsilon = c.Double("eps"),
            WeightDecay = c.Double("weight_decay"),
            AmsGrad = c.Bool("amsgrad"),
            Maximize = c.Bool("maximize"),
            MaxDegreeOfParallelism = dop,
            ParallelThreshold = threshold,
        };
    }
}
