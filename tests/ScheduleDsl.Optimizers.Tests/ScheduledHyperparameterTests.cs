using System;
using System.IO;
using Xunit;
using static ScheduleDsl.Optimizers.Tests.TestOptimizers;

namespace ScheduleDsl.Optimizers.Tests;

/// <summary>
/// Hyperparameters on schedules and parameter groups, each against an independent computation in the test: the
/// element-wise PyTorch 1.13 update of docs/optimizers.md written out in float with the per-step values, or a set of
/// single-tensor optimizers that each carry one group's options.
/// </summary>
public class ScheduledHyperparameterTests
{
    private static readonly int[] Lengths = [203];

    [Fact]
    public void The_momentum_co_schedule_is_one_case_of_a_momentum_schedule()
    {
        // OneCycleSchedule co-schedules momentum; OneCycleRateOnly has the same rates and no co-schedule.
        var coScheduled = new Sgd<OneCycleSchedule>(Lengths, new SgdOptions { Momentum = 0.9 });
        var scheduled = new Sgd<OneCycleRateOnly>(Lengths, new SgdOptions
        {
            MomentumSchedule = new DelegateSchedule("one-cycle momentum", OneCycleSchedule.MomentumAt),
        });
        float[] p = RandomTensors(Lengths, 1)[0];
        float[] q = (float[])p.Clone();
        for (int step = 0; step < 20; step++)
        {
            float[] g = RandomTensors(Lengths, 100 + step)[0];
            coScheduled.Step(p, g);
            scheduled.Step(q, g);
        }

        Assert.Equal(-1, FirstBitDifference(p, q));
    }

