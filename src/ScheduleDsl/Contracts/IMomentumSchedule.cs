namespace ScheduleDsl;

/// <summary>
/// An optional co-schedule for the momentum hyperparameter, implemented next to <see cref="ISchedule"/> by
/// schedules that cycle momentum against the learning rate (PyTorch <c>OneCycleLR</c> and <c>CyclicLR</c> with
/// <c>cycle_momentum=True</c>).
/// </summary>
/// <remarks>
/// The optimizers in <c>ScheduleDsl.Optimizers</c> read it when their schedule type implements it: SGD and
/// RMSprop use it as <c>momentum</c>, Adam and AdamW as <c>β₁</c> (what PyTorch writes to <c>betas[0]</c>).
/// The time axis is the one of <see cref="ISchedule.At(long)"/>: step 0 is the first update.
/// </remarks>
public interface IMomentumSchedule
{
    /// <summary>Returns the momentum (or <c>β₁</c>) that update <paramref name="step"/> uses.</summary>
    /// <param name="step">The zero-based update index.</param>
    static abstract double MomentumAt(long step);
}
