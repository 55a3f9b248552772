namespace ScheduleDsl;

/// <summary>The shape of a warmup or decay curve.</summary>
public enum CurveShape
{
    /// <summary>A straight line.</summary>
    Linear = 0,

    /// <summary>Half a cosine: smooth at both ends.</summary>
    Cosine = 1,

    /// <summary>Square-root shape (Hugging Face "1-sqrt"): warmup 1 − √(1 − p), decay 1 − √p.</summary>
    OneMinusSqrt = 2,
}

/// <summary>How a one-cycle, SWA or interpolation segment moves between its two values (PyTorch <c>anneal_strategy</c>).</summary>
public enum AnnealStrategy
{
    /// <summary>end + (start − end)/2·(cos(π·pct) + 1).</summary>
    Cosine = 0,

    /// <summary>start + (end − start)·pct.</summary>
    Linear = 1,
}

/// <summary>How a <see cref="CyclicAttribute"/> scales the height of each triangle (PyTorch <c>CyclicLR</c> mode).</summary>
public enum CyclicMode
{
    /// <summary>Constant height.</summary>
    Triangular = 0,

    /// <summary>The height halves every cycle.</summary>
    Triangular2 = 1,

    /// <summary>The height is scaled by γ^t (t the step).</summary>
    ExpRange = 2,
}

/// <summary>
/// Whose meaning a phase gives to an argument that peer libraries name alike but compute differently. Only the kinds
/// that document a convention accept one; <see cref="Default"/> is ScheduleDsl's own (each kind says which peer it
/// matches).
/// </summary>
public enum PeerConvention
{
    /// <summary>The kind's documented default.</summary>
    Default = 0,

    /// <summary>PyTorch <c>torch.optim.lr_scheduler</c>.</summary>
    PyTorch = 1,

    /// <summary>Optax <c>optax.schedules</c>.</summary>
    Optax = 2,

    /// <summary>Keras <c>keras.optimizers.schedules</c>.</summary>
    Keras = 3,

    /// <summary>timm <c>timm.scheduler</c>.</summary>
    Timm = 4,
}
