using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("ScheduleDsl.Optimizers.Tests")]

namespace ScheduleDsl.Optimizers;

/// <summary>The update rule of an <see cref="Optimizer"/>; the value is the algorithm id stored in checkpoints.</summary>
public enum OptimizerAlgorithm
{
    /// <summary>Stochastic gradient descent with optional momentum (PyTorch <c>torch.optim.SGD</c>).</summary>
    Sgd = 1,

    /// <summary>Adam with L2 weight decay (PyTorch <c>torch.optim.Adam</c>).</summary>
    Adam = 2,

    /// <summary>Adam with decoupled weight decay (PyTorch <c>torch.optim.AdamW</c>).</summary>
    AdamW = 3,

    /// <summary>RMSprop (PyTorch <c>torch.optim.RMSprop</c>).</summary>
    RmsProp = 4,

    /// <summary>Adagrad (PyTorch <c>torch.optim.Adagrad</c>).</summary>
    Adagrad = 5,
}

/// <summary>What <see cref="Optimizer.Step(Span{float}, ReadOnlySpan{float})"/> does when a gradient holds NaN or ±∞.</summary>
/// <remarks>
/// Under <see cref="Throw"/> and <see cref="SkipStep"/> every gradient element is checked before any parameter or
/// moment is written, so a bad gradient never changes the optimizer or the parameters.
/// </remarks>
public enum NonFiniteGradientPolicy
{
    /// <summary>Throw an <see cref="ArgumentException"/>; nothing is changed. The default.</summary>
    Throw = 0,

    /// <summary>
    /// Change nothing, return <see cref="StepResult.SkippedNonFiniteGradient"/> and count the step in
    /// <see cref="Optimizer.SkippedStepCount"/>. <see cref="Optimizer.StepCount"/> (and so the schedule position and
    /// the bias corrections) does not advance, as when PyTorch's <c>GradScaler</c> skips <c>optimizer.step()</c>.
    /// </summary>
    SkipStep = 1,

    /// <summary>
    /// No check: the update runs and NaN or ±∞ flow into the parameters and moments exactly as in PyTorch. Saves one
    /// read of the gradients per step; choose it only when the caller checks gradients itself.
    /// </summary>
    Propagate = 2,
}

/// <summary>The outcome of one optimizer step.</summary>
public enum StepResult
{
    /// <summary>The update was applied and <see cref="Optimizer.StepCount"/> advanced by one.</summary>
    Applied = 0,

    /// <summary>
    /// A gradient held NaN or ±∞ under <see cref="NonFiniteGradientPolicy.SkipStep"/>: nothing was changed.
    /// </summary>
    SkippedNonFiniteGradient = 1,
}

/// <summary>Settings shared by every optimizer; fixed at construction.</summary>
public abstract class OptimizerOptions
{
    private protected OptimizerOptions()
    {
    }

    /// <summary>What a step does with a non-finite gradient. Default <see cref="NonFiniteGradientPolicy.Throw"/>.</summary>
    public NonFiniteGradientPolicy NonFiniteGradients { get; init; } = NonFiniteGradientPolicy.Throw;

    /// <summary>
    /// The most threads one step of the <see cref="Memory{T}"/> overload uses, the calling thread included.
    /// 1 means single-threaded. Default: <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// The total element count (all tensors together) from which the <see cref="Memory{T}"/> overload splits the work
    /// across threads. Default 262 144 (1 MiB of parameters).
    /// </summary>
    public int ParallelThreshold { get; init; } = 1 << 18;

    /// <summary>
    /// Gradient clipping applied inside every step (PyTorch <c>clip_grad_norm_</c> or <c>clip_grad_value_</c> before
    /// <c>optimizer.step()</c>); <see langword="null"/> (default) for none. The caller's gradients are not modified.
    /// </summary>
    public GradientClipping? GradientClipping { get; init; }

    /// <summary>
    /// Parameter groups with their own learning-rate scale and weight decay (PyTorch <c>param_groups</c>); tensors not
    /// listed in any group form the default group, which uses the options of this object. Default: none.
    /// </summary>
    public IReadOnlyList<ParameterGroup>? ParameterGroups { get; init; }

    /// <summary>
    /// A schedule for the weight decay λ: update k uses <c>WeightDecaySchedule.At(k)</c> in place of the constant
    /// weight decay (Optax <c>inject_hyperparams</c>, timm <c>param_group_field="weight_decay"</c>). Default <see langword="null"/>.
    /// </summary>
    public IScheduleFunction? WeightDecaySchedule { get; init; }
}

/// <summary>How <see cref="GradientClipping"/> limits the gradients.</summary>
public enum GradientClippingMode
{
    /// <summary>Scale every gradient by min(1, max_norm/(‖g‖ + 1e-6)), ‖g‖ the norm over all tensors (PyTorch <c>clip_grad_norm_</c>).</summary>
    GlobalNorm = 1,

