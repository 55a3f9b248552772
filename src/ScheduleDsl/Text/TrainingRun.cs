using System;
using System.Collections.Generic;

using ScheduleDsl.Language;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Text;

/// <summary>
/// The facts of a training run that a schedule's lengths and peak may depend on: the total number of optimizer
/// updates, the updates per epoch and the peak rate. A schedule declared with lengths such as <c>"2 epochs"</c>,
/// <c>"5%"</c> or <c>"rest"</c>, or with <c>[LearningRate]</c> and no rate, is bound to one run.
/// </summary>
/// <param name="TotalSteps">The number of optimizer updates in the run (Hugging Face <c>num_training_steps</c>), or null.</param>
/// <param name="StepsPerEpoch">The optimizer updates per epoch (timm <c>updates_per_epoch</c>, <c>len(dataloader)</c>), or null.</param>
/// <param name="Peak">The peak learning rate, for schedules that leave it to the run (learning-rate sweeps), or null.</param>
public sealed record TrainingRun(long? TotalSteps = null, long? StepsPerEpoch = null, double? Peak = null)
{
    /// <summary>A run of <paramref name="epochs"/> epochs of <paramref name="stepsPerEpoch"/> updates each.</summary>
    /// <param name="epochs">The number of epochs.</param>
    /// <param name="stepsPerEpoch">The updates per epoch.</param>
    /// <param name="peak">The peak learning rate, or null when the schedule declares it.</param>
    /// <returns>The run, its total steps the product.</returns>
    /// <exception cref="OverflowException">The product exceeds <see cref="long.MaxValue"/>.</exception>
    public static TrainingRun FromEpochs(long epochs, long stepsPerEpoch, double? peak = null)
        => new(checked(epochs * stepsPerEpoch), stepsPerEpoch, peak);

    /// <summary>Lengths are limited to 2⁵³ steps, as in the generator, so every step converts to double exactly.</summary>
    internal const long MaxSteps = 1L << 53;

    /// <summary>
    /// The number of steps of one length. <see cref="LengthUnit.Rest"/> needs the other lengths of the sequence; use
    /// <see cref="ResolveSequence"/> for a phase's own length.
    /// </summary>
    /// <param name="length">The length as written.</param>
    /// <param name="what">How messages name it, e.g. <c>Steps of [Warmup]</c>.</param>
    /// <param name="position">Where it is written, for the error.</param>
    /// <returns>The steps.</returns>
    /// <exception cref="ScheduleFormatException">The run lacks a value the length needs, or the result is not a whole number of steps in range.</exception>
    internal long Resolve(LengthSpec length, string what, TextPosition position)
    {
        switch (length.Unit)
        {
            case LengthUnit.Steps:
                return (long)length.Value;
            case LengthUnit.Epochs:
            {
                long perEpoch = StepsPerEpoch ?? throw new ScheduleFormatException(ProblemCatalog.MissingBinding, $"{what} is {length}, but the training run does not say how many updates an epoch has (StepsPerEpoch)", position);
                double steps = length.Value * perEpoch;
                if (steps > MaxSteps)
                {
                    throw new ScheduleFormatException(ProblemCatalog.TooManySteps, $"{what} is {length} of {perEpoch} updates, more than the 2^53 steps a length may have", position);
                }

                if (steps != Math.Floor(steps))
                {
                    throw new ScheduleFormatException(ProblemCatalog.NotWholeSteps, $"{what} is {length} of {perEpoch} updates, which is {steps} steps; a length is a whole number of steps", position);
                }

                return (long)steps;
            }

            case LengthUnit.Fraction:
            {
                long total = TotalSteps ?? throw new ScheduleFormatException(ProblemCatalog.MissingBinding, $"{what} is {length}, but the training run does not say how many steps it has (TotalSteps)", position);

                // Hugging Face: math.ceil(num_training_steps * warmup_ratio), in double precision.
                double steps = Math.Ceiling(total * length.Value);
                return steps > MaxSteps
                    ? throw new ScheduleFormatException(ProblemCatalog.TooManySteps, $"{what} is {length} of {total} steps, more than the 2^53 steps a length may have", position)
                    : (long)steps;
            }

            case LengthUnit.Rest:
                throw new ScheduleFormatException(ProblemCatalog.MissingBinding, $"{what} is \"rest\", which only a phase's own length may be", position);
            default:
                throw new ScheduleFormatException(ProblemCatalog.InvalidLengthText, length.Error ?? "not a length", position);
        }
    }

