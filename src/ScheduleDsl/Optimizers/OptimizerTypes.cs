using System;
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
}

/// <summary>Hyperparameters of <see cref="Sgd{TSchedule}"/>; the defaults are PyTorch's.</summary>
public sealed class SgdOptions : OptimizerOptions
{
    /// <summary>The momentum factor μ (≥ 0); ignored when the schedule implements <see cref="IMomentumSchedule"/>. Default 0.</summary>
    public double Momentum { get; init; }

    /// <summary>The dampening τ applied to the gradient in the momentum update (not on the first step). Default 0.</summary>
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
