using System;

namespace ScheduleDsl;

/// <summary>
/// A learning-rate schedule compiled by the ScheduleDsl source generator.
/// </summary>
/// <remarks>
/// <para>
/// The time axis is the optimizer-update counter: step 0 is the first update, and <see cref="At(long)"/>
/// returns the rate that update <c>step</c> uses. This is PyTorch's convention for
/// <c>optimizer.step(); scheduler.step()</c> and Optax's <c>schedule(count)</c>.
/// </para>
/// <para>
/// Every member is static so that a generic caller constrained to <see cref="ISchedule"/> calls the
/// generated code directly, with no virtual or delegate dispatch. Declare schedules as <c>struct</c>s:
/// the JIT then specialises each generic instantiation and inlines the per-step evaluation.
/// </para>
/// </remarks>
public interface ISchedule
{
    /// <summary>The base (peak) learning rate declared with <see cref="LearningRateAttribute"/>.</summary>
    static abstract double PeakLearningRate { get; }

    /// <summary>
    /// The number of steps after which the schedule has no further change (the end of its last phase),
    /// or <see langword="null"/> when the last phase is unbounded or periodic.
    /// </summary>
    static abstract long? TotalSteps { get; }

    /// <summary>Returns the learning rate for update <paramref name="step"/> in double precision.</summary>
    /// <param name="step">The zero-based update index.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="step"/> is negative, or lies past the end of a schedule whose end behaviour is
    /// <see cref="EndBehavior.Throw"/>.
    /// </exception>
    static abstract double At(long step);

    /// <summary>
    /// Returns the learning rate for update <paramref name="step"/> in single precision: the double value of
    /// <see cref="At(long)"/> rounded to the nearest <see cref="float"/>.
    /// </summary>
    /// <param name="step">The zero-based update index.</param>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="At(long)"/>.</exception>
    static abstract float AtSingle(long step);

    /// <summary>
    /// Writes the rates of updates <paramref name="firstStep"/>, <paramref name="firstStep"/> + 1, … into
    /// <paramref name="destination"/> with <see cref="System.Numerics.Vector{T}"/> kernels.
    /// </summary>
    /// <remarks>
    /// Each element is within one unit in the last place of <see cref="AtSingle(long)"/> for the same step
    /// (equal for piecewise-constant and linear phases; transcendental phases use vector <c>Sin</c>, <c>Exp</c> and <c>Log</c>).
    /// Nothing is written when an argument is rejected.
    /// </remarks>
    /// <param name="destination">The span to fill.</param>
    /// <param name="firstStep">The update index of <c>destination[0]</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="firstStep"/> is negative, the last step overflows <see cref="long"/>, or the range runs past
    /// the end of a schedule whose end behaviour is <see cref="EndBehavior.Throw"/>.
    /// </exception>
    static abstract void Fill(Span<float> destination, long firstStep);
}
