using System;
using System.Collections.Generic;
using ScheduleDsl.Optimizers;
using ScheduleDsl.Text;

namespace ScheduleDsl.Training;

/// <summary>The schedules the sample compares.</summary>
public enum ScheduleKind
{
    /// <summary><see cref="ConstantRate"/>.</summary>
    Constant,

    /// <summary><see cref="StepDecayRate"/>.</summary>
    StepDecay,

    /// <summary><see cref="CosineRate"/>.</summary>
    Cosine,

    /// <summary><see cref="WarmupCosineRate"/>.</summary>
    WarmupCosine,

    /// <summary><see cref="OneCycleRate"/>.</summary>
    OneCycle,

    /// <summary><see cref="ReduceOnPlateau"/> from the peak, driven by each epoch's mean training loss.</summary>
    ReduceOnPlateau,

    /// <summary>A run-time <see cref="Schedule"/> given as text (<c>--schedule</c>); <see cref="RunResult.Label"/> is its text.</summary>
    Text,
}

/// <summary>What one training run produced.</summary>
/// <param name="Kind">The schedule.</param>
/// <param name="LearningRates">The rate of every update.</param>
/// <param name="EpochTrainLoss">The mean mini-batch loss of each epoch (measured while training).</param>
/// <param name="TrainLoss">The final loss over the whole training set.</param>
/// <param name="TestLoss">The final loss over the test set.</param>
/// <param name="TestAccuracy">The final test accuracy.</param>
/// <param name="Reductions">The number of plateau reductions (0 for the closed-form schedules).</param>
/// <param name="Label">The schedule's name in tables and legends: the kind, or a text schedule's text.</param>
public sealed record RunResult(
    ScheduleKind Kind,
    double[] LearningRates,
    double[] EpochTrainLoss,
    double TrainLoss,
    double TestLoss,
    double TestAccuracy,
    int Reductions,
    string? Label = null)
{
    /// <summary>The schedule's name in tables and legends.</summary>
    public string Name => Label ?? Kind.ToString();
}

/// <summary>Settings of a training run.</summary>
public sealed record TrainingOptions
{
    /// <summary>The seed of the weights and the batch order.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Hidden units.</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>Epochs to run (at most <see cref="RunLength.Epochs"/>, the length the schedules are declared for).</summary>
    public int Epochs { get; init; } = RunLength.Epochs;

    /// <summary>SGD momentum (one-cycle replaces it with its own co-schedule).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>
    /// Reduce-on-plateau settings: halve the rate after 2 epochs whose training loss is not 5 % below the best.
    /// </summary>
    public PlateauOptions Plateau { get; init; } = new() { Factor = 0.5, Patience = 2, Threshold = 0.05 };
}

/// <summary>Trains the <see cref="Mlp"/> with SGD and momentum, once per schedule.</summary>
public static class Trainer
{
    /// <summary>Trains one network with one schedule.</summary>
    /// <param name="kind">The schedule.</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set.</param>
    /// <param name="options">The settings.</param>
    /// <param name="epochDone">Called after each epoch with (epoch, its mean loss, the rate of its last update).</param>
    /// <returns>The curves and final metrics.</returns>
    public static RunResult Train(ScheduleKind kind, Dataset train, Dataset test, TrainingOptions options, Action<int, double, double>? epochDone = null)
        => kind switch
        {
            ScheduleKind.Constant => Train<ConstantRate>(kind, train, test, options, null, epochDone),
            ScheduleKind.StepDecay => Train<StepDecayRate>(kind, train, test, options, null, epochDone),
            ScheduleKind.Cosine => Train<CosineRate>(kind, train, test, options, null, epochDone),
            ScheduleKind.WarmupCosine => Train<WarmupCosineRate>(kind, train, test, options, null, epochDone),
            ScheduleKind.OneCycle => Train<OneCycleRate>(kind, train, test, options, null, epochDone),
            ScheduleKind.ReduceOnPlateau => Train<ConstantRate>(kind, train, test, options, new ReduceOnPlateau(RunLength.Peak, options.Plateau), epochDone),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown schedule (a text schedule is trained by the overload that takes it)."),
        };

