using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;

namespace ScheduleDsl.Optimizers;

/// <summary>
/// A PyTorch-exact first-order optimizer over one or more <see cref="float"/> parameter tensors, each with its own
/// moment buffers. Hyperparameters, tensor lengths and the learning-rate schedule are fixed at construction; every
/// buffer is allocated then, and a step allocates nothing.
/// </summary>
/// <remarks>
/// <para>
/// Update <see cref="StepCount"/> (0-based) uses the schedule's rate for that step, as PyTorch does with
/// <c>optimizer.step(); scheduler.step()</c>.
/// </para>
/// <para>
/// A step first validates every argument and evaluates every scalar (schedule included), then checks the gradients
/// according to <see cref="NonFiniteGradients"/>, and only then writes parameters and moments, so a rejected step
/// changes nothing. An instance is not thread-safe: do not call its members concurrently.
/// </para>
/// </remarks>
public abstract partial class Optimizer
{
    /// <summary>
    /// The number of elements in one work unit of the threaded path: tensors are cut into chunks of this length
    /// (the last chunk of a tensor is shorter). A multiple of every possible <see cref="Vector{T}.Count"/>.
    /// </summary>
    public const int ChunkLength = 1 << 16;

    private const int CheckPhase = 0;
    private const int UpdatePhase = 1;

    private readonly int[] _lengths;
    private readonly float[][] _buffers; // [tensor * BuffersPerTensor + buffer]
    private readonly ParallelStepRunner? _runner;
    private readonly int[] _unitTensor;
    private readonly int[] _unitOffset;
    private readonly int[] _unitLength;
    private readonly Memory<float>[] _stagedParameters;
    private readonly ReadOnlyMemory<float>[] _stagedGradients;
    private int _nonFiniteSeen;

