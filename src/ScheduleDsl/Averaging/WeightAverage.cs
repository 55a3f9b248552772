using System;
using System.Numerics;

using ScheduleDsl.Optimizers;

namespace ScheduleDsl.Averaging;

/// <summary>How <see cref="WeightAverage"/> combines a new snapshot of the parameters with the running average.</summary>
public enum WeightAverageMode
{
    /// <summary>
    /// Stochastic weight averaging (Izmailov et al. 2018): the equal-weight mean of every snapshot,
    /// PyTorch's <c>AveragedModel</c> default <c>avg = avg + (p − avg)/(n + 1)</c>.
    /// </summary>
    Equal = 0,

    /// <summary>
    /// Exponential moving average: <c>avg = decay·avg + (1 − decay)·p</c>, PyTorch's
    /// <c>AveragedModel(multi_avg_fn=get_ema_multi_avg_fn(decay))</c> on the CPU (<c>get_ema_avg_fn</c>).
    /// </summary>
    Exponential = 1,
}

/// <summary>
/// A running average of float32 parameter tensors for stochastic weight averaging (SWA) or an exponential moving
/// average (EMA), with PyTorch <c>torch.optim.swa_utils.AveragedModel</c> semantics: the first
/// <see cref="Update(ReadOnlySpan{float})"/> copies the parameters, each later one folds them into the average.
/// </summary>
/// <remarks>
/// <para>
/// <b>Arithmetic</b> (float32, each operation rounded once, no fused multiply-add, as PyTorch's CPU kernels evaluate
/// the expressions): <see cref="WeightAverageMode.Equal"/>: <c>avg + (p − avg) / (float)(n + 1)</c>, n =
/// <see cref="AveragedCount"/> before the update; <see cref="WeightAverageMode.Exponential"/>:
/// <c>(float)decay·avg + (float)(1 − decay)·p</c>. One <see cref="Vector{T}"/> loop with a scalar tail that computes
/// the same bits. (PyTorch on CUDA uses <c>_foreach_lerp_</c>, which can differ in the last bit.)
/// </para>
/// <para>
/// Buffers are allocated at construction; an update allocates nothing. Non-finite parameters flow into the average
/// as in PyTorch. All lengths are checked before anything is written. Not thread-safe. To evaluate with the
/// average, copy <see cref="Average(int)"/> into the model (and recompute batch-norm statistics, as PyTorch's
/// <c>update_bn</c> does; that is the caller's model code).
/// </para>
/// </remarks>
public sealed class WeightAverage
{
    private readonly int[] _lengths;
    private readonly float[][] _averages;
    private readonly float _decay;
    private readonly float _oneMinusDecay;

    /// <summary>Creates an equal-weight (SWA) average of tensors with the given lengths.</summary>
    /// <param name="tensorLengths">The element count of each parameter tensor, in the order updates pass them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative.</exception>
    public WeightAverage(ReadOnlySpan<int> tensorLengths)
        : this(tensorLengths, WeightAverageMode.Equal, 0)
    {
    }

