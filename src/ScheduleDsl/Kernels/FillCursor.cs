using System;
using System.ComponentModel;

namespace ScheduleDsl.Kernels;

/// <summary>
/// Walks a destination span across the phases of a schedule for a generated <c>Fill</c>: each
/// <see cref="Take"/> hands out the elements that fall before a phase boundary. Not intended to be used directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct FillCursor
{
    private Span<float> _rest;
    private long _step;

    /// <summary>Starts at <paramref name="firstStep"/>, validating the whole range before anything is written.</summary>
    /// <param name="destination">The span to fill.</param>
    /// <param name="firstStep">The update index of <c>destination[0]</c>.</param>
    /// <param name="endExclusive">
    /// The first step that may not be filled (the total length of a schedule that throws past its end), or
    /// <see cref="long.MaxValue"/>.
    /// </param>
    /// <param name="scheduleName">The schedule type's name, for the exception message.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is negative, overflows, or reaches <paramref name="endExclusive"/>.</exception>
    public FillCursor(Span<float> destination, long firstStep, long endExclusive, string scheduleName)
    {
        if (firstStep < 0)
        {
            ScheduleGuard.ThrowNegativeStep(firstStep);
        }

        if (!destination.IsEmpty)
        {
            if (firstStep > long.MaxValue - (destination.Length - 1))
            {
                ScheduleGuard.ThrowRangeOverflow(firstStep, destination.Length);
            }

            if (endExclusive != long.MaxValue && firstStep + (destination.Length - 1) >= endExclusive)
            {
                ScheduleGuard.ThrowPastEnd(firstStep + (destination.Length - 1), endExclusive, scheduleName);
            }
        }

        _rest = destination;
        _step = firstStep;
    }

    /// <summary>
    /// Takes the remaining elements whose steps lie before <paramref name="end"/>.
    /// </summary>
    /// <param name="end">The exclusive end step of the piece.</param>
    /// <param name="start">The first step of the piece, from which the local step is counted.</param>
    /// <param name="segment">The elements taken.</param>
    /// <param name="localStep">The local step (step − <paramref name="start"/>) of <c>segment[0]</c>.</param>
    /// <returns>Whether any element was taken.</returns>
    public bool Take(long end, long start, out Span<float> segment, out long localStep)
    {
        localStep = _step - start;
        if (_step >= end || _rest.IsEmpty)
        {
            segment = default;
            return false;
        }

        long available = end - _step;
        int count = available < _rest.Length ? (int)available : _rest.Length;
        segment = _rest.Slice(0, count);
        _rest = _rest.Slice(count);
        _step += count;
        return true;
    }

    /// <summary>Takes every remaining element.</summary>
    /// <param name="start">The first step of the last piece, from which the local step is counted.</param>
    /// <param name="localStep">The local step of the first remaining element.</param>
    /// <returns>The remaining elements, possibly empty.</returns>
    public Span<float> Rest(long start, out long localStep)
    {
        localStep = _step - start;
        Span<float> rest = _rest;
        _rest = default;
        return rest;
    }
}
