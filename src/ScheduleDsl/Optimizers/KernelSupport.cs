using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using ScheduleDsl.Kernels;

namespace ScheduleDsl.Optimizers;

/// <summary>The clipping a step applies to each gradient element before the update (see <see cref="GradientClipping"/>).</summary>
internal readonly struct GradientClip
{
    /// <summary>Multiply by <see cref="Factor"/> (clipping by norm).</summary>
    public readonly bool Scale;

    /// <summary>Clamp to [−<see cref="Limit"/>, <see cref="Limit"/>] (clipping by value).</summary>
    public readonly bool Clamp;

    public readonly float Factor;

    public readonly float Limit;

    private GradientClip(bool scale, bool clamp, float factor, float limit)
    {
        Scale = scale;
        Clamp = clamp;
        Factor = factor;
        Limit = limit;
    }

    public static GradientClip None => default;

    public static GradientClip ByFactor(float factor) => new(true, false, factor, 0);

    public static GradientClip ByValue(float limit) => new(false, true, 0, limit);
}

/// <summary>The gradient term of a kernel, as a struct type argument so that the JIT specialises each loop for it.</summary>
/// <remarks>
/// The vector overload takes the parameters by reference: a term that does not use them (plain, scaled) then costs no
/// load, and the loop's final <c>p ← fma(…, p)</c> reads p as a memory operand, as a hand-written loop does.
/// </remarks>
internal interface IGradientTerm
{
    Vector<float> Of(Vector<float> g, ref readonly Vector<float> p);

    float Of(float g, float p);
}

/// <summary>d = g: no maximize, no L2 weight decay, no clipping (the common case, with nothing per element).</summary>
internal readonly struct PlainGradient : IGradientTerm
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Of(Vector<float> g, ref readonly Vector<float> p) => g;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Of(float g, float p) => g;
}

/// <summary>d = g·c: clipping by norm only.</summary>
internal readonly struct ScaledGradient(float factor) : IGradientTerm
{
    private readonly float _factor = factor;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Of(Vector<float> g, ref readonly Vector<float> p) => g * new Vector<float>(_factor);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Of(float g, float p) => g * _factor;
}