    private WeightAverage(ReadOnlySpan<int> tensorLengths, WeightAverageMode mode, double decay)
    {
        foreach (int length in tensorLengths)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length, nameof(tensorLengths));
        }

        Mode = mode;
        Decay = decay;
        _decay = (float)decay;
        _oneMinusDecay = (float)(1.0 - decay);
        _lengths = tensorLengths.ToArray();
        _averages = new float[_lengths.Length][];
        for (int t = 0; t < _lengths.Length; t++)
        {
            _averages[t] = new float[_lengths[t]];
        }
    }

    /// <summary>Creates an exponential moving average of tensors with the given lengths.</summary>
    /// <param name="tensorLengths">The element count of each parameter tensor, in the order updates pass them.</param>
    /// <param name="decay">The weight of the old average, in [0, 1] (PyTorch's <c>get_ema_multi_avg_fn</c> default is 0.999).</param>
    /// <returns>The average, holding no snapshot yet.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative, or <paramref name="decay"/> is outside [0, 1].</exception>
    public static WeightAverage Exponential(ReadOnlySpan<int> tensorLengths, double decay = 0.999)
    {
        if (!(decay >= 0 && decay <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The EMA decay must be between 0 and 1.");
        }

        return new WeightAverage(tensorLengths, WeightAverageMode.Exponential, decay);
    }

    /// <summary>How snapshots are combined.</summary>
    public WeightAverageMode Mode { get; }

    /// <summary>The EMA decay (<see cref="WeightAverageMode.Exponential"/>); 0 for <see cref="WeightAverageMode.Equal"/>.</summary>
    public double Decay { get; }

    /// <summary>The number of snapshots folded in so far (PyTorch's <c>n_averaged</c>).</summary>
    public long AveragedCount { get; private set; }

    /// <summary>The number of tensors.</summary>
    public int TensorCount => _lengths.Length;

    /// <summary>The element count of each tensor, in order.</summary>
    public ReadOnlySpan<int> TensorLengths => _lengths;

    /// <summary>The running average of tensor <paramref name="tensor"/> (all zeros before the first update).</summary>
    /// <param name="tensor">The tensor index.</param>
    /// <returns>A view of the average; it changes with every update.</returns>
    /// <exception cref="IndexOutOfRangeException"><paramref name="tensor"/> is not a valid index.</exception>
    public ReadOnlySpan<float> Average(int tensor) => _averages[tensor];

    /// <summary>Folds a snapshot of the single parameter tensor into the average.</summary>
    /// <param name="parameters">The current parameters, as long as the tensor given at construction.</param>
    /// <exception cref="ArgumentException">The average has more than one tensor, or the length differs; nothing was changed.</exception>
    public void Update(ReadOnlySpan<float> parameters)
    {
        if (_lengths.Length != 1)
        {
            throw new ArgumentException(
                $"This average has {_lengths.Length} tensors; pass them all to Update(ReadOnlySpan<ReadOnlyMemory<float>>).", nameof(parameters));
        }

        CheckLength(0, parameters.Length);
        Fold(_averages[0], parameters);
        AveragedCount++;
    }

    /// <summary>Folds a snapshot of every parameter tensor into the average.</summary>
    /// <param name="parameters">One memory per tensor, each as long as given at construction.</param>
    /// <exception cref="ArgumentException">The tensor count or a length differs; nothing was changed.</exception>
    public void Update(ReadOnlySpan<ReadOnlyMemory<float>> parameters)
    {
        if (parameters.Length != _lengths.Length)
        {
            throw new ArgumentException(
                $"This average was built for {_lengths.Length} tensors, but the update got {parameters.Length}.", nameof(parameters));
        }

        for (int t = 0; t < parameters.Length; t++)
        {
            CheckLength(t, parameters[t].Length);
        }

        for (int t = 0; t < parameters.Length; t++)
        {
            Fold(_averages[t], parameters[t].Span);
        }

        AveragedCount++;
    }

    /// <summary>Forgets every snapshot: the next update copies again.</summary>
    public void Reset()
    {
        foreach (float[] average in _averages)
        {
            Array.Clear(average);
        }

        AveragedCount = 0;
    }

    private void CheckLength(int tensor, int length)
    {
        if (length != _lengths[tensor])
        {
            throw new ArgumentException(
                $"Tensor {tensor} has {length} elements; the average was built for {_lengths[tensor]}. Nothing was changed.", "parameters");
        }
    }

    private void Fold(Span<float> average, ReadOnlySpan<float> parameters)
    {
        if (AveragedCount == 0)
        {
            parameters.CopyTo(average);
        }
        else if (Mode == WeightAverageMode.Equal)
        {
            EqualStep(average, parameters, (float)(AveragedCount + 1));
        }
        else
        {
            ExponentialStep(average, parameters, _decay, _oneMinusDecay);
        }
    }

    private static void EqualStep(Span<float> average, ReadOnlySpan<float> parameters, float count)
    {
        Span<Vector<float>> a = Lanes.Of(average);
        ReadOnlySpan<Vector<float>> p = Lanes.Of(parameters);
        var c = new Vector<float>(count);
        for (int i = 0; i < a.Length; i++)
        {
            a[i] += (p[i] - a[i]) / c;
        }

        for (int i = Lanes.Tail(a); i < average.Length; i++)
        {
            average[i] += (parameters[i] - average[i]) / count;
        }
    }

    private static void ExponentialStep(Span<float> average, ReadOnlySpan<float> parameters, float decay, float oneMinusDecay)
    {
        Span<Vector<float>> a = Lanes.Of(average);
        ReadOnlySpan<Vector<float>> p = Lanes.Of(parameters);
        var d = new Vector<float>(decay);
        var m = new Vector<float>(oneMinusDecay);
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (d * a[i]) + (m * p[i]);
        }

        for (int i = Lanes.Tail(a); i < average.Length; i++)
        {
            average[i] = (decay * average[i]) + (oneMinusDecay * parameters[i]);
        }
    }
}
