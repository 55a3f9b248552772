using System;
using Xunit;

namespace ScheduleDsl.Optimizers.Tests;

/// <summary>
/// The chunk sum of squares behind clipping by L2 norm, against a scalar float64 reference that spells out the
/// documented association (docs/optimizers.md, "Gradient clipping"): element i goes to lane i mod 32 while whole
/// blocks of 32 remain, each lane adds its squares in element order; lane k of four partial sums s is
/// ((lane k + lane k+4) + (lane k+8 + lane k+12)) + ((lane k+16 + lane k+20) + (lane k+24 + lane k+28)), the total is
/// (s0 + s1) + (s2 + s3), then the tail elements are added in order. Bit equality, at lengths around a block.
/// </summary>
public class NormArithmeticTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    [InlineData(65_536)]
    public void The_sum_of_squares_follows_the_documented_association_bit_for_bit(int length)
    {
        var random = new Random(length + 3);
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            // Magnitudes over many binades, so that a different association would round differently.
            values[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-30, 30)));
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(Reference(values)), BitConverter.DoubleToInt64Bits(Optimizer.SumOfSquares(values)));
    }

    private static double Reference(float[] values)
    {
        double[] lane = new double[32];
        int blocks = values.Length / 32;
        for (int b = 0; b < blocks; b++)
        {
            for (int k = 0; k < 32; k++)
            {
                double x = values[b * 32 + k];
                lane[k] += x * x;
            }
        }

        // Eight groups of four lanes each (lanes 0–3, 4–7, …, 28–31), combined ((g0 + g1) + (g2 + g3)) + ((g4 + g5) + (g6 + g7)) lane-wise.
        double[] s = new double[4];
        for (int k = 0; k < 4; k++)
        {
            s[k] = ((lane[k] + lane[4 + k]) + (lane[8 + k] + lane[12 + k])) + ((lane[16 + k] + lane[20 + k]) + (lane[24 + k] + lane[28 + k]));
        }

        double sum = (s[0] + s[1]) + (s[2] + s[3]);
        for (int i = blocks * 32; i < values.Length; i++)
        {
            double x = values[i];
            sum += x * x;
        }

        return sum;
    }
}
