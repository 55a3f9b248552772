using System;
using System.Linq;

using ScheduleDsl.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;

using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ScheduleDsl.TorchSharp.Tests;

public sealed class OptimizerBridgeTests
{
    private static float[] Values(Tensor tensor) => tensor.data<float>().ToArray();

    private static (Sequential Model, Tensor Input, Tensor Target) NewModel(int seed)
    {
        manual_seed(seed);
        var model = Sequential(Linear(6, 5), Tanh(), Linear(5, 2));
        return (model, randn(16, 6), randn(16, 2));
    }

    private static void Backward(Sequential model, Tensor input, Tensor target)
    {
        model.zero_grad();
        using Tensor loss = functional.mse_loss(model.forward(input), target);
        loss.backward();
    }

    /// <summary>
    /// Trains a real TorchSharp model with one optimizer from <paramref name="create"/> through the bridge while a
    /// twin steps .NET arrays holding the same values with the same gradients, both with the schedule's rate or the
    /// explicit <paramref name="rate"/>; after every step the tensors must hold exactly the arrays' bits.
    /// </summary>
    private static void AssertBitIdentical(Func<int[], Optimizer> create, double? rate = null, int steps = 6)
    {
        var (model, input, target) = NewModel(11);
        var parameters = new TorchParameters(model.parameters());
        float[][] arrays = parameters.Tensors.Select(Values).ToArray();
        Optimizer onTensors = create(parameters.TensorLengths.ToArray());
        Optimizer onArrays = create(parameters.TensorLengths.ToArray());
        for (int step = 0; step < steps; step++)
        {
            Backward(model, input, target);
            float[][] gradients = parameters.Tensors.Select(p => Values(p.grad!)).ToArray();
            Memory<float>[] arrayParameters = arrays.Select(p => (Memory<float>)p).ToArray();
            ReadOnlyMemory<float>[] arrayGradients = gradients.Select(g => (ReadOnlyMemory<float>)g).ToArray();
            if (rate is double explicitRate)
            {
                Assert.Equal(StepResult.Applied, onTensors.Step(parameters, explicitRate));
                Assert.Equal(StepResult.Applied, onArrays.Step(arrayParameters, arrayGradients, explicitRate));
            }
            else
            {
                Assert.Equal(StepResult.Applied, onTensors.Step(parameters));
                Assert.Equal(StepResult.Applied, onArrays.Step(arrayParameters, arrayGradients));
            }
            for (int t = 0; t < arrays.Length; t++)
            {
                Assert.Equal(arrays[t], Values(parameters.Tensors[t]));
            }
        }

        Assert.Equal(steps, onTensors.StepCount);
        Assert.NotEqual(arrays[0], Values(NewModel(11).Model.parameters().First()));
    }

    [Fact]
    public void AdamWOnTensorsIsBitIdenticalToTheSpanPath()
        => AssertBitIdentical(lengths => new AdamW<OptimizerRate>(lengths, new AdamOptions { MaxDegreeOfParallelism = 1 }));

    [Fact]
    public void SgdNesterovOnTensorsIsBitIdenticalToTheSpanPath()
        => AssertBitIdentical(
            lengths => new Sgd<OptimizerRate>(lengths, new SgdOptions { Momentum = 0.9, Nesterov = true, WeightDecay = 1e-3, MaxDegreeOfParallelism = 1 }));

    [Fact]
    public void AnExplicitRateIsBitIdenticalToTheSpanPath()
        => AssertBitIdentical(
            lengths => new Adam<OptimizerRate>(lengths, new AdamOptions { AmsGrad = true, MaxDegreeOfParallelism = 1 }),
            rate: 0.003);

    [Fact]
    public void ThreadedStepOnLargeTensorsIsBitIdenticalToTheSingleSpanPath()
    {
        // Three chunks of Optimizer.ChunkLength and a tail, so two threads share the work.
        int length = (3 * Optimizer.ChunkLength) + 1234;
        manual_seed(5);
        using var weights = new Parameter(randn(length));
        float[] array = Values(weights);
        var parameters = new TorchParameters([weights]);
        var threaded = new AdamW<OptimizerRate>(parameters.TensorLengths, new AdamOptions { MaxDegreeOfParallelism = 2, ParallelThreshold = 0 });
        var single = new AdamW<OptimizerRate>(parameters.TensorLengths, new AdamOptions { MaxDegreeOfParallelism = 1 });
        Assert.True(threaded.IsThreaded);
        for (int step = 0; step < 4; step++)
        {
            weights.grad = randn(length) * 0.01f;
            float[] gradient = Values(weights.grad!);
            threaded.Step(parameters);
            single.Step(array, gradient);
            Assert.Equal(array, Values(weights));
        }
    }

