using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ScheduleDsl.Language;

/// <summary>
/// A schedule at a glance: the sampled span, the highest rate, a block-character sparkline and the landmarks line
/// (rate at step 0, end of warmup, peak, last step). One algorithm for the generator's hover text and for
/// <c>ScheduleDescription</c> at run time, over any rate function.
/// </summary>
/// <remarks>
/// The rate function returns null where the schedule has no rate (a negative step, or past the end of a schedule
/// that throws there). Linked into the generator: netstandard2.0, no Roslyn types. The generator's hover text
/// (<c>Emission/TypeDocumentation.cs</c>) calls it; a test compares the hover text with <c>ScheduleDescription</c> on
/// every snapshot case.
/// </remarks>
internal static class ScheduleSketch
{
    /// <summary>Sparkline glyphs, lowest to highest: eighths of the highest sampled rate.</summary>
    public const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>Characters in the sparkline.</summary>
    public const int Width = 40;

    /// <summary>Steps drawn for an unbounded schedule whose phases all start at step 0.</summary>
    public const long UnboundedSpan = 100;

    /// <summary>Steps drawn: the whole schedule when it ends, else twice the start of the last phase (at least 100).</summary>
    /// <param name="totalSteps">The schedule's length, or null when unbounded.</param>
    /// <param name="lastPhaseStart">The step at which the last phase starts (0 when unknown).</param>
    /// <returns>The number of steps, from step 0, that the sparkline covers.</returns>
    public static long Span(long? totalSteps, long lastPhaseStart)
        => totalSteps is { } total
            ? Math.Max(total, 1)
            : Math.Max(UnboundedSpan, Math.Min(lastPhaseStart, long.MaxValue / 2) * 2);

    /// <summary>The sample steps: <see cref="Width"/> points from 0 to span − 1, evenly spaced, rounded.</summary>
    /// <param name="span">The steps covered.</param>
    /// <returns>The steps sampled, ascending (with repeats when the span is short).</returns>
    public static IEnumerable<long> Samples(long span)
        => Enumerable.Range(0, Width).Select(i => (long)Math.Round((double)(span - 1) * i / (Width - 1), MidpointRounding.AwayFromZero));

    /// <summary>
    /// The highest rate at the steps where one can occur for the supported shapes: the samples and each piece's first
    /// and last step; the earliest step on a tie.
    /// </summary>
    /// <param name="rate">The rate at a step, or null.</param>
    /// <param name="span">The sampled span.</param>
    /// <param name="pieceEnds">Each piece's first step and, when it ends, its last step.</param>
    /// <returns>The highest rate and its step, or null when no step has a rate.</returns>
    public static (double Rate, long Step)? Highest(Func<long, double?> rate, long span, IEnumerable<long> pieceEnds)
    {
        var steps = new SortedSet<long>(Samples(span));
        steps.UnionWith(pieceEnds);
        (double Rate, long Step)? highest = null;
        foreach (long step in steps)
        {
            if (rate(step) is { } value && !double.IsNaN(value) && (highest is null || value > highest.Value.Rate))
            {
                highest = (value, step);
            }
        }

        return highest;
    }

    /// <summary>
    /// The curve as <see cref="Width"/> block characters, sampled over steps 0 to span − 1 and scaled from 0 to the
    /// highest rate (a space where the rate is missing, not finite or negative).
    /// </summary>
    /// <param name="rate">The rate at a step, or null.</param>
    /// <param name="span">The sampled span.</param>
    /// <param name="highest">The result of <see cref="Highest"/>.</param>
    /// <returns>The sparkline.</returns>
    public static string Sparkline(Func<long, double?> rate, long span, (double Rate, long Step)? highest)
    {
        double[] rates = Samples(span).Select(step => rate(step) ?? double.NaN).ToArray();
        double top = Math.Max(rates.Where(IsDrawable).DefaultIfEmpty(0).Max(), highest is { Rate: var h } && IsDrawable(h) ? h : 0);
        var line = new StringBuilder(rates.Length);
        foreach (double value in rates)
        {
            line.Append(!IsDrawable(value) ? ' '
                : top <= 0 ? Blocks[0]
                : Blocks[(int)Math.Round(value / top * (Blocks.Length - 1), MidpointRounding.AwayFromZero)]);
        }

        return line.ToString();
    }

    /// <summary>"Step 0: r; warmup ends at step w (r); peak r at step p; last step t: r; n steps in all." (or "no last step: unbounded").</summary>
    /// <param name="rate">The rate at a step, or null.</param>
    /// <param name="totalSteps">The schedule's length, or null.</param>
    /// <param name="warmupEnd">The step at which a leading warmup ends, or null.</param>
    /// <param name="highest">The result of <see cref="Highest"/>.</param>
    /// <returns>The landmarks line.</returns>
    public static string Landmarks(Func<long, double?> rate, long? totalSteps, long? warmupEnd, (double Rate, long Step)? highest)
    {
        var parts = new List<string> { $"Step 0: {ShowRate(rate, 0)}" };
        if (warmupEnd is { } end && end != long.MaxValue)
        {
            parts.Add($"warmup ends at step {end} ({ShowRate(rate, end)})");
        }

        if (highest is { } peak)
        {
            parts.Add($"peak {Show(peak.Rate)} at step {peak.Step}");
        }

        parts.Add(totalSteps is { } total
            ? $"last step {total - 1}: {ShowRate(rate, total - 1)}; {total} steps in all"
            : "no last step: unbounded");
        return string.Join("; ", parts) + ".";
    }

    /// <summary>A rate in six significant digits, as the hover text shows it.</summary>
    /// <param name="value">The rate.</param>
    /// <returns>For example <c>0.0003</c> or <c>1.5E-05</c>.</returns>
    public static string Show(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>The rate at a step, or "throws" where it has none.</summary>
    /// <param name="rate">The rate at a step, or null.</param>
    /// <param name="step">The step.</param>
    /// <returns>The shown rate.</returns>
    public static string ShowRate(Func<long, double?> rate, long step) => rate(step) is { } value ? Show(value) : "throws";

    private static bool IsDrawable(double rate) => !double.IsNaN(rate) && !double.IsInfinity(rate) && rate >= 0;
}
