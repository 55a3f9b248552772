using System;
using Xunit;
using static ScheduleDsl.Optimizers.Tests.TestOptimizers;

namespace ScheduleDsl.Optimizers.Tests;

public class InputValidationTests
{
    private static readonly int[] Lengths = [37, 100, 5];

    public static TheoryData<string, NonFiniteGradientPolicy, float, int> NonFiniteCases()
    {
        var data = new TheoryData<string, NonFiniteGradientPolicy, float, int>();
        foreach (string name in TestOptimizers.Names)
        {
            data.Add(name, NonFiniteGradientPolicy.Throw, float.NaN, 1);
            data.Add(name, NonFiniteGradientPolicy.SkipStep, float.PositiveInfinity, 1);
        }

        // Threaded path: the bad value sits at the very end of the big tensor's last chunk.
        data.Add("adam-amsgrad-wd", NonFiniteGradientPolicy.SkipStep, float.NegativeInfinity, 2);
        data.Add("sgd-nesterov-wd", NonFiniteGradientPolicy.Throw, float.NaN, 2);
        return data;
    }

    [Theory]
    [MemberData(nameof(NonFiniteCases))]
    public void A_non_finite_gradient_changes_nothing_under_Throw_and_SkipStep(string name, NonFiniteGradientPolicy policy, float bad, int dop)
    {
        int[] lengths = dop > 1 ? [37, (1 << 20) + 13] : Lengths;
        Optimizer optimizer = Create(name, lengths, policy, maxDegreeOfParallelism: dop);
        Optimizer twin = Create(name, lengths, policy, maxDegreeOfParallelism: dop);
        Assert.Equal(dop > 1, optimizer.IsThreaded);
        float[][] p = RandomTensors(lengths, 3);
        float[][] q = Copy(p);
        float[][] g = RandomTensors(lengths, 4);
        optimizer.Step(AsMemory(p), AsReadOnlyMemory(g));
        twin.Step(AsMemory(q), AsReadOnlyMemory(g));
        byte[] state = Checkpoint(optimizer);
        float[][] parameters = Copy(p);

        float[][] badGradients = RandomTensors(lengths, 5);
        float[] last = badGradients[^1];
        last[^1] = bad; // only the last element of the last tensor: earlier tensors must not have been touched
        if (policy == NonFiniteGradientPolicy.Throw)
        {
            ArgumentException e = Assert.Throws<ArgumentException>(() => optimizer.Step(AsMemory(p), AsReadOnlyMemory(badGradients)));
            Assert.Contains($"Gradient tensor {lengths.Length - 1}", e.Message);
            Assert.Equal(0, optimizer.SkippedStepCount);
        }
        else
        {
            Assert.Equal(StepResult.SkippedNonFiniteGradient, optimizer.Step(AsMemory(p), AsReadOnlyMemory(badGradients)));
            Assert.Equal(1, optimizer.SkippedStepCount);
        }

        Assert.Equal(1, optimizer.StepCount);
        for (int t = 0; t < lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(parameters[t], p[t]));
        }

        // The moments are unchanged: the next good step matches the twin that never saw the bad gradient.
        float[][] next = RandomTensors(lengths, 6);
        Assert.Equal(StepResult.Applied, optimizer.Step(AsMemory(p), AsReadOnlyMemory(next)));
        twin.Step(AsMemory(q), AsReadOnlyMemory(next));
        for (int t = 0; t < lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(p[t], q[t]));
        }

        if (policy == NonFiniteGradientPolicy.Throw)
        {
            Assert.Equal(Checkpoint(twin), Checkpoint(optimizer));
        }

        Assert.NotEqual(state, Checkpoint(optimizer));
    }

    [Fact]
    public void The_single_tensor_span_overload_honours_the_policy_too()
    {
        Optimizer optimizer = Create("adam-amsgrad-wd", [10], NonFiniteGradientPolicy.SkipStep);
        float[] p = RandomTensors([10], 1)[0];
        float[] before = (float[])p.Clone();
        float[] g = new float[10];
        g[3] = float.NaN;
        Assert.Equal(StepResult.SkippedNonFiniteGradient, optimizer.Step(p, g));
        Assert.Equal(-1, FirstBitDifference(before, p));
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void Propagate_lets_a_NaN_through_as_PyTorch_does()
    {
        Optimizer optimizer = Create("sgd-nesterov-wd", [10], NonFiniteGradientPolicy.Propagate);
        float[] p = RandomTensors([10], 1)[0];
        float[] g = new float[10];
        g[3] = float.NaN;
        Assert.Equal(StepResult.Applied, optimizer.Step(p, g));
        Assert.True(float.IsNaN(p[3]));
        Assert.False(float.IsNaN(p[2]));
    }

    public static TheoryData<string> Mismatches => new() { "param-length", "grad-length", "tensor-count", "span-on-multi", "overlap" };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void Mismatched_shapes_are_rejected_before_any_state_changes(string mismatch)
    {
        Optimizer optimizer = Create("rmsprop-centered-momentum", Lengths);
        float[][] p = RandomTensors(Lengths, 1);
        optimizer.Step(AsMemory(p), AsReadOnlyMemory(RandomTensors(Lengths, 2)));
        byte[] state = Checkpoint(optimizer);
        float[][] parameters = Copy(p);
        float[][] g = RandomTensors(Lengths, 3);

        Memory<float>[] pm = AsMemory(p);
        ReadOnlyMemory<float>[] gm = AsReadOnlyMemory(g);
        Action step = mismatch switch
        {
            "param-length" => () => { pm[1] = p[1].AsMemory(0, 99); optimizer.Step(pm, gm); },
            "grad-length" => () => { gm[2] = new float[6]; optimizer.Step(pm, gm); },
            "tensor-count" => () => optimizer.Step(pm[..2], gm[..2]),
            "span-on-multi" => () => optimizer.Step(p[0], g[0]),
            "overlap" => () => { gm[0] = p[0]; optimizer.Step(pm, gm); },
            _ => throw new ArgumentOutOfRangeException(nameof(mismatch)),
        };

        ArgumentException e = Assert.Throws<ArgumentException>(step);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.Equal(state, Checkpoint(optimizer));
        for (int t = 0; t < Lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(parameters[t], p[t]));
        }
    }

    [Fact]
    public void Invalid_hyperparameters_are_rejected_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<Constant<Rate0_01>>([1], new AdamOptions { Beta1 = 1.0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<Constant<Rate0_01>>([1], new SgdOptions { Momentum = -0.1 }));
        Assert.Throws<ArgumentException>(() => new Sgd<Constant<Rate0_01>>([1], new SgdOptions { Nesterov = true }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad<Constant<Rate0_01>>([1], new AdagradOptions { MaxDegreeOfParallelism = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp<Constant<Rate0_01>>([-1]));
    }
}
