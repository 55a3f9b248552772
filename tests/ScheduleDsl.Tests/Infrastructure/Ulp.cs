using System;

namespace ScheduleDsl.Tests.Infrastructure;

public static class Ulp
{
    /// <summary>The distance in units in the last place between two finite floats of the same sign (or zeros).</summary>
    public static long Distance(float a, float b)
    {
        int x = BitConverter.SingleToInt32Bits(a);
        int y = BitConverter.SingleToInt32Bits(b);
        if ((x < 0) != (y < 0))
        {
            return a == b ? 0 : long.MaxValue;
        }

        return Math.Abs((long)x - y);
    }

    public static bool WithinRelative(double actual, double expected, double tolerance)
        => Math.Abs(actual - expected) <= tolerance * Math.Abs(expected);
}
