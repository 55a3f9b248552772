using System;
using System.Numerics;
using ScheduleDsl.Kernels;
using Xunit;

namespace ScheduleDsl.Tests.Runtime;

/// <summary>
/// The net8.0 per-lane fallbacks of <see cref="VectorMath"/> (compiled for every target, used only on net8.0)
/// against the .NET 9+ intrinsics and the scalar <see cref="Math"/> functions the formulas use.
/// </summary>
public sealed class VectorMathTests
{
    private static Vector<double> Lanes(Func<int, double> value)
    {
        var lanes = new double[Vector<double>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = value(i);
        }

        return new Vector<double>(lanes);
    }

    private static void AssertClose(Vector<double> expected, Vector<double> actual)
    {
        for (int i = 0; i < Vector<double>.Count; i++)
        {
            double tolerance = 1e-14 * Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"lane {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.37)]
    [InlineData(-2.5)]
    [InlineData(40.0)]
    public void Fallbacks_equal_the_scalar_functions_lane_by_lane(double offset)
    {
        Vector<double> x = Lanes(i => offset + (0.41 * i));
        Vector<double> positive = Lanes(i => Math.Abs(offset) + 0.1 + (0.41 * i));
        Vector<double> sin = VectorMath.SinPerLane(x);
        Vector<double> exp = VectorMath.ExpPerLane(x);
        Vector<double> log = VectorMath.LogPerLane(positive);
        Vector<double> fma = VectorMath.FusedMultiplyAddPerLane(x, positive, exp);
        for (int i = 0; i < Vector<double>.Count; i++)
        {
            Assert.Equal(Math.Sin(x[i]), sin[i]);
            Assert.Equal(Math.Exp(x[i]), exp[i]);
            Assert.Equal(Math.Log(positive[i]), log[i]);
            Assert.Equal(Math.FusedMultiplyAdd(x[i], positive[i], exp[i]), fma[i]);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.37)]
    [InlineData(-2.5)]
    [InlineData(40.0)]
    public void Fallbacks_agree_with_the_intrinsics(double offset)
    {
        Vector<double> x = Lanes(i => offset + (0.41 * i));
        Vector<double> positive = Lanes(i => Math.Abs(offset) + 0.1 + (0.41 * i));
        AssertClose(VectorMath.Sin(x), VectorMath.SinPerLane(x));
        AssertClose(VectorMath.Exp(x), VectorMath.ExpPerLane(x));
        AssertClose(VectorMath.Log(positive), VectorMath.LogPerLane(positive));
        AssertClose(VectorMath.FusedMultiplyAdd(x, positive, x), VectorMath.FusedMultiplyAddPerLane(x, positive, x));
    }

    [Fact]
    public void Single_precision_fused_multiply_add_rounds_once_in_every_lane()
    {
        // a·b + c where the unfused product would round away the low bits: fused keeps them.
        var random = new Random(7);
        float[] a = new float[Vector<float>.Count];
        float[] b = new float[Vector<float>.Count];
        float[] c = new float[Vector<float>.Count];
        for (int trial = 0; trial < 1000; trial++)
        {
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = (float)((random.NextDouble() * 2) - 1);
                b[i] = (float)((random.NextDouble() * 2) - 1);
                c[i] = (float)((random.NextDouble() * 2) - 1);
            }

            Vector<float> fused = VectorMath.FusedMultiplyAdd(new Vector<float>(a), new Vector<float>(b), new Vector<float>(c));
            Vector<float> perLane = VectorMath.FusedMultiplyAddPerLane(new Vector<float>(a), new Vector<float>(b), new Vector<float>(c));
            for (int i = 0; i < a.Length; i++)
            {
                Assert.Equal(MathF.FusedMultiplyAdd(a[i], b[i], c[i]), fused[i]);
                Assert.Equal(MathF.FusedMultiplyAdd(a[i], b[i], c[i]), perLane[i]);
            }
        }
    }

    [Fact]
    public void Index_fallback_counts_the_lanes()
    {
        Assert.Equal(VectorMath.Indices, VectorMath.IndicesPerLane());
        Assert.Equal(Lanes(i => i), VectorMath.IndicesPerLane());
    }
}
