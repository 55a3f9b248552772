using System;
using System.Linq;

using ScheduleDsl.Optimizers;
using ScheduleDsl.Training;
using TorchSharp;
using TorchSharp.Modules;

using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ScheduleDsl.TorchSharp.Digits;

/// <summary>The length of a run.</summary>
public static class DigitsRun
{
    /// <summary>Examples per mini-batch.</summary>
    public const int BatchSize = 32;

    /// <summary>Optimizer updates per epoch: ⌈1,438 / 32⌉ = 45, one pass over the training split.</summary>
    public const int StepsPerEpoch = 45;

    /// <summary>Epochs per run.</summary>
    public const int Epochs = 10;

    /// <summary>Updates per run.</summary>
    public const int TotalSteps = Epochs * StepsPerEpoch;
}

/// <summary>One-cycle to 0.01 and back; β₁ (momentum) cycles 0.95 → 0.85 → 0.95 against it, as in PyTorch's OneCycleLR.</summary>
[LearningRate(0.01)]
[OneCycle(DigitsRun.TotalSteps)]
public partial struct DigitsSchedule;

/// <summary>What a run ends with.</summary>
/// <param name="TrainLoss">The mean cross-entropy over the training set after the run.</param>
/// <param name="TestAccuracy">The share of test images classified correctly.</param>
/// <param name="NextLearningRate">The rate the next update would use, as the optimizer holds it.</param>
/// <param name="NextBeta1">The β₁ the next update would use.</param>
public sealed record RunResult(double TrainLoss, double TestAccuracy, double NextLearningRate, double NextBeta1);

/// <summary>A 64-64-10 network on the UCI digits, trained with TorchSharp's AdamW under ScheduleLR, or with ScheduleDsl's AdamW over the same tensors.</summary>
public sealed class DigitsTraining
{
    private readonly Dataset _train;
    private readonly Tensor _trainX;
    private readonly Tensor _trainY;
    private readonly Tensor _testX;
    private readonly Tensor _testY;
    private readonly int[][] _epochOrders;

    /// <summary>Loads the embedded digits and splits them 80/20, stratified by <paramref name="seed"/>.</summary>
    /// <param name="seed">The split and shuffle seed.</param>
    public DigitsTraining(ulong seed = 1)
    {
        (Dataset train, Dataset test) = DigitsCsv.Load().StratifiedSplit(0.2, seed);
        _train = train;
        (_trainX, _trainY) = Tensors(train);
        (_testX, _testY) = Tensors(test);
        var rng = new SplitMix64(seed + 1);
        _epochOrders = new int[DigitsRun.Epochs][];
        for (int e = 0; e < DigitsRun.Epochs; e++)
        {
            _epochOrders[e] = Enumerable.Range(0, train.Count).ToArray();
            rng.Shuffle(_epochOrders[e]);
        }
    }

    /// <summary>The training images.</summary>
    public int TrainCount => _train.Count;

    /// <summary>The test images.</summary>
    public int TestCount => (int)_testY.shape[0];

    /// <summary>The same network, initialised the same way, for every run.</summary>
    public static Sequential NewModel()
    {
        manual_seed(42);
        return Sequential(Linear(64, 64), ReLU(), Linear(64, 10));
    }

    /// <summary>TorchSharp's AdamW; ScheduleLR sets its learning rate and β₁ from <see cref="DigitsSchedule"/>.</summary>
    /// <param name="steps">The number of updates (at most <see cref="DigitsRun.TotalSteps"/>).</param>
    /// <returns>The losses and accuracy after the run.</returns>
    public RunResult TrainWithTorchSharpAdamW(int steps = DigitsRun.TotalSteps)
    {
        using Sequential model = NewModel();
        #region README: TorchSharp optimizer
        using var optimizer = optim.AdamW(model.parameters(), weight_decay: 0.01);
        var scheduler = ScheduleLR.For<DigitsSchedule>(optimizer);    // sets lr and β₁ of update 0
        for (long step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            (Tensor x, Tensor y) = Batch(step);
            Tensor loss = functional.cross_entropy(model.forward(x), y);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            scheduler.step();                                          // lr and β₁ of the next update
        }
        #endregion

        var (beta1, _) = ((optim.IBetas)optimizer.ParamGroups.Single()).Betas;
        return Evaluate(model, scheduler.get_last_lr().Single(), beta1);
    }

    /// <summary>ScheduleDsl's AdamW over the model's TorchSharp tensors, in place; it reads <see cref="DigitsSchedule"/> itself.</summary>
    /// <param name="steps">The number of updates (at most <see cref="DigitsRun.TotalSteps"/>).</param>
    /// <returns>The losses and accuracy after the run.</returns>
    public RunResult TrainWithScheduleDslAdamW(int steps = DigitsRun.TotalSteps)
    {
        using Sequential model = NewModel();
        #region README: ScheduleDsl optimizer
        var parameters = new TorchParameters(model.parameters());
        var optimizer = new AdamW<DigitsSchedule>(parameters.TensorLengths, new AdamOptions { WeightDecay = 0.01 });
        for (long step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            (Tensor x, Tensor y) = Batch(step);
            Tensor loss = functional.cross_entropy(model.forward(x), y);
            model.zero_grad();
            loss.backward();
            optimizer.Step(parameters);        // update `step` in place: lr and β₁ from DigitsSchedule
        }
        #endregion

        return Evaluate(model, DigitsSchedule.At(optimizer.StepCount), DigitsSchedule.MomentumAt(optimizer.StepCount));
    }

    private static (Tensor X, Tensor Y) Tensors(Dataset set)
        => (tensor(set.Features, [set.Count, set.FeatureCount]), tensor(set.Labels.Select(l => (long)l).ToArray()));

    /// <summary>The mini-batch of update <paramref name="step"/>: a slice of its epoch's shuffled order.</summary>
    private (Tensor X, Tensor Y) Batch(long step)
    {
        int[] order = _epochOrders[(int)(step / DigitsRun.StepsPerEpoch) % DigitsRun.Epochs];
        int first = (int)(step % DigitsRun.StepsPerEpoch) * DigitsRun.BatchSize;
        int count = Math.Min(DigitsRun.BatchSize, order.Length - first);
        using Tensor rows = tensor(order.AsSpan(first, count).ToArray().Select(i => (long)i).ToArray());
        return (_trainX.index_select(0, rows), _trainY.index_select(0, rows));
    }

    private RunResult Evaluate(Sequential model, double nextRate, double nextBeta1)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        double trainLoss = functional.cross_entropy(model.forward(_trainX), _trainY).item<float>();
        long correct = model.forward(_testX).argmax(1).eq(_testY).sum().item<long>();
        return new RunResult(trainLoss, (double)correct / TestCount, nextRate, nextBeta1);
    }
}
