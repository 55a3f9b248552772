using System;
using System.Diagnostics.CodeAnalysis;

using ScheduleDsl.Optimizers;

namespace ScheduleDsl;

/// <summary>
/// The compiled schedule <typeparamref name="TSchedule"/> as an <see cref="IScheduleFunction"/> value: an empty struct
/// whose members forward to the generated static members, so a generic caller specialised for it pays nothing.
/// </summary>
/// <typeparam name="TSchedule">A schedule type compiled by the ScheduleDsl generator.</typeparam>
public readonly struct CompiledSchedule<[DynamicallyAccessedMembers(CoScheduleMembers.Required)] TSchedule> : IScheduleFunction, ICompiledCoSchedule
    where TSchedule : ISchedule
{
    /// <inheritdoc/>
    public double PeakLearningRate => TSchedule.PeakLearningRate;

    /// <inheritdoc/>
    public long? TotalSteps => TSchedule.TotalSteps;

    /// <inheritdoc/>
    public bool HasMomentum => MomentumCoSchedule<TSchedule>.MomentumAt is not null;

    /// <inheritdoc/>
    public double At(long step) => TSchedule.At(step);

    /// <inheritdoc/>
    public float AtSingle(long step) => TSchedule.AtSingle(step);

    /// <inheritdoc/>
    public void Fill(Span<float> destination, long firstStep) => TSchedule.Fill(destination, firstStep);

    /// <inheritdoc/>
    public double MomentumAt(long step)
    {
        Func<long, double>? momentumAt = MomentumCoSchedule<TSchedule>.MomentumAt
            ?? throw new InvalidOperationException($"Schedule '{typeof(TSchedule).Name}' does not co-schedule momentum.");
        return momentumAt(step);
    }

    /// <inheritdoc/>
    Func<long, double>? ICompiledCoSchedule.MomentumAt => MomentumCoSchedule<TSchedule>.MomentumAt;

    /// <inheritdoc/>
    public override string ToString() => typeof(TSchedule).Name;
}
