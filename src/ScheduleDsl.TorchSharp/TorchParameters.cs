using System;
using System.Collections.Generic;
using System.Linq;

using ScheduleDsl.Averaging;
using ScheduleDsl.Optimizers;

using static TorchSharp.torch;

namespace ScheduleDsl.TorchSharp;

/// <summary>
/// TorchSharp parameter tensors seen as ScheduleDsl tensors: each one's native float32 memory as a span, and its
/// <c>.grad</c> as the gradient, with no copy. Pass it to <see cref="TorchOptimizerExtensions.Step(Optimizer, TorchParameters)"/>
/// to let a ScheduleDsl optimizer update the tensors in place.
/// </summary>
/// <remarks>
/// <para>
/// Every tensor must be a dense, contiguous float32 tensor on the CPU; the constructor checks this and every step
/// checks it again (with the gradient), because <c>.grad</c> is a new tensor after
/// <c>module.zero_grad()</c> (TorchSharp sets gradients to none by default) and a parameter's storage can be replaced.
/// The pointers are re-read each step; nothing is cached between steps except one small view object per tensor,
/// so a step allocates nothing on the ScheduleDsl side (TorchSharp allocates one wrapper per <c>.grad</c> read,
/// as its own optimizers do).
/// </para>
/// <para>
/// ScheduleDsl's optimizers keep one state per tensor and update every tensor every step, so a parameter without a
/// gradient is an error (PyTorch's optimizers skip it): leave frozen parameters out. Not thread-safe.
/// </para>
/// </remarks>
public sealed class TorchParameters
{
    private readonly Tensor[] _tensors;
    private readonly int[] _lengths;
    private readonly TensorMemory[] _parameterViews;
    private readonly TensorMemory[] _gradientViews;
    private readonly Memory<float>[] _parameters;
    private readonly ReadOnlyMemory<float>[] _readOnlyParameters;
    private readonly ReadOnlyMemory<float>[] _gradients;
    private readonly Tensor?[] _heldGradients;

    /// <summary>Views the given tensors, in order (for example <c>model.parameters()</c>).</summary>
    /// <param name="parameters">The parameter tensors. The instance keeps references to them.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">
    /// A tensor is not on the CPU, not float32, sparse, not contiguous or longer than <see cref="int.MaxValue"/>, or
    /// two tensors share memory.
    /// </exception>
    public TorchParameters(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _tensors = parameters.ToArray();
        int count = _tensors.Length;
        _lengths = new int[count];
        for (int t = 0; t < count; t++)
        {
            Tensor tensor = _tensors[t] ?? throw new ArgumentNullException(nameof(parameters), $"Parameter {t} is null.");
            Span<float> elements = TensorMemory.View(tensor, $"Parameter {t}");
            _lengths[t] = elements.Length;
            for (int u = 0; u < t; u++)
            {
                if (elements.Overlaps(TensorMemory.View(_tensors[u], $"Parameter {u}")))
                {
                    throw new ArgumentException(
                        $"Parameters {u} and {t} share memory (the same tensor twice, or views of one storage); each element may be updated once per step.",
                        nameof(parameters));
                }
            }
        }

        _parameterViews = NewViews(count);
        _gradientViews = NewViews(count);
        _parameters = new Memory<float>[count];
        _readOnlyParameters = new ReadOnlyMemory<float>[count];
        _gradients = new ReadOnlyMemory<float>[count];
        _heldGradients = new Tensor?[count];
    }

    /// <summary>The number of tensors.</summary>
    public int Count => _tensors.Length;

    /// <summary>The element count of each tensor, in order: what a ScheduleDsl optimizer or <see cref="WeightAverage"/> is built with.</summary>
    public ReadOnlySpan<int> TensorLengths => _lengths;

    /// <summary>The tensors, in order.</summary>
    public IReadOnlyList<Tensor> Tensors => _tensors;

    /// <summary>
    /// Views every parameter and its gradient and applies one update of <paramref name="optimizer"/> to them, then
    /// releases the gradient wrappers.
    /// </summary>
    internal StepResult Step(Optimizer optimizer, double? learningRate)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        try
        {
            Memory<float>[] parameters = ViewParameters(out _);
            for (int t = 0; t < _tensors.Length; t++)
            {
                Tensor gradient = _tensors[t].grad ?? throw new InvalidOperationException(
                    $"Parameter {t} has no gradient (.grad is null). Call loss.backward() before the step, and leave out parameters that get no gradient (frozen or unused ones): ScheduleDsl's optimizers update every tensor they were built for.");
                _heldGradients[t] = gradient;
                _gradients[t] = _gradientViews[t].Point(gradient, $"The gradient of parameter {t}");
                if (_gradients[t].Length != _lengths[t])
                {
                    throw new ArgumentException($"The gradient of parameter {t} has {_gradients[t].Length} elements; the parameter has {_lengths[t]}.");
                }
            }

            return learningRate is double rate ? optimizer.Step(parameters, _gradients, rate) : optimizer.Step(parameters, _gradients);
        }
        finally
        {
            ReleaseViews();
            Array.Clear(_gradients);
            for (int t = 0; t < _heldGradients.Length; t++)
            {
                _heldGradients[t]?.Dispose();
                _heldGradients[t] = null;
            }
        }
    }

    /// <summary>Views every parameter (no gradients) for reading or writing.</summary>
    internal Memory<float>[] ViewParameters(out ReadOnlyMemory<float>[] readOnly)
    {
        for (int t = 0; t < _tensors.Length; t++)
        {
            Memory<float> memory = _parameterViews[t].Point(_tensors[t], $"Parameter {t}");
            if (memory.Length != _lengths[t])
            {
                throw new ArgumentException($"Parameter {t} now has {memory.Length} elements; it had {_lengths[t]} when it was bound.");
            }

            _parameters[t] = memory;
            _readOnlyParameters[t] = memory;
        }

        readOnly = _readOnlyParameters;
        return _parameters;
    }

    /// <summary>Forgets the views taken by <see cref="ViewParameters"/>.</summary>
    internal void ReleaseViews()
    {
        Array.Clear(_parameters);
        Array.Clear(_readOnlyParameters);
    }

    private static TensorMemory[] NewViews(int count)
    {
        var views = new TensorMemory[count];
        for (int t = 0; t < count; t++)
        {
            views[t] = new TensorMemory();
        }

        return views;
    }
}
