using System;

using ScheduleDsl.Averaging;
using ScheduleDsl.Optimizers;

namespace ScheduleDsl.TorchSharp;

/// <summary>ScheduleDsl's optimizers and weight averages over TorchSharp tensors, in place and without copies.</summary>
public static class TorchOptimizerExtensions
{
    /// <summary>
    /// Applies one update of <paramref name="optimizer"/> to the TorchSharp parameters, reading each tensor's
    /// <c>.grad</c> as its gradient: the same arithmetic, bit for bit, as
    /// <see cref="Optimizer.Step(ReadOnlySpan{Memory{float}}, ReadOnlySpan{ReadOnlyMemory{float}})"/> on arrays holding
    /// the same values (threaded when the optimizer is).
    /// </summary>
    /// <param name="optimizer">An optimizer built with <see cref="TorchParameters.TensorLengths"/>.</param>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <returns>Whether the update was applied or skipped (see <see cref="NonFiniteGradientPolicy.SkipStep"/>).</returns>
    /// <exception cref="InvalidOperationException">A parameter has no gradient. Nothing was changed.</exception>
    /// <exception cref="ArgumentException">
    /// A parameter or gradient is not a dense contiguous CPU float32 tensor, or a length or the tensor count differs
    /// from the optimizer's, or as for the optimizer's own step. Nothing was changed.
    /// </exception>
    public static StepResult Step(this Optimizer optimizer, TorchParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Step(optimizer, null);
    }

    /// <summary>
    /// Applies one update with an explicit learning rate in place of the optimizer's schedule (for example
    /// <see cref="ReduceOnPlateau.LearningRate"/>, or a run-time schedule's <c>At(optimizer.StepCount)</c>), as
    /// <see cref="Optimizer.Step(ReadOnlySpan{Memory{float}}, ReadOnlySpan{ReadOnlyMemory{float}}, double)"/>.
    /// </summary>
    /// <param name="optimizer">An optimizer built with <see cref="TorchParameters.TensorLengths"/>.</param>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="learningRate">The rate this update uses; finite.</param>
    /// <returns>Whether the update was applied or skipped.</returns>
    /// <exception cref="InvalidOperationException">A parameter has no gradient. Nothing was changed.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Step(Optimizer, TorchParameters)"/>. Nothing was changed.</exception>
    public static StepResult Step(this Optimizer optimizer, TorchParameters parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Step(optimizer, learningRate);
    }

    /// <summary>Folds the current values of the TorchSharp parameters into the average, read in place.</summary>
    /// <param name="average">An average built with <see cref="TorchParameters.TensorLengths"/>.</param>
    /// <param name="parameters">The parameters.</param>
    /// <exception cref="ArgumentException">A tensor is not a dense contiguous CPU float32 tensor, or the lengths differ. Nothing was changed.</exception>
    public static void Update(this WeightAverage average, TorchParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(average);
        ArgumentNullException.ThrowIfNull(parameters);
        try
        {
            parameters.ViewParameters(out ReadOnlyMemory<float>[] current);
            average.Update(current);
        }
        finally
        {
            parameters.ReleaseViews();
        }
    }

    /// <summary>
    /// Writes the average into the TorchSharp parameter tensors, in place (to evaluate or save the averaged model;
    /// recompute batch-norm statistics afterwards if the model has any, as PyTorch's <c>update_bn</c> does).
    /// </summary>
    /// <param name="average">An average built with <see cref="TorchParameters.TensorLengths"/>.</param>
    /// <param name="parameters">The tensors to overwrite.</param>
    /// <exception cref="ArgumentException">The tensor count or a length differs, or a tensor cannot be viewed. Nothing was changed.</exception>
    /// <exception cref="InvalidOperationException">Nothing has been averaged yet.</exception>
    public static void CopyTo(this WeightAverage average, TorchParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(average);
        ArgumentNullException.ThrowIfNull(parameters);
        if (average.AveragedCount == 0)
        {
            throw new InvalidOperationException("The average holds no snapshot yet; call Update first.");
        }

        if (average.TensorCount != parameters.Count)
        {
            throw new ArgumentException($"The average has {average.TensorCount} tensors; the parameters have {parameters.Count}.", nameof(parameters));
        }

        try
        {
            Memory<float>[] target = parameters.ViewParameters(out _);
            for (int t = 0; t < target.Length; t++)
            {
                if (average.TensorLengths[t] != target[t].Length)
                {
                    throw new ArgumentException($"Tensor {t} has {target[t].Length} elements; the average has {average.TensorLengths[t]}.", nameof(parameters));
                }
            }

            for (int t = 0; t < target.Length; t++)
            {
                average.Average(t).CopyTo(target[t].Span);
            }
        }
        finally
        {
            parameters.ReleaseViews();
        }
    }
}
