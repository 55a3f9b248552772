using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

using ScheduleDsl.Language;

namespace ScheduleDsl;

/// <summary>
/// A schedule at a glance, for compiled and run-time schedules alike: landmarks (start, end of warmup, peak,
/// boundaries, end), a terminal sparkline, and the rates as CSV. The numbers are the schedule's own <c>At</c>; the
/// sparkline and landmarks use the algorithm of the generator's hover text.
/// </summary>
public sealed class ScheduleDescription
{
    private readonly IScheduleFunction _schedule;

    private ScheduleDescription(IScheduleFunction schedule)
    {
        _schedule = schedule;
        var structure = schedule as IScheduleStructure;
        Phases = structure?.Phases ?? Array.Empty<SchedulePhase>();
        Boundaries = structure?.Boundaries ?? Array.Empty<long>();
        ThrowsPastEnd = schedule.TotalSteps is { } total && RateOrNull(schedule, total) is null;
        Span = ScheduleSketch.Span(schedule.TotalSteps, Phases.Count > 0 ? Phases.Max(p => p.Start) : 0);
        Highest = ScheduleSketch.Highest(Rate, Span, PieceEnds());
        WarmupEnd = Phases.Count > 0 && Phases[0].IsWarmup && Phases[0].End != long.MaxValue ? Phases[0].End : null;
        Sparkline = ScheduleSketch.Sparkline(Rate, Span, Highest);
    }

    /// <summary>The declared peak (<see cref="IScheduleFunction.PeakLearningRate"/>).</summary>
    public double PeakLearningRate => _schedule.PeakLearningRate;

    /// <summary>The schedule's length, or null when unbounded.</summary>
    public long? TotalSteps => _schedule.TotalSteps;

    /// <summary>Whether the schedule throws for steps at or past <see cref="TotalSteps"/>.</summary>
    public bool ThrowsPastEnd { get; }

    /// <summary>The rate at step 0.</summary>
    public double StartRate => _schedule.At(0);

    /// <summary>The step at which a leading warmup ends, when the schedule says (<see cref="IScheduleStructure"/>).</summary>
    public long? WarmupEnd { get; }

    /// <summary>The highest rate found (at the samples and the boundaries) and its first step, or null when no step has a rate.</summary>
    public (double Rate, long Step)? Highest { get; }

    /// <summary>The rate at the last step, or null when unbounded.</summary>
    public double? EndRate => TotalSteps is { } total && total > 0 ? _schedule.At(total - 1) : null;

    /// <summary>The phases, when the schedule says (<see cref="IScheduleStructure"/>); empty otherwise.</summary>
    public IReadOnlyList<SchedulePhase> Phases { get; }

    /// <summary>The steps at which the formula changes, when the schedule says; empty otherwise.</summary>
    public IReadOnlyList<long> Boundaries { get; }

    /// <summary>The steps the sparkline covers, from step 0.</summary>
    public long Span { get; }

    /// <summary>The curve as 40 block characters over steps 0 to <see cref="Span"/> − 1.</summary>
    public string Sparkline { get; }

    /// <summary>The landmarks line, as in the generator's hover text.</summary>
    public string Landmarks => ScheduleSketch.Landmarks(Rate, TotalSteps, WarmupEnd, Highest);

