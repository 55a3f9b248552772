using System;

namespace ScheduleDsl.Language.Model;

/// <summary>
/// The numeric range in which the generated code keeps its promises, decided here once (docs/numeric-range.md):
/// steps and lengths up to 2⁵³, every rate in [0, <see cref="MaxRate"/>] at every step in [0, <see cref="long.MaxValue"/>].
/// </summary>
internal static class NumericRange
{
    /// <summary>Lengths, starts and milestones are limited to 2⁵³ so that every one converts to double exactly.</summary>
    public const long MaxSteps = 1L << 53;

    /// <summary>The largest rate: <see cref="float.MaxValue"/>, so that <c>AtSingle</c> and <c>Fill</c> stay finite too.</summary>
    public const double MaxRate = float.MaxValue;

    /// <summary>Whether a value is a rate the generated code may return: not NaN, not negative, at most <see cref="MaxRate"/>.</summary>
    public static bool IsRate(double value) => value >= 0 && value <= MaxRate;

    /// <summary>
    /// The first local step in [0, <paramref name="last"/>] at which <paramref name="envelope"/> is not a rate, or null
    /// when it is a rate at <paramref name="last"/>. The envelope must bound the rate from above and, once out of
    /// range, stay out (a non-decreasing bound of a growing phase), so a binary search finds the first step.
    /// </summary>
    public static long? FirstStepOutOfRange(Func<long, double> envelope, long last)
    {
        if (IsRate(envelope(last)))
        {
            return null;
        }

        long lo = 0;
        long hi = last;
        while (lo < hi)
        {
            long mid = lo + ((hi - lo) / 2);
            if (IsRate(envelope(mid)))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
