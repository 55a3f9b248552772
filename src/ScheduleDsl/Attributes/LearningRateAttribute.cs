using System;

namespace ScheduleDsl;

/// <summary>
/// Declares a learning-rate schedule: the base (peak) rate that the phase attributes on the same type scale.
/// The type must be <c>partial</c>; the source generator implements <see cref="ISchedule"/> on it.
/// </summary>
/// <example>
/// <code>
/// [LearningRate(3e-4)]
/// [Warmup(500)]
/// [Cosine(10_000, Final = 3e-5)]
/// public partial struct GptSchedule;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class LearningRateAttribute : Attribute
{
    /// <summary>Declares a schedule whose base (peak) rate is <paramref name="peak"/>.</summary>
    /// <param name="peak">The base learning rate, finite and positive (PyTorch's <c>base_lr</c>).</param>
    public LearningRateAttribute(double peak) => Peak = peak;

    /// <summary>
    /// Declares a schedule whose peak rate the training run supplies when the schedule is bound
    /// (<c>TrainingRun.Peak</c>), as a learning-rate sweep does: the schedule is then a bound schedule (docs/text-form.md).
    /// </summary>
    public LearningRateAttribute() => Peak = double.NaN;

    /// <summary>The base (peak) learning rate; NaN when the training run supplies it.</summary>
    public double Peak { get; }

    /// <summary>
    /// The number of updates the training run will make, when known. The analyzer then warns when the schedule
    /// ends before it (the rest of the run holds, or rebounds for a periodic cosine) or is still running when it
    /// ends (a one-cycle that never finishes its descent). Default 0: not declared.
    /// </summary>
    public long TrainingSteps { get; set; }
}
