using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using ScheduleDsl.Kernels;

namespace ScheduleDsl.Optimizers;

/// <summary>
/// The gradient as PyTorch's single-tensor optimizers see it: d = (maximize ? −g : g), then
/// <c>grad.add(param, alpha=λ)</c> = fma(λ, p, d) when λ ≠ 0.
/// </summary>
internal readonly struct GradientTerm(bool maximize, double weightDecay)
{
    private readonly bool _maximize = maximize;
    private readonly bool _decay = weightDecay != 0;
    private readonly float _lambda = (float)weightDecay;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Of(Vector<float> g, Vector<float> p)
    {
        Vector<float> d = _maximize ? -g : g;
        return _decay ? VectorMath.FusedMultiplyAdd(new Vector<float>(_lambda), p, d) : d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Of(float g, float p)
    {
        float d = _maximize ? -g : g;
        return _decay ? MathF.FusedMultiplyAdd(_lambda, p, d) : d;
    }
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

    /// <summary>The index of the first element the vector loop over <paramref name="vectors"/> did not cover.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Tail(ReadOnlySpan<Vector<float>> vectors) => vectors.Length * Vector<float>.Count;

    /// <summary>A hyperparameter expression evaluated in double and rounded to float once, as PyTorch applies it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32(double value) => (float)value;
}