    /// <summary>Clamp every element to [−c, c] (PyTorch <c>clip_grad_value_</c>).</summary>
    Value = 2,
}

/// <summary>The norm <see cref="GradientClippingMode.GlobalNorm"/> measures.</summary>
public enum GradientNormType
{
    /// <summary>The Euclidean norm √(Σ g²) over every element of every tensor (PyTorch <c>norm_type=2</c>).</summary>
    L2 = 2,

    /// <summary>The largest |g| over every element of every tensor (PyTorch <c>norm_type=inf</c>).</summary>
    Infinity = 0,
}

/// <summary>Gradient clipping as an optimizer option (<see cref="OptimizerOptions.GradientClipping"/>).</summary>
/// <remarks>The arithmetic is documented in docs/optimizers.md, section "Gradient clipping".</remarks>
public sealed class GradientClipping
{
    private GradientClipping(GradientClippingMode mode, double threshold, GradientNormType normType, bool errorIfNonFinite)
    {
        Mode = mode;
        Threshold = Hyperparameter.Check(threshold, ValueRange.NonNegativeSingle, mode == GradientClippingMode.GlobalNorm ? "maxNorm" : "clipValue");
        NormType = normType;
        ErrorIfNonFinite = errorIfNonFinite;
    }

    /// <summary>The clipping rule.</summary>
    public GradientClippingMode Mode { get; }

    /// <summary>max_norm for <see cref="GradientClippingMode.GlobalNorm"/>, c for <see cref="GradientClippingMode.Value"/>.</summary>
    public double Threshold { get; }

    /// <summary>The norm measured by <see cref="GradientClippingMode.GlobalNorm"/>.</summary>
    public GradientNormType NormType { get; }

    /// <summary>
    /// PyTorch's <c>error_if_nonfinite</c>: under <see cref="NonFiniteGradientPolicy.Propagate"/>, throw when the norm is
    /// NaN or infinite instead of scaling by a NaN factor. (Under Throw and SkipStep a non-finite norm is handled by the policy.)
    /// </summary>
    public bool ErrorIfNonFinite { get; }

    /// <summary>Clipping by global norm, PyTorch <c>clip_grad_norm_(parameters, max_norm, norm_type, error_if_nonfinite)</c>.</summary>
    /// <param name="maxNorm">max_norm: finite and at least 0.</param>
    /// <param name="normType">2 (default) or ∞.</param>
    /// <param name="errorIfNonFinite">See <see cref="ErrorIfNonFinite"/>.</param>
    /// <returns>The option.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is out of range or <paramref name="normType"/> undefined.</exception>
    public static GradientClipping ByGlobalNorm(double maxNorm, GradientNormType normType = GradientNormType.L2, bool errorIfNonFinite = false)
    {
        if (!Enum.IsDefined(normType))
        {
            throw new ArgumentOutOfRangeException(nameof(normType), normType, "The norm type must be GradientNormType.L2 or GradientNormType.Infinity.");
        }

        return new GradientClipping(GradientClippingMode.GlobalNorm, maxNorm, normType, errorIfNonFinite);
    }

    /// <summary>Clipping by value, PyTorch <c>clip_grad_value_(parameters, clip_value)</c>.</summary>
    /// <param name="clipValue">c: finite and at least 0.</param>
    /// <returns>The option.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is out of range.</exception>
    public static GradientClipping ByValue(double clipValue) => new(GradientClippingMode.Value, clipValue, GradientNormType.L2, false);

    /// <inheritdoc/>
    public override string ToString() => Mode == GradientClippingMode.Value
        ? $"value {Hyperparameter.Format(Threshold)}"
        : $"global norm {(NormType == GradientNormType.L2 ? "2" : "inf")}, max {Hyperparameter.Format(Threshold)}, error_if_nonfinite {ErrorIfNonFinite}";
}

/// <summary>
/// A parameter group: tensors (by index in the order the optimizer was built with) that get their own learning-rate scale
/// and weight decay (PyTorch <c>param_groups</c>, timm <c>lr_scale</c>). Every other option is the optimizer's.
/// </summary>
public sealed class ParameterGroup
{
    /// <summary>Creates a group of the given tensors.</summary>
    /// <param name="tensors">Indices of the tensors in the group; each tensor may belong to one group at most.</param>
    public ParameterGroup(params int[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        Tensors = (int[])tensors.Clone();
    }

    /// <summary>The indices of the group's tensors.</summary>
    public IReadOnlyList<int> Tensors { get; }

    /// <summary>The factor on the learning rate of every update of this group (finite, at least 0). Default 1.</summary>
    public double LearningRateScale { get; init; } = 1;

    /// <summary>
    /// The group's constant weight decay (for example 0 for biases and norms), or <see langword="null"/> (default)
    /// for the optimizer's (constant or scheduled).
    /// </summary>
    public double? WeightDecay { get; init; }
}

/// <summary>Hyperparameters of <see cref="Sgd{TSchedule}"/>; the defaults are PyTorch's.</summary>
public sealed class SgdOptions : OptimizerOptions
{
    /// <summary>The momentum factor μ (≥ 0); ignored when the schedule implements <see cref="IMomentumSchedule"/>. Default 0.</summary>
    public double Momentum { get; init; }

