using System;
using System.Diagnostics.CodeAnalysis;

namespace ScheduleDsl.Optimizers;

/// <summary>
/// Adam with L2 weight decay, bit-exact with PyTorch 1.13's single-tensor <c>torch.optim.Adam</c>:
/// d = ±g + λ·p; m = β₁·m + (1 − β₁)·d; v = β₂·v + (1 − β₂)·d²; [AMSGrad v̂ = max(v̂, v)];
/// p = p − lr/(1 − β₁ᵗ) · m / (√v̂/√(1 − β₂ᵗ) + ε).
/// </summary>
/// <remarks>
/// State per tensor: m, v, and v̂ with AMSGrad. Fingerprint order: β₁, β₂, ε, λ, AMSGrad, maximize, β₁ co-scheduled.
/// </remarks>
/// <typeparam name="TSchedule">
/// The learning-rate schedule; when it also implements <see cref="IMomentumSchedule"/>, its value replaces β₁ at
/// every step (PyTorch <c>OneCycleLR</c> writing <c>betas[0]</c>).
/// </typeparam>
public sealed class Adam<[DynamicallyAccessedMembers(CoScheduleMembers.Required)] TSchedule> : Optimizer
    where TSchedule : ISchedule
{
    private readonly AdamOptions _o;
    private readonly GradientTerm _term;
    private readonly Func<long, double>? _beta1At;
    private AdamScalars _now;

    /// <summary>Creates the optimizer and its zeroed state for tensors of the given lengths.</summary>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range.</exception>
    public Adam(ReadOnlySpan<int> tensorLengths, AdamOptions? options = null)
        : this(tensorLengths, AdamFamily.Validate(options ?? new AdamOptions(), 0.0), MomentumCoSchedule<TSchedule>.MomentumAt)
    {
    }

    private Adam(ReadOnlySpan<int> tensorLengths, (AdamOptions Options, double WeightDecay) o, Func<long, double>? beta1At)
        : base(OptimizerAlgorithm.Adam, tensorLengths, o.Options, o.Options.AmsGrad ? 3 : 2, AdamFamily.Fingerprint(o.Options, o.WeightDecay, beta1At is not null))
    {
        _o = o.Options;
        _term = new GradientTerm(_o.Maximize, o.WeightDecay);
        _beta1At = beta1At;
    }

    private protected override double LearningRateAt(long step) => TSchedule.At(step);

    private protected override void PrepareStep(long step)
        => _now = AdamScalars.For(
            step, ExplicitLearningRate ?? TSchedule.At(step), _beta1At is null ? _o.Beta1 : _beta1At(step), _o.Beta2, _o.Epsilon, _term, decoupled: false, 0.0, _o.AmsGrad);

    private protected override void Update(int tensor, int offset, Span<float> parameters, ReadOnlySpan<float> gradients)
        => AdamKernel.Update(
            parameters,
            gradients,
            Buffer(0, tensor, offset, parameters.Length),
            Buffer(1, tensor, offset, parameters.Length),
            _o.AmsGrad ? Buffer(2, tensor, offset, parameters.Length) : default,
            _now);
}

/// <summary>
/// AdamW (decoupled weight decay), bit-exact with PyTorch 1.13's single-tensor <c>torch.optim.AdamW</c>:
/// p = p·(1 − lr·λ) first, then the <see cref="Adam{TSchedule}"/> update without the L2 term.
/// </summary>
/// <remarks>
/// State per tensor: m, v, and v̂ with AMSGrad. Fingerprint order: β₁, β₂, ε, λ, AMSGrad, maximize, β₁ co-scheduled.
/// </remarks>
/// <typeparam name="TSchedule">The learning-rate schedule, optionally with a β₁ co-schedule (<see cref="IMomentumSchedule"/>).</typeparam>
public sealed class AdamW<[DynamicallyAccessedMembers(CoScheduleMembers.Required)] TSchedule> : Optimizer
    where TSchedule : ISchedule
{
    private readonly AdamOptions _o;
    private readonly double _weightDecay;
    private readonly GradientTerm _term;
    private readonly Func<long, double>? _beta1At;
    private AdamScalars _now;

    /// <summary>Creates the optimizer and its zeroed state for tensors of the given lengths.</summary>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults (weight decay 0.01).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range.</exception>
    public AdamW(ReadOnlySpan<int> tensorLengths, AdamOptions? options = null)
        : this(tensorLengths, AdamFamily.Validate(options ?? new AdamOptions(), 0.01), MomentumCoSchedule<TSchedule>.MomentumAt)
    {
    }

    private AdamW(ReadOnlySpan<int> tensorLengths, (AdamOptions Options, double WeightDecay) o, Func<long, double>? beta1At)
        : base(OptimizerAlgorithm.AdamW, tensorLengths, o.Options, o.Options.AmsGrad ? 3 : 2, AdamFamily.Fingerprint(o.Options, o.WeightDecay, beta1At is not null))
    {
        _o = o.Options;
        _weightDecay = o.WeightDecay;
        _term = new GradientTerm(_o.Maximize, 0.0);
        _beta1At = beta1At;
    }

    private protected override double LearningRateAt(long step) => TSchedule.At(step);

    private protected override void PrepareStep(long step)
        => _now = AdamScalars.For(
            step, ExplicitLearningRate ?? TSchedule.At(step), _beta1At is null ? _o.Beta1 : _beta1At(step), _o.Beta2, _o.Epsilon, _term, decoupled: true, _weightDecay, _o.AmsGrad);

    private protected override void Update(int tensor, int offset, Span<float> parameters, ReadOnlySpan<float> gradients)
        => AdamKernel.Update(
            parameters,
            gradients,
            Buffer(0, tensor, offset, parameters.Length),
            Buffer(1, tensor, offset, parameters.Length),
            _o.AmsGrad ? Buffer(2, tensor, offset, parameters.Length) : default,
            _now);
}

/// <summary>Validation and fingerprint shared by Adam and AdamW.</summary>
internal static class AdamFamily
{
    public static (AdamOptions, double) Validate(AdamOptions o, double defaultWeightDecay)
    {
        double weightDecay = o.WeightDecay ?? defaultWeightDecay;
        if (!(o.Beta1 >= 0 && o.Beta1 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(o.Beta1), o.Beta1, "β₁ must lie in [0, 1).");
        }

        if (!(o.Beta2 >= 0 && o.Beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(o.Beta2), o.Beta2, "β₂ must lie in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(o.Epsilon, nameof(o.Epsilon));
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay, nameof(o.WeightDecay));
        return (o, weightDecay);
    }

    public static double[] Fingerprint(AdamOptions o, double weightDecay, bool coScheduled)
        => [o.Beta1, o.Beta2, o.Epsilon, weightDecay, o.AmsGrad ? 1 : 0, o.Maximize ? 1 : 0, coScheduled ? 1 : 0];
}
