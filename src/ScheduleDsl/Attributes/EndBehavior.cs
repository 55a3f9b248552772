namespace ScheduleDsl;

/// <summary>What the schedule returns for steps past the end of its last phase.</summary>
public enum EndBehavior
{
    /// <summary>Hold the value the last phase reaches at its end (the default).</summary>
    Hold = 0,

    /// <summary>
    /// Continue the phase's own formula periodically, as PyTorch's <c>CosineAnnealingLR</c> does past
    /// <c>T_max</c> (period 2·T). Only kinds with a periodic continuation accept it.
    /// </summary>
    Periodic = 1,

    /// <summary>Throw <see cref="System.ArgumentOutOfRangeException"/> for any step at or past the end.</summary>
    Throw = 2,
}