    /// <summary>
    /// A schedule for the momentum μ (update k uses <c>At(k)</c>); <see langword="null"/> (default) for the constant
    /// <see cref="Momentum"/>. Cannot be combined with a learning-rate schedule that implements <see cref="IMomentumSchedule"/>.
    /// </summary>
    public IScheduleFunction? MomentumSchedule { get; init; }

    /// <summary>The dampening τ applied to the gradient in the momentum update (not on the first step), in [0, 1]. Default 0.</summary>
    public double Dampening { get; init; }

    /// <summary>The L2 penalty λ added to the gradient. Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Use Nesterov momentum (needs momentum and zero dampening). Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Maximize the objective instead of minimizing it. Default false.</summary>
    public bool Maximize { get; init; }
}

/// <summary>Hyperparameters of <see cref="Adam{TSchedule}"/> and <see cref="AdamW{TSchedule}"/>; the defaults are PyTorch's.</summary>
public sealed class AdamOptions : OptimizerOptions
{
    /// <summary>β₁, the first-moment decay in [0, 1); ignored when the schedule implements <see cref="IMomentumSchedule"/>. Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>β₂, the second-moment decay in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>
    /// A schedule for β₁ (update k uses <c>At(k)</c>, also in the bias correction 1 − β₁ᵗ, as when a PyTorch scheduler
    /// writes <c>betas</c>); <see langword="null"/> (default) for the constant <see cref="Beta1"/>. Cannot be combined with a
    /// learning-rate schedule that implements <see cref="IMomentumSchedule"/>.
    /// </summary>
    public IScheduleFunction? Beta1Schedule { get; init; }

    /// <summary>A schedule for β₂ (update k uses <c>At(k)</c>); <see langword="null"/> (default) for the constant <see cref="Beta2"/>.</summary>
    public IScheduleFunction? Beta2Schedule { get; init; }

    /// <summary>ε, added to the denominator (≥ 0). Default 1e-8.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>
    /// The weight decay λ (≥ 0): an L2 term added to the gradient for Adam, a decoupled factor 1 − lr·λ on the
    /// parameters for AdamW. Default <see langword="null"/>, meaning PyTorch's default: 0 for Adam, 0.01 for AdamW.
    /// </summary>
    public double? WeightDecay { get; init; }

    /// <summary>Use the AMSGrad variant (the maximum of all second moments so far). Default false.</summary>
    public bool AmsGrad { get; init; }

    /// <summary>Maximize the objective instead of minimizing it. Default false.</summary>
    public bool Maximize { get; init; }
}

/// <summary>Hyperparameters of <see cref="RmsProp{TSchedule}"/>; the defaults are PyTorch's.</summary>
public sealed class RmsPropOptions : OptimizerOptions
{
    /// <summary>α, the smoothing constant in [0, 1]. Default 0.99.</summary>
    public double Alpha { get; init; } = 0.99;

    /// <summary>ε, added to the denominator outside the square root (≥ 0). Default 1e-8.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>The L2 penalty λ added to the gradient. Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The momentum factor (≥ 0); ignored when the schedule implements <see cref="IMomentumSchedule"/>. Default 0.</summary>
    public double Momentum { get; init; }

    /// <summary>
    /// A schedule for the momentum (update k uses <c>At(k)</c>); <see langword="null"/> (default) for the constant
    /// <see cref="Momentum"/>. Cannot be combined with a learning-rate schedule that implements <see cref="IMomentumSchedule"/>.
    /// </summary>
    public IScheduleFunction? MomentumSchedule { get; init; }

    /// <summary>Normalize by an estimate of the gradient's variance instead of its second moment. Default false.</summary>
    public bool Centered { get; init; }

    /// <summary>Maximize the objective instead of minimizing it. Default false.</summary>
    public bool Maximize { get; init; }
}

/// <summary>Hyperparameters of <see cref="Adagrad{TSchedule}"/>; the defaults are PyTorch's.</summary>
public sealed class AdagradOptions : OptimizerOptions
{
    /// <summary>The learning-rate decay d (≥ 0): update t uses lr/(1 + (t − 1)·d). Default 0.</summary>
    public double LearningRateDecay { get; init; }

    /// <summary>The L2 penalty λ added to the gradient. Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The value every accumulator starts at (≥ 0). Default 0.</summary>
    public double InitialAccumulatorValue { get; init; }

    /// <summary>ε, added to the denominator (≥ 0). Default 1e-10.</summary>
    public double Epsilon { get; init; } = 1e-10;

    /// <summary>Maximize the objective instead of minimizing it. Default false.</summary>
    public bool Maximize { get; init; }
}