    [Fact]
    public void Scheduled_weight_decay_and_momentum_match_the_sgd_reference()
    {
        var sgd = new Sgd<WarmupCosineSchedule>(Lengths, new SgdOptions
        {
            MomentumSchedule = RisingMomentum, WeightDecaySchedule = RisingWeightDecay, Dampening = 0.1,
        });
        float[] p = RandomTensors(Lengths, 1)[0];
        float[] r = (float[])p.Clone();
        float[] b = new float[r.Length];
        for (int k = 0; k < 20; k++)
        {
            float[] g = RandomTensors(Lengths, 100 + k)[0];
            sgd.Step(p, g);

            // PyTorch SGD with the step's λ and μ: d = g + λp; b = d (first) or μb + (1 − τ)d; p = p − lr·b.
            float lambda = (float)RisingWeightDecay.At(k), mu = (float)RisingMomentum.At(k), lr = (float)WarmupCosineSchedule.At(k);
            for (int i = 0; i < r.Length; i++)
            {
                float d = MathF.FusedMultiplyAdd(lambda, r[i], g[i]);
                b[i] = k == 0 ? d : MathF.FusedMultiplyAdd((float)(1 - 0.1), d, b[i] * mu);
                r[i] = MathF.FusedMultiplyAdd(-lr, b[i], r[i]);
            }
        }

        Assert.Equal(-1, FirstBitDifference(r, p));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Scheduled_betas_and_weight_decay_match_the_adam_reference(bool decoupled)
    {
        var options = new AdamOptions { Beta1Schedule = RisingMomentum, Beta2Schedule = RisingBeta2, WeightDecaySchedule = RisingWeightDecay };
        Optimizer adam = decoupled ? new AdamW<WarmupCosineSchedule>(Lengths, options) : new Adam<WarmupCosineSchedule>(Lengths, options);
        float[] p = RandomTensors(Lengths, 1)[0];
        float[] r = (float[])p.Clone();
        float[] m = new float[r.Length], v = new float[r.Length];
        for (int k = 0; k < 20; k++)
        {
            float[] g = RandomTensors(Lengths, 100 + k)[0];
            adam.Step(p, g);

            // PyTorch Adam/AdamW with the step's β₁, β₂, λ; scalars in double rounded once (tests/Reference recipe).
            double b1 = RisingMomentum.At(k), b2 = RisingBeta2.At(k), lambda = RisingWeightDecay.At(k), lr = WarmupCosineSchedule.At(k);
            double t = k + 1;
            float negStep = (float)-(lr / (1 - Math.Pow(b1, t)));
            float bc2Sqrt = (float)Math.Sqrt(1 - Math.Pow(b2, t));
            float decay = (float)(1 - lr * lambda);
            for (int i = 0; i < r.Length; i++)
            {
                float d = decoupled ? g[i] : MathF.FusedMultiplyAdd((float)lambda, r[i], g[i]);
                float param = decoupled ? r[i] * decay : r[i];
                m[i] = MathF.FusedMultiplyAdd((float)(1 - b1), d, m[i] * (float)b1);
                v[i] = MathF.FusedMultiplyAdd((float)(1 - b2) * d, d, v[i] * (float)b2);
                r[i] = param + negStep * m[i] / (MathF.Sqrt(v[i]) / bc2Sqrt + 1e-8f);
            }
        }

        Assert.Equal(-1, FirstBitDifference(r, p));
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adamw")]
    [InlineData("rmsprop")]
    [InlineData("adagrad")]
    public void Parameter_groups_equal_one_optimizer_per_group(string algorithm)
    {
        // Tensor 0: default group (weight decay 0.05); tensor 1: no weight decay; tensor 2: half the rate.
        int[] lengths = [64, 9, 100];
        ParameterGroup[] groups = [new ParameterGroup(1) { WeightDecay = 0 }, new ParameterGroup(2) { LearningRateScale = 0.5 }];
        Optimizer grouped = Build(algorithm, lengths, 0.05, groups, 1);
        Optimizer threaded = Build(algorithm, [.. lengths, 1 << 20], 0.05, groups, 2);
        Assert.True(threaded.IsThreaded);
        Optimizer[] single = [Build(algorithm, [64], 0.05, null, 1), Build(algorithm, [9], 0.0, null, 1), Build(algorithm, [100], 0.05, null, 1)];
        float[][] p = RandomTensors([.. lengths, 1 << 20], 1);
        float[][] q = Copy(p);
        float[][] s = Copy(p);
        for (int k = 0; k < 5; k++)
        {
            float[][] g = RandomTensors([.. lengths, 1 << 20], 10 + k);
            grouped.Step(AsMemory(p[..3]), AsReadOnlyMemory(g[..3]));
            threaded.Step(AsMemory(q), AsReadOnlyMemory(g));
            double lr = WarmupCosineSchedule.At(k);
            single[0].Step(s[0], g[0]);
            single[1].Step(s[1], g[1]);
            single[2].Step(s[2], g[2], learningRate: lr * 0.5);
        }

        for (int t = 0; t < 3; t++)
        {
            Assert.Equal(-1, FirstBitDifference(s[t], p[t]));
            Assert.Equal(-1, FirstBitDifference(s[t], q[t]));
        }
    }

    private static Optimizer Build(string algorithm, int[] lengths, double weightDecay, ParameterGroup[]? groups, int threads) => algorithm switch
    {
        "sgd" => new Sgd<WarmupCosineSchedule>(lengths, new SgdOptions { Momentum = 0.9, WeightDecay = weightDecay, ParameterGroups = groups, MaxDegreeOfParallelism = threads }),
        "adamw" => new AdamW<WarmupCosineSchedule>(lengths, new AdamOptions { WeightDecay = weightDecay, ParameterGroups = groups, MaxDegreeOfParallelism = threads }),
        "rmsprop" => new RmsProp<WarmupCosineSchedule>(lengths, new RmsPropOptions { Momentum = 0.5, WeightDecay = weightDecay, ParameterGroups = groups, MaxDegreeOfParallelism = threads }),
        _ => new Adagrad<WarmupCosineSchedule>(lengths, new AdagradOptions { LearningRateDecay = 0.1, WeightDecay = weightDecay, ParameterGroups = groups, MaxDegreeOfParallelism = threads }),
    };

    [Fact]
    public void A_checkpoint_names_the_setting_that_differs_with_both_values()
    {
        byte[] saved = Save(new Sgd<WarmupCosineSchedule>([9, 4], new SgdOptions { Momentum = 0.9, ParameterGroups = [new ParameterGroup(1) { WeightDecay = 0 }] }));
        var target = new Sgd<WarmupCosineSchedule>([9, 4], new SgdOptions { Momentum = 0.9, ParameterGroups = [new ParameterGroup(1) { WeightDecay = 0.001 }] });
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => target.LoadCheckpoint(new MemoryStream(saved)));
        Assert.Contains("its group 1 WeightDecay is 0 but this instance's is 0.001", e.Message);

        var noGroups = new Sgd<WarmupCosineSchedule>([9, 4], new SgdOptions { Momentum = 0.9 });
        e = Assert.Throws<InvalidDataException>(() => noGroups.LoadCheckpoint(new MemoryStream(saved)));
        Assert.Contains("group 1 tensors", e.Message);

        var nesterov = new Sgd<WarmupCosineSchedule>([9, 4], new SgdOptions { Momentum = 0.9, Nesterov = true, ParameterGroups = [new ParameterGroup(1) { WeightDecay = 0 }] });
        e = Assert.Throws<InvalidDataException>(() => nesterov.LoadCheckpoint(new MemoryStream(saved)));
        Assert.Contains("its Nesterov is false but this instance's is true", e.Message);

        var clipped = new Sgd<WarmupCosineSchedule>([9, 4], new SgdOptions { Momentum = 0.9, ParameterGroups = [new ParameterGroup(1) { WeightDecay = 0 }], GradientClipping = GradientClipping.ByValue(1) });
        e = Assert.Throws<InvalidDataException>(() => clipped.LoadCheckpoint(new MemoryStream(saved)));
        Assert.Contains("it does not record GradientClipping, which is \"value 1\" in this instance", e.Message);
    }

    [Fact]
    public void The_schedule_identity_is_checked_by_default_with_an_explicit_opt_out()
    {
        var original = new AdamW<WarmupCosineSchedule>(Lengths, new AdamOptions { WeightDecaySchedule = RisingWeightDecay });
        float[] p = RandomTensors(Lengths, 1)[0];
        original.Step(p, RandomTensors(Lengths, 2)[0]);
        byte[] saved = Save(original);

        var otherRate = new AdamW<OtherCosineSchedule>(Lengths, new AdamOptions { WeightDecaySchedule = RisingWeightDecay });
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => otherRate.LoadCheckpoint(new MemoryStream(saved)));
        Assert.Contains("its LearningRate is the schedule \"WarmupCosineSchedule", e.Message);
        Assert.Contains("but this instance's is the schedule \"OtherCosineSchedule", e.Message);
        Assert.Contains("verifyScheduleIdentity: false", e.Message);
        otherRate.LoadCheckpoint(new MemoryStream(saved), verifyScheduleIdentity: false);
        Assert.Equal(1, otherRate.StepCount);

        // Same name, other values: the hash of the values tells them apart.
        var otherDecay = new AdamW<WarmupCosineSchedule>(Lengths, new AdamOptions { WeightDecaySchedule = new DelegateSchedule("rising weight decay", k => 0.02 + 1e-3 * k) });
        e = Assert.Throws<InvalidDataException>(() => otherDecay.LoadCheckpoint(new MemoryStream(saved)));
        Assert.Contains("its WeightDecay is the schedule \"rising weight decay (peak 0.01,", e.Message);
        Assert.Contains("this instance's is the schedule \"rising weight decay (peak 0.02,", e.Message);

        // A constant where the checkpoint has a schedule is a different setting even with the opt-out.
        var constant = new AdamW<WarmupCosineSchedule>(Lengths, new AdamOptions { WeightDecay = 0.01 });
        e = Assert.Throws<InvalidDataException>(() => constant.LoadCheckpoint(new MemoryStream(saved), verifyScheduleIdentity: false));
        Assert.Contains("its WeightDecay is the schedule", e.Message);
        Assert.Contains("this instance's is 0.01", e.Message);
    }

    private static byte[] Save(Optimizer optimizer)
    {
        using var stream = new MemoryStream();
        optimizer.SaveCheckpoint(stream);
        return stream.ToArray();
    }
}
