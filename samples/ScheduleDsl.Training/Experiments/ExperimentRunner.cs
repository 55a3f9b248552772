using System;
using ScheduleDsl.Optimizers;

namespace ScheduleDsl.Training;

/// <summary>What one experiment run recorded.</summary>
/// <param name="Name">The run's label.</param>
/// <param name="Seed">The seed of weights, order and shifts.</param>
/// <param name="Rates">The rate of every update.</param>
/// <param name="Momentum">The momentum of every update (0 for plain SGD).</param>
/// <param name="Losses">The mini-batch loss of every update, measured before it (NaN after a divergence).</param>
/// <param name="DivergedAt">The first update whose loss or gradient was not finite, or −1.</param>
/// <param name="TrainLoss">The final cross-entropy over the whole (unshifted) training set.</param>
/// <param name="TestLoss">The final cross-entropy over the test set.</param>
/// <param name="TestAccuracy">The final test accuracy.</param>
public sealed record RunTrace(string Name, ulong Seed, double[] Rates, double[] Momentum, double[] Losses, int DivergedAt,
    double TrainLoss, double TestLoss, double TestAccuracy)
{
    /// <summary>Whether the run diverged.</summary>
    public bool Diverged => DivergedAt >= 0;

    /// <summary>The mean mini-batch loss of each epoch of <paramref name="stepsPerEpoch"/> updates.</summary>
    /// <param name="stepsPerEpoch">Updates per epoch.</param>
    /// <returns>One value per epoch.</returns>
    public double[] EpochLosses(int stepsPerEpoch)
    {
        var epochs = new double[Losses.Length / stepsPerEpoch];
        for (int e = 0; e < epochs.Length; e++)
        {
            double sum = 0;
            for (int s = 0; s < stepsPerEpoch; s++)
            {
                sum += Losses[(e * stepsPerEpoch) + s];
            }

            epochs[e] = sum / stepsPerEpoch;
        }

        return epochs;
    }
}

/// <summary>How to train: the model, batches, optimizer settings and length.</summary>
/// <param name="CreateModel">Builds the model from the run's generator.</param>
/// <param name="BatchSize">Examples per update.</param>
/// <param name="Shift">Whether batches are shifted by up to one pixel.</param>
/// <param name="Momentum">SGD momentum (replaced by the schedule's co-schedule where it has one).</param>
/// <param name="StepsPerEpoch">Updates per epoch.</param>
/// <param name="Steps">Updates per run.</param>
public sealed record TrainingSetup(Func<SplitMix64, IModel> CreateModel, int BatchSize, bool Shift, double Momentum, int StepsPerEpoch, int Steps);