    /// <summary>
    /// The lengths of the phases that follow one another, in order: each resolved by <see cref="Resolve"/>, and at
    /// most one <c>"rest"</c>, which gets what the run leaves after the others (Hugging Face warmup-stable-decay:
    /// <c>num_stable_steps = num_training_steps − num_warmup_steps − num_decay_steps</c>).
    /// </summary>
    /// <param name="lengths">Each phase's length, how messages name it, and where it is written.</param>
    /// <returns>The steps of each phase.</returns>
    /// <exception cref="ScheduleFormatException">A length cannot be resolved, or the phases together are longer than the run.</exception>
    internal long[] ResolveSequence(IReadOnlyList<(LengthSpec Length, string What, TextPosition Position)> lengths)
    {
        var steps = new long[lengths.Count];
        int rest = -1;
        long sum = 0;
        for (int i = 0; i < lengths.Count; i++)
        {
            (LengthSpec length, string what, TextPosition position) = lengths[i];
            if (length.Unit == LengthUnit.Rest)
            {
                if (rest >= 0)
                {
                    throw new ScheduleFormatException(ProblemCatalog.LongerThanRun, $"{what} is \"rest\", but {lengths[rest].What} already takes the rest of the run", position);
                }

                rest = i;
                continue;
            }

            steps[i] = Resolve(length, what, position);
            sum += steps[i];
            if (sum > MaxSteps)
            {
                throw new ScheduleFormatException(ProblemCatalog.TooManySteps, $"The phases up to {what} are longer than the 2^53 steps a schedule may have", position);
            }
        }

        if (TotalSteps is not { } total)
        {
            if (rest >= 0)
            {
                throw new ScheduleFormatException(ProblemCatalog.MissingBinding, $"{lengths[rest].What} is \"rest\", but the training run does not say how many steps it has (TotalSteps)", lengths[rest].Position);
            }

            return steps;
        }

        if (sum > total || (rest >= 0 && sum == total))
        {
            int culprit = Culprit(lengths, steps, total);
            string message = rest >= 0
                ? $"{lengths[rest].What} is \"rest\", but the other phases take {sum} of the run's {total} steps and leave none"
                : $"{lengths[culprit].What} is {steps[culprit]} steps, and with it the phases take {sum} steps, longer than the run's {total}";
            throw new ScheduleFormatException(ProblemCatalog.LongerThanRun, message, rest >= 0 ? lengths[rest].Position : lengths[culprit].Position);
        }

        if (rest >= 0)
        {
            steps[rest] = total - sum;
            if (steps[rest] > MaxSteps)
            {
                throw new ScheduleFormatException(ProblemCatalog.TooManySteps, $"{lengths[rest].What} is \"rest\", {steps[rest]} steps of the run's {total}, more than the 2^53 steps a length may have", lengths[rest].Position);
            }
        }

        return steps;
    }

    /// <summary>The first phase whose end passes the run's end.</summary>
    private static int Culprit(IReadOnlyList<(LengthSpec Length, string What, TextPosition Position)> lengths, long[] steps, long total)
    {
        long end = 0;
        for (int i = 0; i < steps.Length; i++)
        {
            end += steps[i];
            if (end > total)
            {
                return i;
            }
        }

        return lengths.Count - 1;
    }

    /// <summary>The peak to use: the one declared, or the run's; an error when neither or both give one.</summary>
    /// <param name="declared">The value written in <c>[LearningRate(…)]</c>, or null for <c>[LearningRate]</c>.</param>
    /// <param name="position">Where the attribute is written.</param>
    /// <returns>The peak.</returns>
    /// <exception cref="ScheduleFormatException">Neither or both give a peak.</exception>
    internal double ResolvePeak(double? declared, TextPosition position) => (declared, Peak) switch
    {
        ({ } d, null) => d,
        (null, { } p) => p,
        (null, null) => throw new ScheduleFormatException(ProblemCatalog.MissingBinding, "[LearningRate] declares no rate, and the training run supplies none (Peak)", position),
        _ => throw new ScheduleFormatException(ProblemCatalog.PeakTwice, ProblemCatalog.PeakTwice.Format(declared, Peak), position),
    };
}