    [Fact]
    public void TheTensorIsUpdatedInPlace()
    {
        using var weights = new Parameter(ones(8));
        IntPtr before = weights.storage<float>().data_ptr();
        using Tensor alias = weights.detach();
        var parameters = new TorchParameters([weights]);
        var optimizer = new Sgd<OptimizerRate>(parameters.TensorLengths);
        weights.grad = full(8, 2f);
        optimizer.Step(parameters);

        // SGD without momentum: p − lr·g with lr = OptimizerRate.At(0) = 0.01/3 (warmup start factor 1/(W+1)).
        float expected = 1f - (float)(0.01 / 3) * 2f;
        Assert.Equal(Enumerable.Repeat(expected, 8).ToArray(), Values(alias));
        Assert.Equal(before, weights.storage<float>().data_ptr());
    }

    [Fact]
    public void MatchesTorchSharpsAdamWDrivenByScheduleLR()
    {
        // The same rate on both sides: TorchSharp's AdamW under ScheduleLR (rate set before each step), ScheduleDsl's
        // AdamW reading the schedule itself. Different arithmetic (TorchSharp composes tensor ops), so to rounding.
        manual_seed(3);
        using var init = randn(300);
        using var theirs = new Parameter(init.clone());
        using var ours = new Parameter(init.clone());
        using var torchAdamW = optim.AdamW([theirs], lr: 1, weight_decay: 0.01);
        var scheduler = ScheduleLR.For<OptimizerRate>(torchAdamW);
        var parameters = new TorchParameters([ours]);
        var adamW = new AdamW<OptimizerRate>(parameters.TensorLengths, new AdamOptions { WeightDecay = 0.01 });
        for (int step = 0; step < 10; step++)
        {
            using Tensor gradient = randn(300);
            theirs.grad = gradient.clone();
            ours.grad = gradient.clone();
            torchAdamW.step();
            scheduler.step();
            adamW.Step(parameters);
        }

        float[] expected = Values(theirs);
        float[] actual = Values(ours);
        Assert.NotEqual(Values(init), actual);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-5f);
        }
    }

    [Fact]
    public void AParameterWithoutAGradientIsAnErrorAndChangesNothing()
    {
        using var a = new Parameter(ones(4));
        using var b = new Parameter(ones(3));
        a.grad = ones(4);
        var parameters = new TorchParameters([a, b]);
        var optimizer = new Sgd<OptimizerRate>(parameters.TensorLengths);
        var e = Assert.Throws<InvalidOperationException>(() => optimizer.Step(parameters));
        Assert.Contains("Parameter 1 has no gradient", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, optimizer.StepCount);
        Assert.Equal([1f, 1f, 1f, 1f], Values(a));
    }

    [Fact]
    public void NonFloat32NonContiguousNonCpuAndSparseTensorsAreRejected()
    {
        using var doubles = zeros(4, dtype: ScalarType.Float64);
        Assert.Contains("float32", Assert.Throws<ArgumentException>(() => new TorchParameters([doubles])).Message, StringComparison.Ordinal);

        using var matrix = zeros(3, 4);
        using var transposed = matrix.t();
        Assert.Contains("not contiguous", Assert.Throws<ArgumentException>(() => new TorchParameters([transposed])).Message, StringComparison.Ordinal);

        using var meta = empty(4, device: new Device(DeviceType.META));
        Assert.Contains("CPU", Assert.Throws<ArgumentException>(() => new TorchParameters([meta])).Message, StringComparison.Ordinal);

        using var sparse = sparse_coo_tensor(zeros(1, 1, dtype: ScalarType.Int64), ones(1), [4]);
        Assert.Contains("sparse", Assert.Throws<ArgumentException>(() => new TorchParameters([sparse])).Message, StringComparison.Ordinal);

        using var twice = ones(2);
        Assert.Contains("share memory", Assert.Throws<ArgumentException>(() => new TorchParameters([twice, twice])).Message, StringComparison.Ordinal);
        using var whole = zeros(8);
        using var first = whole.narrow(0, 0, 4);
        using var overlapping = whole.narrow(0, 3, 4);
        using var disjoint = whole.narrow(0, 4, 4);
        Assert.Contains("Parameters 0 and 1 share memory", Assert.Throws<ArgumentException>(() => new TorchParameters([first, overlapping])).Message, StringComparison.Ordinal);
        Assert.Equal(2, new TorchParameters([first, disjoint]).Count);
    }

    [Fact]
    public void ANonContiguousGradientIsRejectedAtTheStepAndChangesNothing()
    {
        using var weights = new Parameter(ones(3, 4));
        var parameters = new TorchParameters([weights]);
        var optimizer = new Sgd<OptimizerRate>(parameters.TensorLengths);
        using var strided = zeros(4, 3);
        weights.grad = strided.t();
        var e = Assert.Throws<ArgumentException>(() => optimizer.Step(parameters));
        Assert.Contains("The gradient of parameter 0 is not contiguous", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, optimizer.StepCount);
        Assert.All(Values(weights), v => Assert.Equal(1f, v));
    }
}