/// <summary>Runs the experiments' training loops.</summary>
public static class ExperimentRunner
{
    /// <summary>
    /// Trains with the compiled schedule <typeparamref name="TSchedule"/> scaled by <paramref name="peak"/>: update k uses
    /// peak × <c>TSchedule.At(k)</c> and the schedule's momentum co-schedule, if any. With <paramref name="adaptive"/>,
    /// the rate is that rule's instead and each epoch's mean loss is reported to it.
    /// </summary>
    /// <typeparam name="TSchedule">The schedule's shape.</typeparam>
    /// <param name="name">The run's label.</param>
    /// <param name="setup">The training settings.</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="peak">The factor of the schedule's rates.</param>
    /// <param name="adaptive">scikit-learn's 'adaptive' rule in place of the schedule, or <see langword="null"/>.</param>
    /// <returns>The trace.</returns>
    public static RunTrace Train<TSchedule>(string name, TrainingSetup setup, Dataset train, Dataset test, ulong seed, double peak,
        AdaptiveLearningRate? adaptive = null)
        where TSchedule : ISchedule
    {
        ArgumentNullException.ThrowIfNull(setup);
        var schedule = new CompiledSchedule<TSchedule>();
        (IModel model, BatchStream batches, Sgd<TSchedule> optimizer, Memory<float>[] parameters, ReadOnlyMemory<float>[] gradients)
            = Start<TSchedule>(setup, train, seed);

        var rates = new double[setup.Steps];
        var momentum = new double[setup.Steps];
        var losses = new double[setup.Steps];
        Array.Fill(losses, double.NaN);
        int divergedAt = -1;
        double epochSum = 0;
        for (int step = 0; step < setup.Steps; step++)
        {
            rates[step] = adaptive?.LearningRate ?? peak * schedule.At(step);
            momentum[step] = schedule.HasMomentum ? schedule.MomentumAt(step) : setup.Momentum;
            batches.Next();
            double loss = model.Backward(batches.Batch, batches.Rows);
            if (!double.IsFinite(loss) || !AllFinite(model.Gradients))
            {
                divergedAt = step;
                break;
            }

            losses[step] = loss;
            optimizer.Step(parameters, gradients, rates[step]);
            epochSum += loss;
            if ((step + 1) % setup.StepsPerEpoch == 0)
            {
                adaptive?.Report(epochSum / setup.StepsPerEpoch);
                epochSum = 0;
            }
        }

        (double trainLoss, _) = divergedAt >= 0 ? (double.NaN, 0.0) : model.Evaluate(train);
        (double testLoss, double testAccuracy) = divergedAt >= 0 ? (double.NaN, 0.1) : model.Evaluate(test);
        return new RunTrace(name, seed, rates, momentum, losses, divergedAt, trainLoss, testLoss, testAccuracy);
    }

    /// <summary>
    /// Runs the learning-rate range test on a fresh model of the given seed (the same initial weights as the
    /// training runs of that seed): one update per reported loss, until the test stops.
    /// </summary>
    /// <param name="setup">The training settings (its length is not used).</param>
    /// <param name="train">The training set.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="options">The range test's settings.</param>
    /// <returns>The finished test, with its curve.</returns>
    public static LearningRateRangeTest RangeTest(TrainingSetup setup, Dataset train, ulong seed, RangeTestOptions options)
    {
        ArgumentNullException.ThrowIfNull(setup);
        (IModel model, BatchStream batches, Sgd<UnitConstant> optimizer, Memory<float>[] parameters, ReadOnlyMemory<float>[] gradients)
            = Start<UnitConstant>(setup, train, seed);
        var test = new LearningRateRangeTest(options);
        while (!test.IsFinished)
        {
            batches.Next();
            double loss = model.Backward(batches.Batch, batches.Rows);
            double rate = test.LearningRate;
            if (test.Report(loss) && AllFinite(model.Gradients))
            {
                optimizer.Step(parameters, gradients, rate);
            }
            else if (!test.IsFinished)
            {
                test.Report(double.NaN);   // a non-finite gradient is a divergence too
            }
        }

        return test;
    }

    /// <summary>The model, batches and optimizer of a run of <paramref name="seed"/> (weights, then order and shifts).</summary>
    private static (IModel, BatchStream, Sgd<TSchedule>, Memory<float>[], ReadOnlyMemory<float>[]) Start<TSchedule>(TrainingSetup setup, Dataset train, ulong seed)
        where TSchedule : ISchedule
    {
        var rng = new SplitMix64(seed);
        IModel model = setup.CreateModel(rng);
        var batches = new BatchStream(train, setup.BatchSize, setup.Shift, rng);
        var optimizer = new Sgd<TSchedule>(model.TensorLengths, new SgdOptions { Momentum = setup.Momentum, MaxDegreeOfParallelism = 1 });
        return (model, batches, optimizer, Array.ConvertAll(model.Parameters, p => p.AsMemory()),
            Array.ConvertAll(model.Gradients, g => (ReadOnlyMemory<float>)g.AsMemory()));
    }

    private static bool AllFinite(float[][] tensors)
    {
        foreach (float[] t in tensors)
        {
            foreach (float v in t)
            {
                if (!float.IsFinite(v))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
