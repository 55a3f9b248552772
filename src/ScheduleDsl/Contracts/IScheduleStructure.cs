using System.Collections.Generic;

namespace ScheduleDsl;

/// <summary>One phase of a schedule as placed: its kind and the steps it governs.</summary>
/// <param name="Kind">The attribute's name, e.g. <c>Cosine</c> (<c>Cosine (Multiply)</c> for a multiplying phase).</param>
/// <param name="Start">The first step the phase governs.</param>
/// <param name="End">The step at which the next phase takes over, or at which the schedule ends; <see cref="long.MaxValue"/> when never.</param>
/// <param name="IsWarmup">Whether the phase is a warmup (a trait of its kind).</param>
public readonly record struct SchedulePhase(string Kind, long Start, long End, bool IsWarmup);

/// <summary>
/// What a schedule knows about its own shape beyond <see cref="IScheduleFunction"/>: its phases and the steps at which
/// its formula changes. Optional: <see cref="ScheduleDescription"/> uses it when a schedule implements it, for the
/// warmup's end and the boundaries, and samples the curve otherwise.
/// </summary>
public interface IScheduleStructure
{
    /// <summary>The phases in the order they follow one another.</summary>
    IReadOnlyList<SchedulePhase> Phases { get; }

    /// <summary>The first step of each piece of the curve (each stretch with one formula), ascending, from 0.</summary>
    IReadOnlyList<long> Boundaries { get; }
}
