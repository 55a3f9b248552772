using System;
using System.IO;
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
    /// <summary>The checkpoint format version written by <see cref="SaveCheckpoint"/>.</summary>
    public const int CheckpointVersion = 1;

    private static ReadOnlySpan<byte> Magic => "SDLAVGCK"u8;

    private readonly int[] _lengths;
    private readonly float[][] _averages;
    private readonly ScheduledValue _decay;

    /// <summary>Creates an equal-weight (SWA) average of tensors with the given lengths.</summary>
    /// <param name="tensorLengths">The element count of each parameter tensor, in the order updates pass them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative.</exception>
    public WeightAverage(ReadOnlySpan<int> tensorLengths)
        : this(tensorLengths, WeightAverageMode.Equal, new ScheduledValue(nameof(Decay), ValueRange.Unit, 0, null))
    {
    }

    private WeightAverage(ReadOnlySpan<int> tensorLengths, WeightAverageMode mode, ScheduledValue decay)
    {
        foreach (int length in tensorLengths)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length, nameof(tensorLengths));
        }

        Mode = mode;
        _decay = decay;
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
        => new(tensorLengths, WeightAverageMode.Exponential, new ScheduledValue("decay", ValueRange.Unit, decay, null));

    /// <summary>
    /// Creates an exponential moving average whose decay follows a schedule (timm <c>ModelEmaV3</c> decay warmup, Optax
    /// <c>inject_hyperparams</c>): the update made when <see cref="AveragedCount"/> is n uses <c>decaySchedule.At(n)</c>
    /// (the first update, n = 0, copies), checked to lie in [0, 1] before anything is written.
    /// </summary>
    /// <param name="tensorLengths">The element count of each parameter tensor, in the order updates pass them.</param>
    /// <param name="decaySchedule">The decay as a function of the update index.</param>
    /// <returns>The average, holding no snapshot yet.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative.</exception>
    public static WeightAverage Exponential(ReadOnlySpan<int> tensorLengths, IScheduleFunction decaySchedule)
    {
        ArgumentNullException.ThrowIfNull(decaySchedule);
        return new WeightAverage(tensorLengths, WeightAverageMode.Exponential, new ScheduledValue("decay", ValueRange.Unit, 0, decaySchedule));
    }

    /// <summary>How snapshots are combined.</summary>
    public WeightAverageMode Mode { get; }

    /// <summary>
    /// The constant EMA decay (<see cref="WeightAverageMode.Exponential"/>); 0 for <see cref="WeightAverageMode.Equal"/>
    /// and for a scheduled decay (see <see cref="DecaySchedule"/>).
    /// </summary>
    public double Decay => _decay.Constant;

    /// <summary>The schedule of the EMA decay, or <see langword="null"/> when it is constant.</summary>
    public IScheduleFunction? DecaySchedule => _decay.Schedule;

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
        (float decay, float oneMinusDecay) = CurrentDecay();
        Fold(_averages[0], parameters, decay, oneMinusDecay);
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

        (float decay, float oneMinusDecay) = CurrentDecay();
        for (int t = 0; t < parameters.Length; t++)
        {
            Fold(_averages[t], parameters[t].Span, decay, oneMinusDecay);
        }

        AveragedCount++;
    }

    /// <summary>
    /// Writes the average (mode, decay or the decay schedule's identity, <see cref="AveragedCount"/>, tensor lengths and
    /// every average, bit for bit) in the checkpoint format family of <see cref="Optimizer.SaveCheckpoint"/>: magic
    /// <c>SDLAVGCK</c>, version, fields, CRC-32C (layout in docs/optimizers.md).
    /// </summary>
    /// <param name="destination">A writable stream; written from its current position.</param>
    public void SaveCheckpoint(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var w = new CheckpointWriter(destination);
        w.Bytes(Magic);
        w.Int32(CheckpointVersion);
        w.Int32((int)Mode);
        w.Int64(AveragedCount);
        w.Int32(_lengths.Length);
        w.Settings(Settings());
        foreach (int n in _lengths)
        {
            w.Int64(n);
        }

        foreach (float[] average in _averages)
        {
            w.Floats(average);
        }

        w.Finish();
    }

    /// <summary>
    /// Restores an average saved by <see cref="SaveCheckpoint"/> from an average with the same mode, decay (or decay
    /// schedule) and tensor lengths; the restored average and every later update are bit-identical to an uninterrupted run.
    /// </summary>
    /// <param name="source">A readable stream positioned at the checkpoint, which must end where the checkpoint ends.</param>
    /// <exception cref="InvalidDataException">
    /// The data is not an average checkpoint, is truncated, corrupt or followed by trailing bytes, or was written by an
    /// average with another mode, decay, schedule or layout (the message names what differs). Nothing was changed.
    /// </exception>
    public void LoadCheckpoint(Stream source) => LoadCheckpoint(source, verifyScheduleIdentity: true);

    /// <summary>As <see cref="LoadCheckpoint(Stream)"/>; with <paramref name="verifyScheduleIdentity"/> <see langword="false"/> a different decay schedule is accepted.</summary>
    /// <param name="source">A readable stream positioned at the checkpoint, which must end where the checkpoint ends.</param>
    /// <param name="verifyScheduleIdentity">Whether a different decay schedule rejects the checkpoint.</param>
    /// <exception cref="InvalidDataException">As for <see cref="LoadCheckpoint(Stream)"/>. Nothing was changed.</exception>
    public void LoadCheckpoint(Stream source, bool verifyScheduleIdentity)
    {
        ArgumentNullException.ThrowIfNull(source);
        var r = new CheckpointReader(source, Invalid);
        Span<byte> magic = stackalloc byte[8];
        r.Bytes(magic, "header");
        if (!magic.SequenceEqual(Magic))
        {
            throw Invalid("it does not start with the magic bytes \"SDLAVGCK\"; this is not a ScheduleDsl weight-average checkpoint");
        }

        int version = r.Int32("header");
        if (version != CheckpointVersion)
        {
            throw Invalid($"it has format version {version}; this library reads version {CheckpointVersion}");
        }

        int mode = r.Int32("header");
        if (mode != (int)Mode)
        {
            string name = Enum.IsDefined(typeof(WeightAverageMode), mode) ? ((WeightAverageMode)mode).ToString() : $"unknown mode {mode}";
            throw Invalid($"its mode is {name}; this average's is {Mode}");
        }

        long count = r.Int64("header");
        int tensorCount = r.Int32("header");
        if (count < 0)
        {
            throw Invalid($"its snapshot count {count} is negative");
        }

        if (tensorCount != _lengths.Length)
        {
            throw Invalid($"it holds {tensorCount} tensors; this average has {_lengths.Length}");
        }

        r.Match(r.Settings(), Settings(), verifyScheduleIdentity);
        for (int t = 0; t < tensorCount; t++)
        {
            long n = r.Int64("tensor lengths");
            if (n != _lengths[t])
            {
                throw Invalid($"its tensor {t} has {n} elements; this average's has {_lengths[t]}");
            }
        }

        float[][] staged = new float[_averages.Length][];
        for (int t = 0; t < staged.Length; t++)
        {
            staged[t] = new float[_lengths[t]];
            r.Floats(staged[t], "averages");
        }

        r.Finish();
        for (int t = 0; t < staged.Length; t++)
        {
            staged[t].CopyTo(_averages[t], 0);
        }

        AveragedCount = count;
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

    private Setting[] Settings() => [_decay.Setting];

    private static InvalidDataException Invalid(string reason)
        => new($"Cannot restore this weight average from the checkpoint: {reason}. The average was not changed.");

    private void CheckLength(int tensor, int length)
    {
        if (length != _lengths[tensor])
        {
            throw new ArgumentException(
                $"Tensor {tensor} has {length} elements; the average was built for {_lengths[tensor]}. Nothing was changed.", "parameters");
        }
    }

    /// <summary>The float decay and 1 − decay of the coming update (each rounded once from double).</summary>
    private (float Decay, float OneMinusDecay) CurrentDecay()
    {
        if (Mode != WeightAverageMode.Exponential || AveragedCount == 0)
        {
            return (0, 0);
        }

        double decay = _decay.At(AveragedCount);
        return ((float)decay, (float)(1.0 - decay));
    }

    private void Fold(Span<float> average, ReadOnlySpan<float> parameters, float decay, float oneMinusDecay)
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
            ExponentialStep(average, parameters, decay, oneMinusDecay);
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
