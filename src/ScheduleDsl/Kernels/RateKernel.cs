using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ScheduleDsl.Kernels;

/// <summary>A rate as a function of the local step, in scalar and <see cref="Vector{T}"/> form.</summary>
/// <remarks>
/// Both forms must perform the same operations in the same order as the matching method in
/// <c>ScheduleDsl.Formulas</c>, so that a filled value equals the scalar one wherever no transcendental
/// function is involved.
/// </remarks>
internal interface IRateOperator
{
    /// <summary>
    /// The rate at local step <paramref name="t"/>: exactly what the matching formula returns for that step (the
    /// generated <c>At</c> passes the same <see cref="long"/>, converted the same way).
    /// </summary>
    double Scalar(long t);

    /// <summary>The rates at the local steps in <paramref name="t"/>.</summary>
    Vector<double> Vector(Vector<double> t);
}

/// <summary>Drives an <see cref="IRateOperator"/> over a span: a <see cref="Vector{T}"/> loop plus a scalar tail.</summary>
internal static class RateKernel
{
    /// <summary>2⁵³: every step up to it converts to double exactly, and so do the running sums of the vector loop.</summary>
    public const long MaxVectorStep = 1L << 53;

    /// <summary>
    /// destination[i] = (float)op(firstStep + i). The vector loop carries the steps as doubles, which are exact up to
    /// <see cref="MaxVectorStep"/>; a span reaching past it is filled by the scalar form with the exact
    /// <see cref="long"/> step, so that <c>Fill</c> agrees with <c>AtSingle</c> at every step up to
    /// <see cref="long.MaxValue"/> (docs/numeric-range.md). Two <see cref="Vector{T}"/> of double are evaluated per
    /// <see cref="Vector{T}"/> of float and narrowed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TOp>(Span<float> destination, long firstStep, TOp op)
        where TOp : struct, IRateOperator
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && destination.Length >= Vector<float>.Count && firstStep <= MaxVectorStep - destination.Length)
        {
            var width = new Vector<double>(Vector<double>.Count);
            var t = VectorMath.Indices + new Vector<double>(firstStep);
            int last = destination.Length - Vector<float>.Count;
            for (; i <= last; i += Vector<float>.Count)
            {
                Vector<double> lower = op.Vector(t);
                t += width;
                Vector<double> upper = op.Vector(t);
                t += width;
                Vector.Narrow(lower, upper).CopyTo(destination.Slice(i));
            }
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = (float)op.Scalar(firstStep + i);
        }
    }
}
