using System;
using System.Numerics;
using System.Runtime.CompilerServices;
#if !NET9_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace ScheduleDsl.Kernels;

/// <summary>
/// The <see cref="Vector{T}"/> operations that .NET 9 added, with a per-lane fallback for net8.0.
/// </summary>
/// <remarks>
/// <para>
/// Kernels call these instead of <see cref="Vector"/> directly, so that the runtime library builds for
/// every target framework the package ships. On .NET 9 and later each method is the <see cref="Vector"/>
/// intrinsic; on net8.0 it applies the <see cref="Math"/> function to each lane (correct, same values as
/// the scalar formulas, but not vectorized — net8.0 <c>Fill</c> is slower for cosine, exponential and
/// polynomial phases).
/// </para>
/// <para>
/// The fallbacks (<c>…PerLane</c>) are compiled for every target so that the tests, which run on the
/// newest framework, can compare them with the intrinsics. A new kernel that needs another .NET 9+
/// <see cref="Vector"/> API (for example <c>Vector.FusedMultiplyAdd</c>) adds it here the same way.
/// </para>
/// </remarks>
internal static class VectorMath
{
    /// <summary>(0, 1, 2, …, Count − 1).</summary>
    public static Vector<double> Indices
#if NET9_0_OR_GREATER
        => Vector<double>.Indices;
#else
        => IndicesPerLane();
#endif

    /// <summary>sin(x) per lane.</summary>
    public static Vector<double> Sin(Vector<double> x)
#if NET9_0_OR_GREATER
        => Vector.Sin(x);
#else
        => SinPerLane(x);
#endif

    /// <summary>eˣ per lane.</summary>
    public static Vector<double> Exp(Vector<double> x)
#if NET9_0_OR_GREATER
        => Vector.Exp(x);
#else
        => ExpPerLane(x);
#endif

    /// <summary>ln(x) per lane.</summary>
    public static Vector<double> Log(Vector<double> x)
#if NET9_0_OR_GREATER
        => Vector.Log(x);
#else
        => LogPerLane(x);
#endif

    /// <summary>a·b + c per lane, rounded once.</summary>
    public static Vector<double> FusedMultiplyAdd(Vector<double> a, Vector<double> b, Vector<double> c)
#if NET9_0_OR_GREATER
        => Vector.FusedMultiplyAdd(a, b, c);
#else
        => FusedMultiplyAddPerLane(a, b, c);
#endif

    /// <summary>Each lane set to its index.</summary>
    internal static Vector<double> IndicesPerLane()
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = i;
        }

        return new Vector<double>(lanes);
    }

    /// <summary><see cref="Math.Sin"/> applied to each lane.</summary>
    internal static Vector<double> SinPerLane(Vector<double> x) => PerLane<SinFunction>(x);

    /// <summary><see cref="Math.Exp"/> applied to each lane.</summary>
    internal static Vector<double> ExpPerLane(Vector<double> x) => PerLane<ExpFunction>(x);

    /// <summary><see cref="Math.Log(double)"/> applied to each lane.</summary>
    internal static Vector<double> LogPerLane(Vector<double> x) => PerLane<LogFunction>(x);

    /// <summary>
    /// a·b + c with a single rounding per lane, as PyTorch's float32 kernels compute <c>add_(y, alpha)</c>.
    /// On net8.0 this uses the x86 FMA instructions when <see cref="Vector{T}"/> is 128 or 256 bits wide and
    /// <see cref="MathF.FusedMultiplyAdd"/> per lane otherwise; every path gives the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> FusedMultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> c)
    {
#if NET9_0_OR_GREATER
        return Vector.FusedMultiplyAdd(a, b, c);
#else
        if (Fma.IsSupported && Vector<float>.Count == Vector256<float>.Count)
        {
            return Fma.MultiplyAdd(a.AsVector256(), b.AsVector256(), c.AsVector256()).AsVector();
        }

        if (Fma.IsSupported && Vector<float>.Count == Vector128<float>.Count)
        {
            return Fma.MultiplyAdd(a.AsVector128(), b.AsVector128(), c.AsVector128()).AsVector();
        }

        return FusedMultiplyAddPerLane(a, b, c);
#endif
    }

    /// <summary><see cref="MathF.FusedMultiplyAdd"/> applied to each lane.</summary>
    internal static Vector<float> FusedMultiplyAddPerLane(Vector<float> a, Vector<float> b, Vector<float> c)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = MathF.FusedMultiplyAdd(a[i], b[i], c[i]);
        }

        return new Vector<float>(lanes);
    }

    /// <summary><see cref="Math.FusedMultiplyAdd"/> applied to each lane.</summary>
    internal static Vector<double> FusedMultiplyAddPerLane(Vector<double> a, Vector<double> b, Vector<double> c)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = Math.FusedMultiplyAdd(a[i], b[i], c[i]);
        }

        return new Vector<double>(lanes);
    }

    private static Vector<double> PerLane<TFunction>(Vector<double> x)
        where TFunction : struct, IScalarFunction
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        x.CopyTo(lanes);
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = TFunction.Apply(lanes[i]);
        }

        return new Vector<double>(lanes);
    }

    private interface IScalarFunction
    {
        static abstract double Apply(double x);
    }

    private readonly struct SinFunction : IScalarFunction
    {
        public static double Apply(double x) => Math.Sin(x);
    }

    private readonly struct ExpFunction : IScalarFunction
    {
        public static double Apply(double x) => Math.Exp(x);
    }

    private readonly struct LogFunction : IScalarFunction
    {
        public static double Apply(double x) => Math.Log(x);
    }
}