    /// <summary>
    /// Trains one network with a run-time schedule, e.g. from <c>--schedule</c>: each update uses
    /// <c>schedule.At(step)</c> as its rate, and a co-scheduled momentum (one-cycle) replaces SGD's.
    /// </summary>
    /// <param name="schedule">The schedule, bound to the run (<see cref="RunFor"/>).</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set.</param>
    /// <param name="options">The settings; any number of epochs.</param>
    /// <param name="epochDone">Called after each epoch with (epoch, its mean loss, the rate of its last update).</param>
    /// <returns>The curves and final metrics, labelled with the schedule's text.</returns>
    public static RunResult Train(Schedule schedule, Dataset train, Dataset test, TrainingOptions options, Action<int, double, double>? epochDone = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return Train<ConstantRate>(ScheduleKind.Text, train, test, options, null, epochDone, schedule);
    }

    /// <summary>The training run of <paramref name="epochs"/> epochs of <see cref="RunLength.StepsPerEpoch"/> updates, which text lengths such as <c>"3 epochs"</c> or <c>"rest"</c> are resolved in.</summary>
    /// <param name="epochs">The epochs the run trains.</param>
    /// <returns>The run.</returns>
    public static TrainingRun RunFor(int epochs) => TrainingRun.FromEpochs(epochs, RunLength.StepsPerEpoch);

    /// <summary>
    /// The loop: <see cref="RunLength.StepsPerEpoch"/> mini-batches per epoch from a running shuffled pass over the training
    /// set, one <see cref="Sgd{TSchedule}"/> update each. With a plateau rule, every update uses its current rate
    /// (<c>Step(…, learningRate)</c>) and the epoch's mean loss is reported to it after the epoch.
    /// </summary>
    private static RunResult Train<TSchedule>(
        ScheduleKind kind, Dataset train, Dataset test, TrainingOptions options, ReduceOnPlateau? plateau, Action<int, double, double>? epochDone, Schedule? runtime = null)
        where TSchedule : ISchedule
    {
        if (options.Epochs < 1 || (runtime is null && options.Epochs > RunLength.Epochs))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, $"Epochs must lie in 1..{RunLength.Epochs} (the schedules are declared for {RunLength.Epochs}).");
        }

        var rng = new SplitMix64(options.Seed);
        var model = new Mlp(train.FeatureCount, options.Hidden, train.ClassCount, rng);
        var optimizer = new Sgd<TSchedule>(model.TensorLengths, new SgdOptions { Momentum = options.Momentum, MomentumSchedule = runtime?.Momentum, MaxDegreeOfParallelism = 1 });
        Memory<float>[] parameters = Array.ConvertAll(model.Parameters, p => p.AsMemory());
        ReadOnlyMemory<float>[] gradients = Array.ConvertAll(model.Gradients, g => (ReadOnlyMemory<float>)g.AsMemory());

        var order = new int[train.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        rng.Shuffle(order);
        int cursor = 0;
        var batch = new int[RunLength.BatchSize];
        var rates = new List<double>(options.Epochs * RunLength.StepsPerEpoch);
        var epochLoss = new double[options.Epochs];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            double sum = 0;
            double rate = 0;
            for (int s = 0; s < RunLength.StepsPerEpoch; s++)
            {
                for (int b = 0; b < batch.Length; b++)
                {
                    if (cursor == order.Length)
                    {
                        rng.Shuffle(order);
                        cursor = 0;
                    }

                    batch[b] = order[cursor++];
                }

                sum += model.Backward(train, batch);
                if (runtime is not null)
                {
                    rate = runtime.At(optimizer.StepCount);
                    optimizer.Step(parameters, gradients, rate);
                }
                else if (plateau is null)
                {
                    rate = optimizer.LearningRate;
                    optimizer.Step(parameters, gradients);
                }
                else
                {
                    rate = plateau.LearningRate;
                    optimizer.Step(parameters, gradients, rate);
                }

                rates.Add(rate);
            }

            epochLoss[epoch] = sum / RunLength.StepsPerEpoch;
            plateau?.Report(epochLoss[epoch]);
            epochDone?.Invoke(epoch + 1, epochLoss[epoch], rate);
        }

        (double trainLoss, _) = model.Evaluate(train);
        (double testLoss, double testAccuracy) = model.Evaluate(test);
        return new RunResult(kind, rates.ToArray(), epochLoss, trainLoss, testLoss, testAccuracy, (int)(plateau?.State.ReductionCount ?? 0), runtime?.Text.ToString());
    }
}
