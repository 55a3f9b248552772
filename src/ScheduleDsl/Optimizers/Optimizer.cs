using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Threading;

using ScheduleDsl.Kernels;

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
/// A step first validates every argument, then reads the gradients once to check them (according to
/// <see cref="NonFiniteGradients"/>) and, with clipping by norm, to measure their norm, then evaluates every scalar
/// (schedules included), and only then writes parameters and moments, so a rejected step changes nothing. An instance
/// is not thread-safe: a call made while another thread is inside a step or a checkpoint call of the same instance
/// throws <see cref="InvalidOperationException"/> and changes nothing.
/// </para>
/// </remarks>
public abstract partial class Optimizer
{
    /// <summary>
    /// The number of elements in one work unit of the threaded path: tensors are cut into chunks of this length
    /// (the last chunk of a tensor is shorter). A multiple of every possible <see cref="Vector{T}.Count"/>.
    /// </summary>
    public const int ChunkLength = 1 << 16;

    /// <summary>The threaded pass that updates a unit (<see cref="RunUnit"/>).</summary>
    internal const int UpdatePhase = 1;

    private const int NoGradientPass = -1;
    private const int CheckPhase = 0;
    private const int NormPhase = 2;

    private readonly int[] _lengths;
    private readonly float[][] _buffers; // [tensor * BuffersPerTensor + buffer]
    private readonly ParallelStepRunner? _runner;
    private readonly int[] _unitTensor;
    private readonly int[] _unitOffset;
    private readonly int[] _unitLength;
    private readonly int[] _firstUnit; // per tensor
    private readonly double[] _partialNorms; // per unit, clipping by norm only
    private readonly int[] _groupOf; // per tensor; 0 is the default group
    private readonly double[] _groupRateScale;
    private readonly double?[] _groupWeightDecay;
    private readonly GradientClipping? _clipping;
    private readonly IScheduleFunction _learningRateSchedule;
    private readonly Setting[] _settings;
    private readonly Memory<float>[] _stagedParameters;
    private readonly ReadOnlyMemory<float>[] _stagedGradients;
    private int _nonFiniteSeen;
    private int _rejectedTensor;
    private int _busy;

    private protected Optimizer(
        OptimizerAlgorithm algorithm,
        ReadOnlySpan<int> tensorLengths,
        OptimizerOptions options,
        int buffersPerTensor,
        IScheduleFunction learningRateSchedule,
        List<Setting> settings)
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

        _lengths = tensorLengths.ToArray();
        (_groupOf, _groupRateScale, _groupWeightDecay) = Groups(options.ParameterGroups, _lengths.Length, settings);
        _clipping = options.GradientClipping;
        if (_clipping is not null)
        {
            settings.Add(Setting.Of("GradientClipping", _clipping.ToString()));
        }