    /// <summary>Describes a schedule.</summary>
    /// <param name="schedule">Any schedule: <see cref="CompiledSchedule{TSchedule}"/> or one built at run time.</param>
    /// <returns>The description; it evaluates the schedule about a hundred times.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    public static ScheduleDescription Of(IScheduleFunction schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new ScheduleDescription(schedule);
    }

    /// <summary>The description for a terminal: length, sparkline, landmarks and the phases.</summary>
    /// <returns>Several lines of text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        string length = TotalSteps switch
        {
            null => "unbounded",
            { } total when ThrowsPastEnd => $"{total} steps, throws past the end",
            { } total => $"{total} steps, then holds {ScheduleSketch.Show(_schedule.At(total))}",
        };
        text.Append("Learning-rate schedule: peak ").Append(ScheduleSketch.Show(PeakLearningRate)).Append(", ").Append(length).AppendLine(".");
        text.Append(Sparkline).Append("  steps 0–").Append(Span - 1).AppendLine(TotalSteps is null ? " of an unbounded schedule" : string.Empty);
        text.AppendLine(Landmarks);
        foreach (SchedulePhase phase in Phases)
        {
            text.AppendLine(phase.End == long.MaxValue
                ? $"  [{phase.Kind}] {phase.Start} onwards: {ScheduleSketch.ShowRate(Rate, phase.Start)} at first"
                : $"  [{phase.Kind}] {phase.Start}–{phase.End - 1}: {ScheduleSketch.ShowRate(Rate, phase.Start)} → {ScheduleSketch.ShowRate(Rate, phase.End - 1)}");
        }

        if (Boundaries.Count > 1)
        {
            text.Append("  formula changes at steps ").AppendJoin(", ", Boundaries.Skip(1)).AppendLine();
        }

        return text.ToString();
    }

    /// <summary>
    /// The highest and the lowest rate over every step from 0 below <paramref name="endStep"/> (the earliest step on a
    /// tie), found by evaluating each step, where <see cref="Highest"/> only samples; the scan stops at the first step
    /// without a rate (past the end of a schedule that throws there).
    /// </summary>
    /// <param name="endStep">The step after the last one scanned, 1 or more.</param>
    /// <returns>The extremes and their steps.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="endStep"/> is below 1, or step 0 has no rate.</exception>
    public ((double Rate, long Step) Highest, (double Rate, long Step) Lowest) ExtremesBelow(long endStep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(endStep, 1);
        double first = _schedule.At(0);
        (double Rate, long Step) highest = (first, 0), lowest = (first, 0);
        for (long step = 1; step < endStep && Rate(step) is { } rate; step++)
        {
            highest = rate > highest.Rate ? (rate, step) : highest;
            lowest = rate < lowest.Rate ? (rate, step) : lowest;
        }

        return (highest, lowest);
    }

    /// <summary>
    /// Writes <c>step,rate</c> lines (and <c>momentum</c> when the schedule co-schedules it) with a header, for steps
    /// <paramref name="firstStep"/>, + <paramref name="stride"/>, … below <paramref name="endStep"/>; rates in
    /// round-trip form (<c>R</c>, invariant culture), so a reader gets the exact doubles back.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="firstStep">The first step, non-negative.</param>
    /// <param name="endStep">The step after the last, or null for <see cref="TotalSteps"/> (or <see cref="Span"/> when unbounded).</param>
    /// <param name="stride">The distance between steps, positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative first step or a stride below 1.</exception>
    public void WriteCsv(TextWriter writer, long firstStep = 0, long? endStep = null, long stride = 1)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(firstStep);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        long end = endStep ?? TotalSteps ?? Span;
        bool momentum = _schedule.HasMomentum;
        writer.Write(momentum ? "step,rate,momentum\n" : "step,rate\n");
        for (long step = firstStep; step < end; step = step > long.MaxValue - stride ? long.MaxValue : step + stride)
        {
            if (RateOrNull(_schedule, step) is not { } rate)
            {
                break;
            }

            writer.Write(step.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(rate.ToString("R", CultureInfo.InvariantCulture));
            if (momentum)
            {
                writer.Write(',');
                writer.Write(_schedule.MomentumAt(step).ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }

    private double? Rate(long step) => step < 0 || (ThrowsPastEnd && step >= TotalSteps) ? null : RateOrNull(_schedule, step);

    private static double? RateOrNull(IScheduleFunction schedule, long step)
    {
        try
        {
            return schedule.At(step);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Each piece's first step and, when it ends, its last step.</summary>
    private IEnumerable<long> PieceEnds()
    {
        for (int i = 0; i < Boundaries.Count; i++)
        {
            yield return Boundaries[i];
            if (i + 1 < Boundaries.Count)
            {
                yield return Boundaries[i + 1] - 1;
            }
            else if (ThrowsPastEnd && TotalSteps is { } total)
            {
                yield return total - 1;
            }
        }
    }
}