/// <summary>
/// The gradient as PyTorch's single-tensor optimizers see it after clipping: g′ = clip(g) (g·c for clipping by norm,
/// min(max(g, −c), c) by value), d = (maximize ? −g′ : g′), then <c>grad.add(param, alpha=λ)</c> = fma(λ, p, d) when λ ≠ 0.
/// </summary>
internal readonly struct GradientTerm : IGradientTerm
{
    private readonly bool _maximize;
    private readonly bool _decay;
    private readonly bool _scale;
    private readonly bool _clamp;
    private readonly float _lambda;
    private readonly float _factor;
    private readonly float _limit;

    public GradientTerm(bool maximize, double weightDecay, in GradientClip clip)
    {
        _maximize = maximize;
        _decay = weightDecay != 0;
        _lambda = (float)weightDecay;
        _scale = clip.Scale;
        _clamp = clip.Clamp;
        _factor = clip.Factor;
        _limit = clip.Limit;
    }

    /// <summary>Whether d = g exactly (<see cref="PlainGradient"/> computes the same bits).</summary>
    public bool IsPlain => !_maximize && !_decay && !_scale && !_clamp;

    /// <summary>Whether d = g·<see cref="Factor"/> exactly (<see cref="ScaledGradient"/> computes the same bits).</summary>
    public bool IsScaleOnly => _scale && !_maximize && !_decay && !_clamp;

    public float Factor => _factor;

    /// <summary>
    /// Runs <typeparamref name="TKernel"/>'s loop specialised for this term: <see cref="PlainGradient"/> when d = g,
    /// <see cref="ScaledGradient"/> when d = g·c, else this general term (the one three-way choice of every kernel).
    /// The kernel is a struct type argument and its loop a static method, so each call is direct and each loop is
    /// compiled for its term (no per-element flag tests in the common cases).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dispatch<TKernel, TScalars>(in KernelStreams streams, in TScalars scalars)
        where TKernel : struct, IGradientTermKernel<TScalars>
        where TScalars : struct
    {
        if (IsPlain)
        {
            TKernel.Run(streams, scalars, default(PlainGradient));
        }
        else if (IsScaleOnly)
        {
            TKernel.Run(streams, scalars, new ScaledGradient(_factor));
        }
        else
        {
            TKernel.Run(streams, scalars, this);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Of(Vector<float> g, ref readonly Vector<float> p)
    {
        if (_scale)
        {
            g *= new Vector<float>(_factor);
        }

        if (_clamp)
        {
            g = Vector.Min(Vector.Max(g, new Vector<float>(-_limit)), new Vector<float>(_limit));
        }

        Vector<float> d = _maximize ? -g : g;
        return _decay ? VectorMath.FusedMultiplyAdd(new Vector<float>(_lambda), p, d) : d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Of(float g, float p)
    {
        if (_scale)
        {
            g *= _factor;
        }

        if (_clamp)
        {
            g = MathF.Min(MathF.Max(g, -_limit), _limit);
        }

        float d = _maximize ? -g : g;
        return _decay ? MathF.FusedMultiplyAdd(_lambda, p, d) : d;
    }
}

/// <summary>
/// An optimizer's element loop, generic over its gradient term, called back by
/// <see cref="GradientTerm.Dispatch{TKernel, TScalars}"/> (a visitor over the three term types, as a struct type with a
/// static method so that the call is direct and inlinable).
/// </summary>
/// <typeparam name="TScalars">The per-step scalars of the algorithm.</typeparam>
internal interface IGradientTermKernel<TScalars>
    where TScalars : struct
{
    static abstract void Run<TTerm>(in KernelStreams s, in TScalars c, TTerm term)
        where TTerm : struct, IGradientTerm;
}

/// <summary>
/// The slices one kernel call updates: parameters, gradients and up to three state buffers of the same length
/// (<see langword="default"/> when the algorithm does not use them).
/// </summary>
internal readonly ref struct KernelStreams(Span<float> p, ReadOnlySpan<float> g, Span<float> s0 = default, Span<float> s1 = default, Span<float> s2 = default)
{
    public readonly Span<float> P = p;
    public readonly ReadOnlySpan<float> G = g;
    public readonly Span<float> S0 = s0;
    public readonly Span<float> S1 = s1;
    public readonly Span<float> S2 = s2;
}

/// <summary>A compile-time flag, as a struct type argument: the JIT folds <c>TFlag.Value</c> and drops the other branch.</summary>
internal interface IFlag
{
    static abstract bool Value { get; }
}

/// <summary>The flag that is set.</summary>
internal readonly struct On : IFlag
{
    public static bool Value => true;
}

/// <summary>The flag that is not set.</summary>
internal readonly struct Off : IFlag
{
    public static bool Value => false;
}

/// <summary>Helpers shared by the kernels.</summary>
internal static class Lanes
{
    /// <summary>
    /// The whole <see cref="Vector{T}"/>s at the start of <paramref name="values"/>; none when vectors are not
    /// hardware-accelerated, so that the scalar tail, which computes the same bits, does all the work.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<Vector<float>> Of(Span<float> values)
        => Vector.IsHardwareAccelerated ? MemoryMarshal.Cast<float, Vector<float>>(values) : default;

    /// <inheritdoc cref="Of(Span{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<Vector<float>> Of(ReadOnlySpan<float> values)
        => Vector.IsHardwareAccelerated ? MemoryMarshal.Cast<float, Vector<float>>(values) : default;

    /// <summary>
    /// The number of whole <see cref="Vector{T}"/>s at the start of <paramref name="values"/>; 0 when vectors are not
    /// hardware-accelerated (as <see cref="Of(Span{float})"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count(ReadOnlySpan<float> values) => Vector.IsHardwareAccelerated ? values.Length / Vector<float>.Count : 0;

    /// <summary>
    /// The first vector of <paramref name="values"/>, for loops that index with <see cref="Unsafe.Add{T}(ref T, int)"/>
    /// below a <see cref="Count"/> checked against every span (no bounds checks in the loop).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref Vector<float> Ref(Span<float> values) => ref Unsafe.As<float, Vector<float>>(ref MemoryMarshal.GetReference(values));

    /// <inheritdoc cref="Ref(Span{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref Vector<float> Ref(ReadOnlySpan<float> values) => ref Unsafe.As<float, Vector<float>>(ref MemoryMarshal.GetReference(values));

    /// <summary>The index of the first element the vector loop over <paramref name="vectors"/> did not cover.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Tail(ReadOnlySpan<Vector<float>> vectors) => vectors.Length * Vector<float>.Count;

    /// <summary>A hyperparameter expression evaluated in double and rounded to float once, as PyTorch applies it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32(double value) => (float)value;

    /// <summary>
    /// A derived per-step scalar rounded to float, which must be finite: throws an <see cref="ArgumentOutOfRangeException"/>
    /// naming it otherwise (for example lr·λ beyond the float range), before anything is written.
    /// </summary>
    public static float Finite32(double value, string what, long step)
    {
        float f = (float)value;
        if (!float.IsFinite(f))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value), value, $"At update {step}, {what} is {Hyperparameter.Format(value)}, which is not finite in float32; check the learning rate and hyperparameters. Nothing was changed.");
        }

        return f;
    }
}
