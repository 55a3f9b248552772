using System;

namespace ScheduleDsl;

/// <summary>
/// Base class of the phase attributes. A schedule is the ordered list of phase attributes on its type, in
/// source order; each phase starts where the previous one ended unless it sets <see cref="Start"/>, and
/// sees its own local step (0 at its start), like PyTorch's <c>SequentialLR</c>.
/// </summary>
public abstract class PhaseAttribute : Attribute
{
    /// <summary>Prevents derivation outside the library.</summary>
    private protected PhaseAttribute()
    {
    }

    /// <summary>
    /// The absolute step at which this phase starts. The default, -1, means "where the previous phase ended"
    /// (step 0 for the first phase). An earlier phase that would run longer is cut off at this step; one
    /// that ends sooner holds its final value until it.
    /// </summary>
    public long Start { get; set; } = -1;

    /// <summary>
    /// What the schedule does past the end of this phase when it is the last one. Default
    /// <see cref="EndBehavior.Hold"/>. Only the last phase may set it.
    /// </summary>
    public EndBehavior End { get; set; } = EndBehavior.Hold;

    /// <summary>
    /// When set, this phase does not follow the others: it starts at step 0 (or at <see cref="Start"/>), and its
    /// rate divided by the peak multiplies the rate of the rest of the schedule, like a member of PyTorch's
    /// <c>ChainedScheduler</c>. Before it starts the factor is 1; after it ends it holds its final factor.
    /// </summary>
    public bool Multiply { get; set; }

    /// <summary>
    /// The rate this phase scales instead of the declared <see cref="LearningRateAttribute.Peak"/>: its own peak,
    /// <c>max_lr</c> or initial value, like a PyTorch scheduler with its own <c>base_lr</c> inside <c>SequentialLR</c>
    /// or an Optax schedule's <c>init_value</c> inside <c>join_schedules</c>. Its factors and defaults then refer to
    /// it; absolute rates (<c>Final</c>, <c>MinRate</c>) stay absolute. Finite and positive. Default NaN: the declared
    /// learning rate. A multiplying phase cannot set it (its factor is relative by definition).
    /// </summary>
    public double Rate { get; set; } = double.NaN;

    /// <summary>
    /// The phase's own step at which it begins, 0 by default: with <c>LocalStart = W</c> after a W-step warmup the
    /// phase counts from the start of the schedule, as timm's schedulers do with <c>warmup_prefix=False</c> (the main
    /// schedule keeps counting under the warmup). Its first LocalStart steps are not run, so it is that much shorter.
    /// </summary>
    public long LocalStart { get; set; }
}
