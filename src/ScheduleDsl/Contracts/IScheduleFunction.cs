using System;

namespace ScheduleDsl;

/// <summary>
/// A schedule as a value: the instance form of <see cref="ISchedule"/>, implemented by compiled schedules (through
/// <see cref="CompiledSchedule{TSchedule}"/>) and by schedules built at run time, so that code which takes a schedule
/// takes either.
/// </summary>
/// <remarks>
/// <para>
/// The time axis is the one of <see cref="ISchedule.At(long)"/>: step 0 is the first optimizer update. Every member is
/// a pure function of its arguments and allocates nothing.
/// </para>
/// <para>
/// Generic code constrained to <c>where T : struct, IScheduleFunction</c> and called with a struct implementation is
/// specialised by the JIT, so the calls are direct and can be inlined; through the interface type they are one
/// virtual call each, which is negligible once per optimizer step.
/// </para>
/// </remarks>
public interface IScheduleFunction
{
    /// <summary>The base (peak) value declared with <see cref="LearningRateAttribute"/>.</summary>
    double PeakLearningRate { get; }

    /// <summary>
    /// The number of steps after which the schedule has no further change, or <see langword="null"/> when the last
    /// phase is unbounded or periodic.
    /// </summary>
    long? TotalSteps { get; }

    /// <summary>Whether <see cref="MomentumAt(long)"/> is defined: the schedule co-schedules momentum (or β₁).</summary>
    bool HasMomentum { get; }

    /// <summary>Returns the value for update <paramref name="step"/> in double precision.</summary>
    /// <param name="step">The zero-based update index.</param>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="ISchedule.At(long)"/>.</exception>
    double At(long step);

    /// <summary>Returns <see cref="At(long)"/> rounded to the nearest <see cref="float"/>.</summary>
    /// <param name="step">The zero-based update index.</param>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="ISchedule.At(long)"/>.</exception>
    float AtSingle(long step);

    /// <summary>Writes the values of updates <paramref name="firstStep"/>, <paramref name="firstStep"/> + 1, … into <paramref name="destination"/>.</summary>
    /// <param name="destination">The span to fill.</param>
    /// <param name="firstStep">The update index of <c>destination[0]</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="ISchedule.Fill(Span{float}, long)"/>.</exception>
    void Fill(Span<float> destination, long firstStep);

    /// <summary>Returns the co-scheduled momentum (or β₁) for update <paramref name="step"/>.</summary>
    /// <param name="step">The zero-based update index.</param>
    /// <exception cref="InvalidOperationException"><see cref="HasMomentum"/> is <see langword="false"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    double MomentumAt(long step);
}
