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

    /// <summary>A compiled schedule chosen by name (<c>--schedule &lt;Name&gt;</c>); <see cref="RunResult.Label"/> is its name.</summary>
    Named,
}

/// <summary>What one training run produced.</summary>
/// <param name="Kind">The schedule.</param>
/// <param name="LearningRates">The rate of every update.</param>
/// <param name="EpochTrainLoss">The mean mini-batch loss of each epoch (measured while training).</param>
/// <param name="TrainLoss">The final loss over the whole training set.</param>
/// <param name="TestLoss">The final loss over the test set.</param>
/// <param name="TestAccuracy">The final test accuracy.</param>
/// <param name="Reductions">The number of plateau reductions (0 for the closed-form schedules).</param>
/// <param name="Label">The schedule's name in tables and legends: the kind, a text schedule's text, or a compiled schedule's name.</param>
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

    /// <summary>Epochs to run: the length of the run the schedules are bound to.</summary>
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
    /// <summary>The schedule of a built-in kind, bound to a run of <paramref name="epochs"/> epochs.</summary>
    /// <param name="kind">A closed-form kind (not <see cref="ScheduleKind.ReduceOnPlateau"/>, <see cref="ScheduleKind.Text"/> or <see cref="ScheduleKind.Named"/>).</param>
    /// <param name="epochs">The epochs the run trains.</param>
    /// <returns>The schedule.</returns>
    public static IScheduleFunction ScheduleOf(ScheduleKind kind, int epochs)
    {
        TrainingRun run = RunFor(epochs);
        return kind switch
        {
            ScheduleKind.Constant => new CompiledSchedule<ConstantRate>(),
            ScheduleKind.StepDecay => StepDecayRate.Bind(run),
            ScheduleKind.Cosine => CosineRate.Bind(run),
            ScheduleKind.WarmupCosine => WarmupCosineRate.Bind(run),
            ScheduleKind.OneCycle => OneCycleRate.Bind(run),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a closed-form built-in schedule."),
        };
    }

    /// <summary>Trains one network with one built-in schedule, bound to the run's <see cref="TrainingOptions.Epochs"/>.</summary>
    /// <param name="kind">The schedule.</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set.</param>
    /// <param name="options">The settings.</param>
    /// <param name="epochDone">Called after each epoch with (epoch, its mean loss, the rate of its last update).</param>
    /// <returns>The curves and final metrics.</returns>
    public static RunResult Train(ScheduleKind kind, Dataset train, Dataset test, TrainingOptions options, Action<int, double, double>? epochDone = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return kind switch
        {
            ScheduleKind.ReduceOnPlateau => Train(kind, new CompiledSchedule<ConstantRate>(), null, train, test, options, new ReduceOnPlateau(RunLength.Peak, options.Plateau), epochDone),
            ScheduleKind.Text or ScheduleKind.Named => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A text or named schedule is trained by the overloads that take it."),
            _ => Train(kind, ScheduleOf(kind, CheckEpochs(options)), null, train, test, options, null, epochDone),
        };
    }

    /// <summary>
    /// Trains one network with a run-time schedule, e.g. from <c>--schedule "[…]"</c>: each update uses
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
        return Train(ScheduleKind.Text, schedule, schedule.Text.ToString(), train, test, options, null, epochDone);
    }

    /// <summary>Trains one network with a compiled schedule chosen by name (<c>--schedule &lt;Name&gt;</c>, through <c>CompiledSchedules</c>).</summary>
    /// <param name="name">The name, for tables and legends.</param>
    /// <param name="schedule">The schedule, bound to the run when it takes lengths from it.</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set.</param>
    /// <param name="options">The settings.</param>
    /// <param name="epochDone">Called after each epoch with (epoch, its mean loss, the rate of its last update).</param>
    /// <returns>The curves and final metrics, labelled with the name.</returns>
    public static RunResult Train(string name, IScheduleFunction schedule, Dataset train, Dataset test, TrainingOptions options, Action<int, double, double>? epochDone = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(schedule);
        return Train(ScheduleKind.Named, schedule, name, train, test, options, null, epochDone);
    }

    /// <summary>The training run of <paramref name="epochs"/> epochs of <see cref="RunLength.StepsPerEpoch"/> updates, which lengths such as <c>"3 epochs"</c>, <c>"10%"</c> or <c>"rest"</c> are resolved in.</summary>
    /// <param name="epochs">The epochs the run trains.</param>
    /// <returns>The run.</returns>
    public static TrainingRun RunFor(int epochs) => TrainingRun.FromEpochs(epochs, RunLength.StepsPerEpoch);

    private static int CheckEpochs(TrainingOptions options)
        => options.Epochs >= 1 ? options.Epochs : throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "Epochs must be at least 1.");

    /// <summary>
    /// The loop: <see cref="RunLength.StepsPerEpoch"/> mini-batches per epoch from a running shuffled pass over the training
    /// set, one SGD update each at the schedule's rate for the step (<c>Step(…, learningRate)</c>), or with a plateau
    /// rule at its current rate, the epoch's mean loss reported to it after the epoch. A schedule that co-schedules
    /// momentum (one-cycle) gives SGD's momentum through <see cref="SgdOptions.MomentumSchedule"/>.
    /// </summary>
    private static RunResult Train(
        ScheduleKind kind, IScheduleFunction schedule, string? label, Dataset train, Dataset test, TrainingOptions options, ReduceOnPlateau? plateau, Action<int, double, double>? epochDone)
    {
        CheckEpochs(options);
        var rng = new SplitMix64(options.Seed);
        var model = new Mlp(train.FeatureCount, options.Hidden, train.ClassCount, rng);

        // Every update passes its rate, so the optimizer's own schedule type (the constant peak) is never consulted.
        var optimizer = new Sgd<ConstantRate>(model.TensorLengths, new SgdOptions
        {
            Momentum = options.Momentum,
            MomentumSchedule = schedule.HasMomentum ? new MomentumOf(schedule) : null,
            MaxDegreeOfParallelism = 1,
        });
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
                rate = plateau?.LearningRate ?? schedule.At(optimizer.StepCount);
                optimizer.Step(parameters, gradients, rate);
                rates.Add(rate);
            }

            epochLoss[epoch] = sum / RunLength.StepsPerEpoch;
            plateau?.Report(epochLoss[epoch]);
            epochDone?.Invoke(epoch + 1, epochLoss[epoch], rate);
        }

        (double trainLoss, _) = model.Evaluate(train);
        (double testLoss, double testAccuracy) = model.Evaluate(test);
        return new RunResult(kind, rates.ToArray(), epochLoss, trainLoss, testLoss, testAccuracy, (int)(plateau?.State.ReductionCount ?? 0), label);
    }

    /// <summary>A schedule's momentum co-schedule as a schedule of its own, for <see cref="SgdOptions.MomentumSchedule"/>.</summary>
    private sealed class MomentumOf(IScheduleFunction schedule) : IScheduleFunction
    {
        public double PeakLearningRate => schedule.MomentumAt(0);

        public long? TotalSteps => schedule.TotalSteps;

        public bool HasMomentum => false;

        public double At(long step) => schedule.MomentumAt(step);

        public float AtSingle(long step) => (float)schedule.MomentumAt(step);

        public void Fill(Span<float> destination, long firstStep)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = (float)schedule.MomentumAt(firstStep + i);
            }
        }

        public double MomentumAt(long step) => throw new InvalidOperationException("A momentum schedule has no momentum co-schedule of its own.");

        public override string ToString() => $"MomentumAt of {schedule}";
    }
}