        _learningRateSchedule = learningRateSchedule;
        settings.Insert(0, Setting.ScheduleOf("LearningRate", learningRateSchedule));
        _settings = settings.ToArray();
        Algorithm = algorithm;
        NonFiniteGradients = options.NonFiniteGradients;
        MaxDegreeOfParallelism = options.MaxDegreeOfParallelism;
        BuffersPerTensor = buffersPerTensor;
        HyperparameterFingerprint = Fingerprint(algorithm, _settings);
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
        _unitTensor = new int[units];
        _unitOffset = new int[units];
        _unitLength = new int[units];
        _firstUnit = new int[_lengths.Length];
        int u = 0;
        for (int t = 0; t < _lengths.Length; t++)
        {
            _firstUnit[t] = u;
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

        _partialNorms = _clipping?.Mode == GradientClippingMode.GlobalNorm ? new double[units] : [];
        if (MaxDegreeOfParallelism > 1 && total >= Math.Max(1, options.ParallelThreshold) && units > 1)
        {
            _runner = new ParallelStepRunner(this, units, MaxDegreeOfParallelism);
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
    /// A 64-bit FNV-1a fingerprint of every recorded setting (algorithm id, then each setting's name, kind and value,
    /// schedule identities included), for logging and quick comparison. Checkpoints store the settings themselves.
    /// </summary>
    public ulong HyperparameterFingerprint { get; }

    /// <summary>The learning rate the next update will use: the schedule at <see cref="StepCount"/>.</summary>
    public double LearningRate => LearningRateAt(StepCount);

    /// <summary>The clipping applied in every step, or <see langword="null"/>.</summary>
    public GradientClipping? GradientClipping => _clipping;

    /// <summary>
    /// The norm of the gradients of the last step that measured it (clipping by global norm; PyTorch's return value of
    /// <c>clip_grad_norm_</c>, before clipping), also of a step that was then rejected; NaN before the first.
    /// </summary>
    public double LastGradientNorm { get; private set; } = double.NaN;

    /// <summary>The number of parameter groups, the default group included (1 without <see cref="OptimizerOptions.ParameterGroups"/>).</summary>
    public int GroupCount => _groupRateScale.Length;

    /// <summary>The rate of the step in progress when it was given explicitly; <see langword="null"/> to use the schedule.</summary>
    private protected double? ExplicitLearningRate { get; private set; }

    /// <summary>The clipping of the step in progress, set by the gradient pass before <see cref="PrepareStep"/>.</summary>
    internal GradientClip Clip { get; private set; }

    private protected uint StateFlags { get; set; }

    /// <summary>Bits of <see cref="StateFlags"/> this algorithm defines; a checkpoint with any other bit is rejected.</summary>
    private protected virtual uint KnownStateFlags => 0;

    /// <summary>The group of each tensor; 0 is the default group.</summary>
    internal ReadOnlySpan<int> GroupOf => _groupOf;

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
    /// <exception cref="ArgumentOutOfRangeException">A schedule rejected the step or left its range. Nothing was changed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is inside a call of this instance. Nothing was changed.</exception>
    public StepResult Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        Enter();
        try
        {
            return StepSingle(parameters, gradients);
        }
        finally
        {
            Exit();
        }
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
    /// <exception cref="ArgumentOutOfRangeException">A schedule rejected the step or left its range. Nothing was changed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is inside a call of this instance. Nothing was changed.</exception>
    public StepResult Step(ReadOnlySpan<Memory<float>> parameters, ReadOnlySpan<ReadOnlyMemory<float>> gradients)
    {
        Enter();
        try
        {
            return StepMany(parameters, gradients);
        }
        finally
        {
            Exit();
        }
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
    /// <param name="learningRate">The rate this update uses: finite, at least 0 and at most <see cref="float.MaxValue"/>.</param>
    /// <returns>Whether the update was applied or skipped (see <see cref="NonFiniteGradientPolicy.SkipStep"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is out of range. Nothing was changed.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Step(Span{float}, ReadOnlySpan{float})"/>. Nothing was changed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is inside a call of this instance. Nothing was changed.</exception>
    public StepResult Step(Span<float> parameters, ReadOnlySpan<float> gradients, double learningRate)
    {
        Enter();
        try
        {
            ExplicitLearningRate = Hyperparameter.Check(learningRate, ValueRange.NonNegativeSingle, nameof(learningRate));
            return StepSingle(parameters, gradients);
        }
        finally
        {
            Exit();
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
    /// <param name="learningRate">The rate this update uses: finite, at least 0 and at most <see cref="float.MaxValue"/>.</param>
    /// <returns>Whether the update was applied or skipped (see <see cref="NonFiniteGradientPolicy.SkipStep"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is out of range. Nothing was changed.</exception>
    /// <exception cref="ArgumentException">
    /// As for <see cref="Step(ReadOnlySpan{Memory{float}}, ReadOnlySpan{ReadOnlyMemory{float}})"/>. Nothing was changed.
    /// </exception>
    /// <exception cref="InvalidOperationException">Another thread is inside a call of this instance. Nothing was changed.</exception>
    public StepResult Step(ReadOnlySpan<Memory<float>> parameters, ReadOnlySpan<ReadOnlyMemory<float>> gradients, double learningRate)
    {
        Enter();
        try
        {
            ExplicitLearningRate = Hyperparameter.Check(learningRate, ValueRange.NonNegativeSingle, nameof(learningRate));
            return StepMany(parameters, gradients);
        }
        finally
        {
            Exit();
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
        else if (phase == NormPhase)
        {
            _partialNorms[unit] = PartialNorm(g);
        }
        else
        {
            Update(tensor, offset, _stagedParameters[tensor].Span.Slice(offset, length), g);
        }
    }

    /// <summary>
    /// The schedule's rate for <paramref name="step"/>: one interface call; the generic optimizers override it with the
    /// compiled schedule's static <c>At</c>.
    /// </summary>
    private protected virtual double LearningRateAt(long step) => _learningRateSchedule.At(step);

    /// <summary>
    /// Evaluates every scalar of update <paramref name="step"/> (schedules, bias corrections, <see cref="Clip"/>) for
    /// every group into fields the kernels read. May throw; must not change any state.
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

    /// <summary>
    /// The learning rate of update <paramref name="step"/> for <paramref name="group"/>: the explicit rate or the
    /// schedule's, times the group's scale, checked against the learning-rate range.
    /// </summary>
    internal double GroupLearningRate(long step, int group)
    {
        double lr = ExplicitLearningRate ?? Hyperparameter.CheckScheduled(LearningRateAt(step), ValueRange.NonNegativeSingle, "learning rate", step);
        double scale = _groupRateScale[group];
        double scaled = lr * scale;
        return scale == 1 || Hyperparameter.InRange(scaled, ValueRange.NonNegativeSingle)
            ? scaled + 0.0
            : Hyperparameter.CheckScheduled(scaled, ValueRange.NonNegativeSingle, $"group {group} learning rate", step); // throws; the name is built only then
    }

    /// <summary>The weight decay of <paramref name="group"/>: its own constant, or <paramref name="inherited"/>.</summary>
    internal double GroupWeightDecay(int group, double inherited) => _groupWeightDecay[group] ?? inherited;

    /// <summary>The slice of state buffer <paramref name="buffer"/> of tensor <paramref name="tensor"/>.</summary>
    internal Span<float> Buffer(int buffer, int tensor, int offset, int length)
        => _buffers[tensor * BuffersPerTensor + buffer].AsSpan(offset, length);

    /// <summary>The whole of state buffer <paramref name="buffer"/> of tensor <paramref name="tensor"/>.</summary>
    internal float[] BufferArray(int buffer, int tensor) => _buffers[tensor * BuffersPerTensor + buffer];

    /// <summary>Returns whether any element is NaN or ±∞ (x·0 is 0 for finite x and NaN otherwise).</summary>
    internal static bool HasNonFinite(ReadOnlySpan<float> values)
    {
        // Four independent accumulators a + x·0 (one fused multiply-add with the load folded in: exact, since x·0 is
        // ±0 or NaN) over refs at byte offsets (no bounds checks; every address is base + offset + constant), so the
        // loop is bound by memory rather than by the add latency.
        nint size = Unsafe.SizeOf<Vector<float>>();
        nint bytes = values.Length / Vector<float>.Count * size;
        ref Vector<float> v = ref Unsafe.As<float, Vector<float>>(ref MemoryMarshal.GetReference(values));
        Vector<float> zero = Vector<float>.Zero;
        Vector<float> a0 = zero, a1 = zero, a2 = zero, a3 = zero;
        nint o = 0;
        for (; o <= bytes - (4 * size); o += 4 * size)
        {
            a0 = VectorMath.FusedMultiplyAdd(Unsafe.AddByteOffset(ref v, o), zero, a0);
            a1 = VectorMath.FusedMultiplyAdd(Unsafe.AddByteOffset(ref v, o + size), zero, a1);
            a2 = VectorMath.FusedMultiplyAdd(Unsafe.AddByteOffset(ref v, o + (2 * size)), zero, a2);
            a3 = VectorMath.FusedMultiplyAdd(Unsafe.AddByteOffset(ref v, o + (3 * size)), zero, a3);
        }

        for (; o < bytes; o += size)
        {
            a0 = VectorMath.FusedMultiplyAdd(Unsafe.AddByteOffset(ref v, o), zero, a0);
        }

        if (!Vector.EqualsAll((a0 + a1) + (a2 + a3), Vector<float>.Zero))
        {
            return true;
        }

        foreach (float x in values.Slice((int)(bytes / sizeof(float))))
        {
            if (!float.IsFinite(x))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Σ x² in double with a fixed association, whatever the hardware: 32 lanes (element i in lane i mod 32 while whole
    /// blocks of 32 remain, each square exact in double), as eight groups of four lanes g₀…g₇ (lanes 4j…4j+3) combined
    /// lane-wise ((g₀ + g₁) + (g₂ + g₃)) + ((g₄ + g₅) + (g₆ + g₇)), those four lanes as (s₀ + s₁) + (s₂ + s₃), then the
    /// tail in element order. NaN or +∞ when an element is not finite.
    /// </summary>
    /// <remarks>
    /// Each lane is one dependent chain of adds, so the pass handles at most (lanes / add latency) floats per cycle:
    /// 32 chains keep the float→double conversions, not the chains, the limit. With AVX-512 each group pair is one
    /// 512-bit accumulator (g₂ⱼ in its lower half, g₂ⱼ₊₁ in its upper half: the same lanes and the same bits).
    /// </remarks>
    internal static double SumOfSquares(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        nint i = 0;
        nint end = values.Length - 32;
        Vector256<double> g0, g1, g2, g3, g4, g5, g6, g7;
        if (Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Avx512F.IsSupported)
        {
            // Each 8-float load folded into its conversion (vcvtps2pd zmm, m256): 4 conversions and 4 FMAs per 32 floats.
            Vector512<double> a0 = Vector512<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (; i <= end; i += 32)
            {
                a0 = AddSquare(a0, System.Runtime.Intrinsics.X86.Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref start, (nuint)i)));
                a1 = AddSquare(a1, System.Runtime.Intrinsics.X86.Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref start, (nuint)(i + 8))));
                a2 = AddSquare(a2, System.Runtime.Intrinsics.X86.Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref start, (nuint)(i + 16))));
                a3 = AddSquare(a3, System.Runtime.Intrinsics.X86.Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref start, (nuint)(i + 24))));
            }

            (g0, g1, g2, g3, g4, g5, g6, g7) = (a0.GetLower(), a0.GetUpper(), a1.GetLower(), a1.GetUpper(), a2.GetLower(), a2.GetUpper(), a3.GetLower(), a3.GetUpper());
        }
        else
        {
            g0 = g1 = g2 = g3 = g4 = g5 = g6 = g7 = Vector256<double>.Zero;
            if (System.Runtime.Intrinsics.X86.Avx.IsSupported)
            {
                // Each 4-float load folded into its conversion (vcvtps2pd ymm, m128): 8 conversions and 8 FMAs per 32 floats.
                for (; i <= end; i += 32)
                {
                    g0 = AddSquare(g0, System.Runtime.Intrinsics.X86.Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref start, (nuint)i)));
                    g1 = AddSquare(g1, System.Runtime.Intrinsics.X86.Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref start, (nuint)(i + 4))));
                    g2 = AddSquare(g2, System.Runtime.Intrinsics.X86.Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref start, (nuint)(i + 8))));
                    g3 = AddSquare(g3, System.Runtime.Intrinsics.X86.Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref start, (nuint)(i + 12))));
                    g4 = AddSquare(g4, System.Runtime.Intrinsics.X86.Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref start, (nuint)(i + 16))));
                    g5 = AddSquare(g5, System.Runtime.Intrinsics.X86.Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref start, (nuint)(i + 20))));
                    g6 = AddSquare(g6, System.Runtime.Intrinsics.X86.Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref start, (nuint)(i + 24))));
                    g7 = AddSquare(g7, System.Runtime.Intrinsics.X86.Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref start, (nuint)(i + 28))));
                }
            }
            else
            {
                for (; i <= end; i += 32)
                {
                    (Vector256<double> l0, Vector256<double> h0) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)i));
                    (Vector256<double> l1, Vector256<double> h1) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)(i + 8)));
                    (Vector256<double> l2, Vector256<double> h2) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)(i + 16)));
                    (Vector256<double> l3, Vector256<double> h3) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)(i + 24)));
                    g0 = AddSquare(g0, l0);
                    g1 = AddSquare(g1, h0);
                    g2 = AddSquare(g2, l1);
                    g3 = AddSquare(g3, h1);
                    g4 = AddSquare(g4, l2);
                    g5 = AddSquare(g5, h2);
                    g6 = AddSquare(g6, l3);
                    g7 = AddSquare(g7, h3);
                }
            }
        }

        Vector256<double> s = ((g0 + g1) + (g2 + g3)) + ((g4 + g5) + (g6 + g7));
        double sum = (s.GetElement(0) + s.GetElement(1)) + (s.GetElement(2) + s.GetElement(3));
        for (; i < values.Length; i++)
        {
            double x = values[(int)i];
            sum += x * x;
        }

        return sum;
    }

    /// <summary>
    /// a + x·x per lane. The square of a float is exact in double, so the fused form (one instruction where FMA exists,
    /// fewer for the ports the float→double conversions also need) rounds exactly as the separate multiply and add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> AddSquare(Vector256<double> a, Vector256<double> x)
        => System.Runtime.Intrinsics.X86.Fma.IsSupported ? System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(x, x, a) : a + (x * x);

    /// <inheritdoc cref="AddSquare(Vector256{double}, Vector256{double})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> AddSquare(Vector512<double> a, Vector512<double> x)
        => System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? System.Runtime.Intrinsics.X86.Avx512F.FusedMultiplyAdd(x, x, a) : a + (x * x);

    /// <summary>max |x| as a double (order-independent, so exact); NaN when an element is NaN, else +∞ when one is infinite.</summary>
    internal static double MaxAbs(ReadOnlySpan<float> values)
    {
        ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        Vector<float> max = Vector<float>.Zero;
        Vector<float> probe = Vector<float>.Zero; // x·0: 0 for finite x, NaN otherwise
        foreach (Vector<float> v in vectors)
        {
            max = Vector.Max(max, Vector.Abs(v));
            probe = VectorMath.FusedMultiplyAdd(v, Vector<float>.Zero, probe);
        }

        float m = 0;
        for (int k = 0; k < Vector<float>.Count; k++)
        {
            m = MathF.Max(m, max[k]);
        }

        bool nonFinite = !Vector.EqualsAll(probe, Vector<float>.Zero);
        foreach (float x in values.Slice(vectors.Length * Vector<float>.Count))
        {
            nonFinite |= !float.IsFinite(x);
            m = MathF.Max(m, MathF.Abs(x));
        }

        if (!nonFinite)
        {
            return m;
        }

        foreach (float x in values)
        {
            if (float.IsNaN(x))
            {
                return double.NaN; // max propagates NaN, as torch.max does
            }
        }

        return double.PositiveInfinity;
    }

    private void Enter()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            throw new InvalidOperationException(
                $"This {Algorithm} optimizer is already in use by another thread (a step or checkpoint call is running); an optimizer is not thread-safe. Nothing was changed.");
        }
    }

    private void Exit()
    {
        ExplicitLearningRate = null;
        Volatile.Write(ref _busy, 0);
    }

    private StepResult StepSingle(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (_lengths.Length != 1)
        {
            throw new ArgumentException(
                $"This optimizer has {_lengths.Length} parameter tensors; pass them all to Step(ReadOnlySpan<Memory<float>>, ReadOnlySpan<ReadOnlyMemory<float>>).",
                nameof(parameters));
        }

        ValidateTensor(0, parameters, gradients);
        int bad = -1;
        if (_partialNorms.Length != 0)
        {
            PartialNorms(0, gradients);
            bad = FinishNorm();
        }
        else
        {
            Clip = ValueClip();
            if (NonFiniteGradients != NonFiniteGradientPolicy.Propagate && HasNonFinite(gradients))
            {
                bad = 0;
            }
        }

        if (bad >= 0)
        {
            return RejectNonFinite(bad);
        }

        PrepareStep(StepCount);
        if (_partialNorms.Length != 0 || NonFiniteGradients != NonFiniteGradientPolicy.Propagate)
        {
            UpdateLastUnitFirst(0, parameters, gradients);
        }
        else
        {
            Update(0, 0, parameters, gradients);
        }

        return Commit();
    }

    private StepResult StepMany(ReadOnlySpan<Memory<float>> parameters, ReadOnlySpan<ReadOnlyMemory<float>> gradients)
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

        bool norm = _partialNorms.Length != 0;
        bool check = NonFiniteGradients != NonFiniteGradientPolicy.Propagate;
        if (_runner is null)
        {
            int bad = -1;
            if (norm)
            {
                for (int t = 0; t < _lengths.Length; t++)
                {
                    PartialNorms(t, gradients[t].Span);
                }

                bad = FinishNorm();
            }
            else
            {
                Clip = ValueClip();
                for (int t = 0; check && bad < 0 && t < _lengths.Length; t++)
                {
                    bad = HasNonFinite(gradients[t].Span) ? t : -1;
                }
            }

            if (bad >= 0)
            {
                return RejectNonFinite(bad);
            }

            PrepareStep(StepCount);
            if (norm || check)
            {
                for (int t = _lengths.Length - 1; t >= 0; t--)
                {
                    UpdateLastUnitFirst(t, parameters[t].Span, gradients[t].Span);
                }
            }
            else
            {
                for (int t = 0; t < _lengths.Length; t++)
                {
                    Update(t, 0, parameters[t].Span, gradients[t].Span);
                }
            }

            return Commit();
        }

        parameters.CopyTo(_stagedParameters);
        gradients.CopyTo(_stagedGradients);
        try
        {
            _rejectedTensor = -1;
            _nonFiniteSeen = 0;
            if (!norm)
            {
                Clip = ValueClip();
                if (!check)
                {
                    PrepareStep(StepCount);
                }
            }

            _runner.Run(norm ? NormPhase : check ? CheckPhase : NoGradientPass);
        }
        finally
        {
            Array.Clear(_stagedParameters);
            Array.Clear(_stagedGradients);
        }

        return _rejectedTensor >= 0 ? RejectNonFinite(_rejectedTensor) : Commit();
    }

    /// <summary>
    /// Called by <see cref="ParallelStepRunner"/> on the calling thread after the threaded gradient pass and before
    /// any update: finishes the norm or the check, and, when the step goes ahead, evaluates its scalars. Returns
    /// whether to run the update pass; a rejected step leaves the tensor to report in <see cref="_rejectedTensor"/>.
    /// </summary>
    internal bool BetweenPasses()
    {
        int bad = _partialNorms.Length != 0
            ? FinishNorm()
            : Volatile.Read(ref _nonFiniteSeen) != 0 ? FirstNonFiniteTensor(_stagedGradients) : -1;
        if (bad >= 0)
        {
            _rejectedTensor = bad;
            return false;
        }

        PrepareStep(StepCount);
        return true;
    }

    /// <summary>
    /// Updates tensor <paramref name="tensor"/> unit by unit, last unit first (after a gradient pass, the last
    /// gradients read are the likeliest to be still in cache). Each element gets the same arithmetic as in one call.
    /// </summary>
    private void UpdateLastUnitFirst(int tensor, Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        int last = tensor + 1 < _firstUnit.Length ? _firstUnit[tensor + 1] - 1 : _unitTensor.Length - 1;
        for (int u = last; u >= _firstUnit[tensor]; u--)
        {
            int offset = _unitOffset[u];
            Update(tensor, offset, parameters.Slice(offset, _unitLength[u]), gradients.Slice(offset, _unitLength[u]));
        }
    }

    private GradientClip ValueClip()
        => _clipping is { Mode: GradientClippingMode.Value } c ? GradientClip.ByValue((float)c.Threshold) : GradientClip.None;

    private double PartialNorm(ReadOnlySpan<float> chunk)
        => _clipping!.NormType == GradientNormType.L2 ? SumOfSquares(chunk) : MaxAbs(chunk);

    /// <summary>The partial norms of every unit of tensor <paramref name="tensor"/>, on the calling thread (same chunks as the threaded path).</summary>
    private void PartialNorms(int tensor, ReadOnlySpan<float> gradients)
    {
        int u = _firstUnit[tensor];
        for (int offset = 0; u < _unitTensor.Length && _unitTensor[u] == tensor; u++, offset += ChunkLength)
        {
            _partialNorms[u] = PartialNorm(gradients.Slice(offset, _unitLength[u]));
        }
    }

    /// <summary>
    /// Combines the partial norms in unit order into <see cref="LastGradientNorm"/> and sets <see cref="Clip"/> to
    /// PyTorch's factor; returns the first tensor to reject for a non-finite norm, or −1.
    /// </summary>
    private int FinishNorm()
    {
        bool l2 = _clipping!.NormType == GradientNormType.L2;
        double total = 0;
        foreach (double partial in _partialNorms)
        {
            total = l2 ? total + partial : (double.IsNaN(partial) || partial > total ? partial : total);
        }

        double norm = l2 ? Math.Sqrt(total) : total;
        LastGradientNorm = norm;

        // PyTorch 1.13: clip_coef = max_norm / (total_norm + 1e-6) on a float32 tensor, which Tensor.__rdiv__ evaluates
        // as reciprocal(total_norm + 1e-6) * max_norm; then clamp(max=1.0). NaN stays NaN.
        float denominator = (float)norm + 1e-6f;
        float coefficient = (1f / denominator) * (float)_clipping.Threshold;
        Clip = GradientClip.ByFactor(coefficient > 1f ? 1f : coefficient);
        if (double.IsFinite(norm))
        {
            return -1;
        }

        if (NonFiniteGradients == NonFiniteGradientPolicy.Propagate)
        {
            if (!_clipping.ErrorIfNonFinite)
            {
                return -1;
            }

            throw new ArgumentException(
                $"The total norm of order {(l2 ? "2" : "inf")} of the gradients is {Hyperparameter.Format(norm)} at update {StepCount}, so it cannot be clipped (error_if_nonfinite); no parameter or optimizer state was changed.",
                "gradients");
        }

        for (int u = 0; u < _partialNorms.Length; u++)
        {
            if (!double.IsFinite(_partialNorms[u]))
            {
                return _unitTensor[u];
            }
        }

        return 0;
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

    private static int FirstNonFiniteTensor(ReadOnlyMemory<float>[] gradients)
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

    private static (int[] GroupOf, double[] Scale, double?[] WeightDecay) Groups(IReadOnlyList<ParameterGroup>? groups, int tensorCount, List<Setting> settings)
    {
        int count = groups?.Count ?? 0;
        int[] groupOf = new int[tensorCount];
        double[] scale = new double[count + 1];
        double?[] weightDecay = new double?[count + 1];
        scale[0] = 1;
        for (int g = 1; g <= count; g++)
        {
            ParameterGroup group = groups![g - 1] ?? throw new ArgumentNullException(nameof(OptimizerOptions.ParameterGroups), $"Parameter group {g} is null.");
            string name = $"ParameterGroups[{g - 1}]";
            scale[g] = Hyperparameter.Check(group.LearningRateScale, ValueRange.NonNegativeSingle, $"{name}.LearningRateScale");
            weightDecay[g] = group.WeightDecay is double wd ? Hyperparameter.Check(wd, ValueRange.NonNegativeSingle, $"{name}.WeightDecay") : null;
            foreach (int t in group.Tensors)
            {
                if ((uint)t >= (uint)tensorCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(OptimizerOptions.ParameterGroups), t, $"{name} lists tensor {t}; the optimizer has tensors 0 to {tensorCount - 1}.");
                }

                if (groupOf[t] != 0)
                {
                    throw new ArgumentException($"Tensor {t} is listed in parameter groups {groupOf[t] - 1} and {g - 1}; a tensor belongs to one group at most.", nameof(OptimizerOptions.ParameterGroups));
                }

                groupOf[t] = g;
            }

            settings.Add(Setting.Of($"group {g} tensors", string.Join(",", group.Tensors)));
            settings.Add(Setting.Number($"group {g} LearningRateScale", scale[g]));
            settings.Add(weightDecay[g] is double d ? Setting.Number($"group {g} WeightDecay", d) : Setting.Of($"group {g} WeightDecay", "inherited"));
        }

        return (groupOf, scale, weightDecay);
    }

    private static ulong Fingerprint(OptimizerAlgorithm algorithm, Setting[] settings)
    {
        const ulong prime = 1099511628211;
        ulong hash = 14695981039346656037;
        void Add(ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes)
            {
                hash = (hash ^ b) * prime;
            }
        }

        Add(BitConverter.GetBytes((uint)algorithm));
        foreach (Setting s in settings)
        {
            Add(Encoding.UTF8.GetBytes(s.Name));
            Add([(byte)s.Kind]);
            Add(BitConverter.GetBytes(s.Value));
            Add(Encoding.UTF8.GetBytes(s.Text));
        }

        return hash;
    }
}
