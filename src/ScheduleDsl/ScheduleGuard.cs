using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace ScheduleDsl;

/// <summary>
/// Throw helpers for generated schedules, kept out of line so the per-step path stays small.
/// Not intended to be called directly.
/// </summary>
/// <remarks>
/// None is marked <c>NoInlining</c>: the JIT then reads each body, sees that it always throws, does not inline it and
/// treats its call sites as not returning, so the branch that calls it is cold and a caller's values stay in
/// registers. With <c>NoInlining</c> the JIT could not see that; a loop summing an inlined <c>At</c> kept its sum
/// in memory across the guard call (a store and a reload per step, 1.8× a hand-written tree).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScheduleGuard
{
    /// <summary>Throws for a negative step.</summary>
    /// <param name="step">The rejected step.</param>
    [DoesNotReturn]
    public static void ThrowNegativeStep(long step)
        => throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be non-negative: step 0 is the first optimizer update.");

    /// <summary>Throws for a step at or past the end of a schedule declared with <see cref="EndBehavior.Throw"/>.</summary>
    /// <param name="step">The rejected step.</param>
    /// <param name="totalSteps">The schedule's total length.</param>
    /// <param name="scheduleName">The schedule type's name.</param>
    [DoesNotReturn]
    public static void ThrowPastEnd(long step, long totalSteps, string scheduleName)
        => throw new ArgumentOutOfRangeException(
            nameof(step),
            step,
            $"Schedule '{scheduleName}' has {totalSteps} steps (0 to {totalSteps - 1}) and was declared with End = EndBehavior.Throw.");

    /// <summary>
    /// Throws as <see cref="ThrowPastEnd"/>, or as <see cref="ThrowNegativeStep"/> for a negative step; typed as
    /// returning a rate so that a generated branch can <c>return</c> it.
    /// </summary>
    /// <remarks>
    /// Generated code compares steps as unsigned numbers, so a negative step reaches the branch for the last steps,
    /// which is this call when the schedule throws past its end.
    /// </remarks>
    /// <param name="step">The rejected step.</param>
    /// <param name="totalSteps">The schedule's total length.</param>
    /// <param name="scheduleName">The schedule type's name.</param>
    /// <returns>Never returns.</returns>
    [DoesNotReturn]
    public static double RatePastEnd(long step, long totalSteps, string scheduleName)
    {
        if (step < 0)
        {
            ThrowNegativeStep(step);
        }

        ThrowPastEnd(step, totalSteps, scheduleName);
        return double.NaN;
    }

    /// <summary>
    /// Throws for a step that the last branch of a bound schedule's <c>At</c> rejects: a negative step, or any step
    /// when the schedule was never bound (<paramref name="stepLimit"/> is 0 in <c>default(S)</c>, 2^63 after
    /// <c>Bind</c>).
    /// </summary>
    /// <param name="step">The rejected step.</param>
    /// <param name="stepLimit">The schedule's step limit field: 0 when not bound.</param>
    /// <param name="scheduleName">The schedule type's name.</param>
    [DoesNotReturn]
    public static void ThrowUnboundOrNegativeStep(long step, ulong stepLimit, string scheduleName)
    {
        if (stepLimit == 0)
        {
            ThrowUnbound(scheduleName);
        }

        ThrowNegativeStep(step);
    }

    /// <summary>Throws for a bound schedule used without being bound (its <c>default</c> value).</summary>
    /// <param name="scheduleName">The schedule type's name.</param>
    [DoesNotReturn]
    public static void ThrowUnbound(string scheduleName)
        => throw new InvalidOperationException(
            $"Schedule '{scheduleName}' is not bound: its lengths come from the training run, and this value is default({scheduleName}). Use {scheduleName}.Bind(run).");

    /// <summary>Throws when the last step of a fill range does not fit in a <see cref="long"/>.</summary>
    /// <param name="firstStep">The first step of the range.</param>
    /// <param name="length">The number of steps.</param>
    [DoesNotReturn]
    public static void ThrowRangeOverflow(long firstStep, int length)
        => throw new ArgumentOutOfRangeException(nameof(firstStep), firstStep, $"The range of {length} steps starting at {firstStep} runs past long.MaxValue.");
}