    private protected Optimizer(
        OptimizerAlgorithm algorithm,
        ReadOnlySpan<int> tensorLengths,
        OptimizerOptions options,
        int buffersPerTensor,
        ReadOnlySpan<double> hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.NonFiniteGradients))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.NonFiniteGradients, "Unknown NonFiniteGradientPolicy.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1, nameof(options.MaxDegreeOfParallelism));
        ArgumentOutOfRangeException.ThrowIfNegative(options.ParallelThreshold, nameof(options.ParallelThreshold));
        long total = 0;
        int units = 0;
        foreach (int length in tensorLengths)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length, nameof(tensorLengths));
            total += length;
            units += Math.Max(1, (length + ChunkLength - 1) / ChunkLength);
        }

        Algorithm = algorithm;
        NonFiniteGradients = options.NonFiniteGradients;
        MaxDegreeOfParallelism = options.MaxDegreeOfParallelism;
        BuffersPerTensor = buffersPerTensor;
        HyperparameterFingerprint = Fingerprint(algorithm, hyperparameters);
        _lengths = tensorLengths.ToArray();
        _buffers = new float[_lengths.Length * buffersPerTensor][];
        for (int t = 0; t < _lengths.Length; t++)
        {
            for (int b = 0; b < buffersPerTensor; b++)
            {
                _buffers[t * buffersPerTensor + b] = new float[_lengths[t]];
            }
        }

        _stagedParameters = new Memory<float>[_lengths.Length];
        _stagedGradients = new ReadOnlyMemory<float>[_lengths.Length];
        if (MaxDegreeOfParallelism > 1 && total >= Math.Max(1, options.ParallelThreshold) && units > 1)
        {
            _unitTensor = new int[units];
            _unitOffset = new int[units];
            _unitLength = new int[units];
            int u = 0;
            for (int t = 0; t < _lengths.Length; t++)
            {
                int offset = 0;
                do
                {
                    _unitTensor[u] = t;
                    _unitOffset[u] = offset;
                    _unitLength[u] = Math.Min(ChunkLength, _lengths[t] - offset);
                    offset += ChunkLength;
                    u++;
                }
                while (offset < _lengths[t]);
            }

            _runner = new ParallelStepRunner(this, units, MaxDegreeOfParallelism);
        }
        else
        {
            _unitTensor = _unitOffset = _unitLength = [];
        }
    }

    /// <summary>The update rule.</summary>
    public OptimizerAlgorithm Algorithm { get; }

    /// <summary>The number of parameter tensors.</summary>
    public int TensorCount => _lengths.Length;

    /// <summary>The element count of each parameter tensor, in order.</summary>
    public ReadOnlySpan<int> TensorLengths => _lengths;

    /// <summary>The number of state buffers (moments) kept per tensor, each as long as its tensor.</summary>
    public int BuffersPerTensor { get; }

    /// <summary>The number of updates applied so far; the next update uses the schedule at this step.</summary>
    public long StepCount { get; private set; }

    /// <summary>The number of steps skipped under <see cref="NonFiniteGradientPolicy.SkipStep"/>.</summary>
    public long SkippedStepCount { get; private set; }

    /// <summary>What a step does with a non-finite gradient.</summary>
    public NonFiniteGradientPolicy NonFiniteGradients { get; }

    /// <summary>The most threads one step uses (the <see cref="Memory{T}"/> overload only).</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>
    /// Whether the <see cref="Memory{T}"/> overload of <c>Step</c> splits the work across threads (chosen at
    /// construction from <see cref="OptimizerOptions.MaxDegreeOfParallelism"/> and
    /// <see cref="OptimizerOptions.ParallelThreshold"/>).
    /// </summary>
    public bool IsThreaded => _runner is not null;

    /// <summary>
    /// The fingerprint of the hyperparameters, stored in checkpoints: FNV-1a (64-bit) over the algorithm id as a
    /// little-endian <see cref="uint"/> followed by the little-endian IEEE-754 bytes of each hyperparameter
    /// (booleans as 0.0 or 1.0) in the order documented for the algorithm.
    /// </summary>
    public ulong HyperparameterFingerprint { get; }

    /// <summary>The learning rate the next update will use: the schedule at <see cref="StepCount"/>.</summary>
    public double LearningRate => LearningRateAt(StepCount);

    /// <summary>The rate of the step in progress when it was given explicitly; <see langword="null"/> to use the schedule.</summary>
    private protected double? ExplicitLearningRate { get; private set; }

    private protected uint StateFlags { get; set; }

    /// <summary>Bits of <see cref="StateFlags"/> this algorithm defines; a checkpoint with any other bit is rejected.</summary>
    private protected virtual uint KnownStateFlags => 0;

    /// <summary>
    /// Applies one update to the single parameter tensor of this optimizer, on the calling thread.
    /// </summary>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradients">The gradients, as long as <paramref name="parameters"/> and not overlapping it.</param>
    /// <returns>Whether the update was applied or skipped (see <see cref="NonFiniteGradientPolicy.SkipStep"/>).</returns>
    /// <exception cref="ArgumentException">
    /// The optimizer has more than one tensor, a length differs from the one given at construction, the spans overlap,
    /// or (under <see cref="NonFiniteGradientPolicy.Throw"/>) a gradient is NaN or infinite. Nothing was changed.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The schedule rejected the step. Nothing was changed.</exception>
    public StepResult Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (_lengths.Length != 1)
        {
            throw new ArgumentException(
                $"This optimizer has {_lengths.Length} parameter tensors; pass them all to Step(ReadOnlySpan<Memory<float>>, ReadOnlySpan<ReadOnlyMemory<float>>).",
                nameof(parameters));
        }

        ValidateTensor(0, parameters, gradients);
        PrepareStep(StepCount);
        if (NonFiniteGradients != NonFiniteGradientPolicy.Propagate && HasNonFinite(gradients))
        {
            return RejectNonFinite(0);
        }

        Update(0, 0, parameters, gradients);
        return Commit();
    }

    /// <summary>
    /// Applies one update to every parameter tensor. When <see cref="IsThreaded"/>, the tensors are cut into
    /// chunks of <see cref="ChunkLength"/> elements that the calling thread and up to
    /// <see cref="MaxDegreeOfParallelism"/> − 1 thread-pool threads update; the result is bit-identical to the
    /// single-threaded one.
    /// </summary>
    /// <param name="parameters">One memory per tensor, updated in place; keep the array and reuse it every step.</param>
    /// <param name="gradients">One memory per tensor, as long as the matching parameters and not overlapping them.</param>
    /// <returns>Whether the update was applied or skipped (see <see cref="NonFiniteGradientPolicy.SkipStep"/>).</returns>
    /// <exception cref="ArgumentException">
    /// The tensor count or a length differs from the ones given at construction, a parameter overlaps its gradient, or
    /// (under <see cref="NonFiniteGradientPolicy.Throw"/>) a gradient is NaN or infinite. Nothing was changed.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The schedule rejected the step. Nothing was changed.</exception>
    public StepResult Step(ReadOnlySpan<Memory<float>> parameters, ReadOnlySpan<ReadOnlyMemory<float>> gradients)
    {
        if (parameters.Length != _lengths.Length || gradients.Length != _lengths.Length)
        {
            throw new ArgumentException(
                $"This optimizer was built for {_lengths.Length} parameter tensors, but the step got {parameters.Length} parameter and {gradients.Length} gradient tensors.",
                nameof(parameters));
        }

        for (int t = 0; t < _lengths.Length; t++)
        {
            ValidateTensor(t, parameters[t].Span, gradients[t].Span);
        }

        PrepareStep(StepCount);
        if (_runner is null)
        {
            if (NonFiniteGradients != NonFiniteGradientPolicy.Propagate)
            {
                for (int t = 0; t < _lengths.Length; t++)
                {
                    if (HasNonFinite(gradients[t].Span))
                    {
                        return RejectNonFinite(t);
                    }
                }
            }

            for (int t = 0; t < _lengths.Length; t++)
            {
                Update(t, 0, parameters[t].Span, gradients[t].Span);
            }

            return Commit();
        }

        parameters.CopyTo(_stagedParameters);
        gradients.CopyTo(_stagedGradients);
        try
        {
            if (NonFiniteGradients != NonFiniteGradientPolicy.Propagate)
            {
                _nonFiniteSeen = 0;
                _runner.Run(CheckPhase);
                if (Volatile.Read(ref _nonFiniteSeen) != 0)
                {
                    return RejectNonFinite(FirstNonFiniteTensor(gradients));
                }
            }

            _runner.Run(UpdatePhase);
        }
        finally
        {
            Array.Clear(_stagedParameters);
            Array.Clear(_stagedGradients);
        }

        return Commit();
    }

    /// <summary>
    /// Applies one update to the single parameter tensor with an explicit learning rate in place of the schedule's
    /// rate for this step, for rates that are not a closed-form schedule (for example
    /// <see cref="ReduceOnPlateau.LearningRate"/>). Everything else is as in
    /// <see cref="Step(Span{float}, ReadOnlySpan{float})"/>: the momentum co-schedule, bias corrections and
    /// <see cref="StepCount"/> follow the step counter.
    /// </summary>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradients">The gradients, as long as <paramref name="parameters"/> and not overlapping it.</param>
    /// <param name="learningRate">The rate this update uses; finite.</param>
    /// <returns>Whether the update was applied or skipped (see <see cref="NonFiniteGradientPolicy.SkipStep"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is NaN or infinite. Nothing was changed.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Step(Span{float}, ReadOnlySpan{float})"/>. Nothing was changed.</exception>
    public StepResult Step(Span<float> parameters, ReadOnlySpan<float> gradients, double learningRate)
    {
        BeginExplicitRate(learningRate);
        try
        {
            return Step(parameters, gradients);
        }
        finally
        {
            ExplicitLearningRate = null;
        }
    }

    /// <summary>
    /// Applies one update to every parameter tensor with an explicit learning rate in place of the schedule's rate
    /// for this step, for rates that are not a closed-form schedule (for example
    /// <see cref="ReduceOnPlateau.LearningRate"/>). Everything else is as in
    /// <see cref="Step(ReadOnlySpan{Memory{float}}, ReadOnlySpan{ReadOnlyMemory{float}})"/>: the momentum
    /// co-schedule, bias corrections and <see cref="StepCount"/> follow the step counter, and
    /// <see cref="LearningRate"/> still reports the schedule's rate.
    /// </summary>
    /// <param name="parameters">One memory per tensor, updated in place.</param>
    /// <param name="gradients">One memory per tensor, as long as the matching parameters and not overlapping them.</param>
    /// <param name="learningRate">The rate this update uses; finite.</param>
    /// <returns>Whether the update was applied or skipped (see <see cref="NonFiniteGradientPolicy.SkipStep"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is NaN or infinite. Nothing was changed.</exception>
    /// <exception cref="ArgumentException">
    /// As for <see cref="Step(ReadOnlySpan{Memory{float}}, ReadOnlySpan{ReadOnlyMemory{float}})"/>. Nothing was changed.
    /// </exception>
    public StepResult Step(ReadOnlySpan<Memory<float>> parameters, ReadOnlySpan<ReadOnlyMemory<float>> gradients, double learningRate)
    {
        BeginExplicitRate(learningRate);
        try
        {
            return Step(parameters, gradients);
        }
        finally
        {
            ExplicitLearningRate = null;
        }
    }

    /// <summary>Runs one work unit of a threaded phase; called by <see cref="ParallelStepRunner"/>.</summary>
    internal void RunUnit(int phase, int unit)
    {
        int tensor = _unitTensor[unit];
        int offset = _unitOffset[unit];
        int length = _unitLength[unit];
        ReadOnlySpan<float> g = _stagedGradients[tensor].Span.Slice(offset, length);
        if (phase == CheckPhase)
        {
            if (HasNonFinite(g))
            {
                Volatile.Write(ref _nonFiniteSeen, 1);
            }
        }
        else
        {
            Update(tensor, offset, _stagedParameters[tensor].Span.Slice(offset, length), g);
        }
    }

    /// <summary>The schedule's rate for <paramref name="step"/>.</summary>
    private protected abstract double LearningRateAt(long step);

    /// <summary>
    /// Evaluates every scalar of update <paramref name="step"/> (schedule, co-schedule, bias corrections) into fields
    /// the kernels read. May throw; must not change any state.
    /// </summary>
    private protected abstract void PrepareStep(long step);

    /// <summary>
    /// Updates <paramref name="parameters"/> (elements <paramref name="offset"/>… of tensor <paramref name="tensor"/>)
    /// and the matching slice of the tensor's buffers with the scalars of the last <see cref="PrepareStep"/>.
    /// Called concurrently for disjoint slices on the threaded path.
    /// </summary>
    private protected abstract void Update(int tensor, int offset, Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>Called once after an applied update, before <see cref="StepCount"/> advances.</summary>
    private protected virtual void CompleteStep()
    {
    }

    /// <summary>The slice of state buffer <paramref name="buffer"/> of tensor <paramref name="tensor"/>.</summary>
    private protected Span<float> Buffer(int buffer, int tensor, int offset, int length)
        => _buffers[tensor * BuffersPerTensor + buffer].AsSpan(offset, length);

    /// <summary>The whole of state buffer <paramref name="buffer"/> of tensor <paramref name="tensor"/>.</summary>
    internal float[] BufferArray(int buffer, int tensor) => _buffers[tensor * BuffersPerTensor + buffer];

    /// <summary>Returns whether any element is NaN or ±∞ (x·0 is 0 for finite x and NaN otherwise).</summary>
    internal static bool HasNonFinite(ReadOnlySpan<float> values)
    {
        ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);

        // Two independent accumulators, so the loop is bound by memory rather than by the add latency.
        Vector<float> even = Vector<float>.Zero;
        Vector<float> odd = Vector<float>.Zero;
        int i = 0;
        for (; i + 1 < vectors.Length; i += 2)
        {
            even += vectors[i] * Vector<float>.Zero;
            odd += vectors[i + 1] * Vector<float>.Zero;
        }

        if (i < vectors.Length)
        {
            even += vectors[i] * Vector<float>.Zero;
        }

        if (!Vector.EqualsAll(even + odd, Vector<float>.Zero))
        {
            return true;
        }

        foreach (float x in values.Slice(vectors.Length * Vector<float>.Count))
        {
            if (!float.IsFinite(x))
            {
                return true;
            }
        }

        return false;
    }

    private void BeginExplicitRate(double learningRate)
    {
        if (!double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The explicit learning rate must be finite.");
        }

        ExplicitLearningRate = learningRate;
    }

    private void ValidateTensor(int tensor, Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != _lengths[tensor] || gradients.Length != _lengths[tensor])
        {
            throw new ArgumentException(
                $"Tensor {tensor} was declared with {_lengths[tensor]} elements, but the step got {parameters.Length} parameters and {gradients.Length} gradients.",
                nameof(gradients));
        }

        if (parameters.Overlaps(gradients))
        {
            throw new ArgumentException($"The parameters and gradients of tensor {tensor} overlap.", nameof(gradients));
        }
    }

    private static int FirstNonFiniteTensor(ReadOnlySpan<ReadOnlyMemory<float>> gradients)
    {
        for (int t = 0; t < gradients.Length; t++)
        {
            if (HasNonFinite(gradients[t].Span))
            {
                return t;
            }
        }

        return -1;
    }

    private StepResult RejectNonFinite(int tensor)
    {
        if (NonFiniteGradients == NonFiniteGradientPolicy.Throw)
        {
            throw new ArgumentException(
                $"Gradient tensor {tensor} contains NaN or an infinity at update {StepCount}; no parameter or optimizer state was changed (NonFiniteGradientPolicy.Throw).",
                "gradients");
        }

        SkippedStepCount++;
        return StepResult.SkippedNonFiniteGradient;
    }

    private StepResult Commit()
    {
        CompleteStep();
        StepCount++;
        return StepResult.Applied;
    }

    private static ulong Fingerprint(OptimizerAlgorithm algorithm, ReadOnlySpan<double> hyperparameters)
    {
        const ulong offsetBasis = 14695981039346656037;
        const ulong prime = 1099511628211;
        ulong hash = offsetBasis;
        Span<byte> bytes = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)algorithm);
        foreach (byte b in bytes.Slice(0, 4))
        {
            hash = (hash ^ b) * prime;
        }

        foreach (double h in hyperparameters)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(bytes, h);
            foreach (byte b in bytes)
            {
                hash = (hash ^ b) * prime;
            }
        }

        return hash;
    }
}
