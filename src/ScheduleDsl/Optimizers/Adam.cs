using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace ScheduleDsl.Optimizers;

/// <summary>
/// Adam with L2 weight decay, bit-exact with PyTorch 1.13's single-tensor <c>torch.optim.Adam</c>:
/// d = ±g + λ·p; m = β₁·m + (1 − β₁)·d; v = β₂·v + (1 − β₂)·d²; [AMSGrad v̂ = max(v̂, v)];
/// p = p − lr/(1 − β₁ᵗ) · m / (√v̂/√(1 − β₂ᵗ) + ε).
/// </summary>
/// <remarks>
/// <para>
/// The learning rate follows any <see cref="IScheduleFunction"/> (a run-time <see cref="Schedule"/>, a bound compiled
/// schedule, or <see cref="CompiledSchedule{TSchedule}"/>); when <see cref="IScheduleFunction.HasMomentum"/>, its momentum
/// replaces β₁ at every step (PyTorch <c>OneCycleLR</c> writing <c>betas[0]</c>). <see cref="Adam{TSchedule}"/> is the
/// same optimizer with the schedule's rate called statically.
/// </para>
/// <para>State per tensor: m, v, and v̂ with AMSGrad. Recorded settings: Beta1, Beta2, Epsilon, WeightDecay, AmsGrad, Maximize.</para>
/// </remarks>
public class Adam : Optimizer
{
    private readonly AdamFamily _family;

    /// <summary>Creates the optimizer and its zeroed state for tensors of the given lengths.</summary>
    /// <param name="schedule">The learning-rate schedule, optionally co-scheduling β₁.</param>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">An invalid parameter group, or β₁ scheduled twice.</exception>
    public Adam(IScheduleFunction schedule, ReadOnlySpan<int> tensorLengths, AdamOptions? options = null)
        : this(tensorLengths, AdamFamily.Create(schedule, options, decoupled: false))
    {
    }

    private Adam(ReadOnlySpan<int> tensorLengths, AdamFamily f)
        : base(OptimizerAlgorithm.Adam, tensorLengths, f.Options, f.Options.AmsGrad ? 3 : 2, f.Schedule, f.Settings())
    {
        _family = f;
        f.Allocate(GroupCount);
    }

    private protected override void PrepareStep(long step) => _family.Prepare(this, step);

    private protected override void Update(int tensor, int offset, Span<float> parameters, ReadOnlySpan<float> gradients)
        => _family.Update(this, tensor, offset, parameters, gradients);
}

/// <summary>
/// <see cref="Adam"/> driven by the compiled schedule <typeparamref name="TSchedule"/>, whose rate is called statically
/// (no interface dispatch) at every step.
/// </summary>
/// <typeparam name="TSchedule">
/// The learning-rate schedule; when it also implements <see cref="IMomentumSchedule"/>, its value replaces β₁ at
/// every step (PyTorch <c>OneCycleLR</c> writing <c>betas[0]</c>).
/// </typeparam>
public sealed class Adam<[DynamicallyAccessedMembers(CoScheduleMembers.Required)] TSchedule> : Adam
    where TSchedule : ISchedule
{
    /// <summary>Creates the optimizer and its zeroed state for tensors of the given lengths.</summary>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">An invalid parameter group, or β₁ scheduled twice.</exception>
    public Adam(ReadOnlySpan<int> tensorLengths, AdamOptions? options = null)
        : base(new CompiledSchedule<TSchedule>(), tensorLengths, options)
    {
    }

    private protected override double LearningRateAt(long step) => TSchedule.At(step);
}

/// <summary>
/// AdamW (decoupled weight decay), bit-exact with PyTorch 1.13's single-tensor <c>torch.optim.AdamW</c>:
/// p = p·(1 − lr·λ) first, then the <see cref="Adam"/> update without the L2 term.
/// </summary>
/// <remarks>
/// <para>
/// The learning rate follows any <see cref="IScheduleFunction"/>, optionally co-scheduling β₁ as for <see cref="Adam"/>;
/// <see cref="AdamW{TSchedule}"/> is the same optimizer with the schedule's rate called statically.
/// </para>
/// <para>State per tensor: m, v, and v̂ with AMSGrad. Recorded settings: Beta1, Beta2, Epsilon, WeightDecay, AmsGrad, Maximize.</para>
/// </remarks>
public class AdamW : Optimizer
{
    private readonly AdamFamily _family;

    /// <summary>Creates the optimizer and its zeroed state for tensors of the given lengths.</summary>
    /// <param name="schedule">The learning-rate schedule, optionally co-scheduling β₁.</param>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults (weight decay 0.01).</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">An invalid parameter group, or β₁ scheduled twice.</exception>
    public AdamW(IScheduleFunction schedule, ReadOnlySpan<int> tensorLengths, AdamOptions? options = null)
        : this(tensorLengths, AdamFamily.Create(schedule, options, decoupled: true))
    {
    }

    private AdamW(ReadOnlySpan<int> tensorLengths, AdamFamily f)
        : base(OptimizerAlgorithm.AdamW, tensorLengths, f.Options, f.Options.AmsGrad ? 3 : 2, f.Schedule, f.Settings())
    {
        _family = f;
        f.Allocate(GroupCount);
    }

    private protected override void PrepareStep(long step) => _family.Prepare(this, step);

    private protected override void Update(int tensor, int offset, Span<float> parameters, ReadOnlySpan<float> gradients)
        => _family.Update(this, tensor, offset, parameters, gradients);
}

/// <summary>
/// <see cref="AdamW"/> driven by the compiled schedule <typeparamref name="TSchedule"/>, whose rate is called statically
/// (no interface dispatch) at every step.
/// </summary>
/// <typeparam name="TSchedule">The learning-rate schedule, optionally with a β₁ co-schedule (<see cref="IMomentumSchedule"/>).</typeparam>
public sealed class AdamW<[DynamicallyAccessedMembers(CoScheduleMembers.Required)] TSchedule> : AdamW
    where TSchedule : ISchedule
{
    /// <summary>Creates the optimizer and its zeroed state for tensors of the given lengths.</summary>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults (weight decay 0.01).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">An invalid parameter group, or β₁ scheduled twice.</exception>
    public AdamW(ReadOnlySpan<int> tensorLengths, AdamOptions? options = null)
        : base(new CompiledSchedule<TSchedule>(), tensorLengths, options)
    {
    }

    private protected override double LearningRateAt(long step) => TSchedule.At(step);
}

/// <summary>The validated options, per-group scalars and update shared by Adam and AdamW.</summary>
internal sealed class AdamFamily
{
    private AdamScalars[] _now = [];

    private AdamFamily(IScheduleFunction schedule, AdamOptions o, bool decoupled, IScheduleFunction? beta1Schedule)
    {
        Schedule = schedule;
        Options = o;
        Decoupled = decoupled;
        Beta1 = new ScheduledValue(nameof(o.Beta1), ValueRange.UnitHalfOpen, o.Beta1, beta1Schedule);
        Beta2 = new ScheduledValue(nameof(o.Beta2), ValueRange.UnitHalfOpen, o.Beta2, o.Beta2Schedule);
        Epsilon = Hyperparameter.Check(o.Epsilon, ValueRange.NonNegativeSingle, nameof(o.Epsilon));
        WeightDecay = new ScheduledValue(nameof(o.WeightDecay), ValueRange.NonNegativeSingle, o.WeightDecay ?? (decoupled ? 0.01 : 0.0), o.WeightDecaySchedule);
    }

    /// <summary>The learning-rate schedule.</summary>
    public IScheduleFunction Schedule { get; }

    public AdamOptions Options { get; }

    public bool Decoupled { get; }

    public ScheduledValue Beta1 { get; }

    public ScheduledValue Beta2 { get; }

    public double Epsilon { get; }

    public ScheduledValue WeightDecay { get; }

    /// <summary>Validates <paramref name="options"/>; the weight decay defaults to PyTorch's (0 for Adam, 0.01 for AdamW).</summary>
    public static AdamFamily Create(IScheduleFunction schedule, AdamOptions? options, bool decoupled)
    {
        MomentumCoSchedule.Require(schedule);
        AdamOptions o = options ?? new AdamOptions();
        return new(schedule, o, decoupled, MomentumCoSchedule.Resolve(schedule, o.Beta1Schedule, nameof(AdamOptions.Beta1Schedule)));
    }

    public List<Setting> Settings() =>
    [
        Beta1.Setting,
        Beta2.Setting,
        Setting.Number(nameof(AdamOptions.Epsilon), Epsilon),
        WeightDecay.Setting,
        Setting.Flag(nameof(AdamOptions.AmsGrad), Options.AmsGrad),
        Setting.Flag(nameof(AdamOptions.Maximize), Options.Maximize),
    ];

    public void Allocate(int groups) => _now = new AdamScalars[groups];

    public void Prepare(Optimizer owner, long step)
    {
        double beta1 = Beta1.At(step);
        double beta2 = Beta2.At(step);
        double weightDecay = WeightDecay.At(step);
        for (int g = 0; g < _now.Length; g++)
        {
            double lambda = owner.GroupWeightDecay(g, weightDecay);
            var term = new GradientTerm(Options.Maximize, Decoupled ? 0.0 : lambda, owner.Clip);
            _now[g] = AdamScalars.For(step, owner.GroupLearningRate(step, g), beta1, beta2, Epsilon, term, Decoupled, Decoupled ? lambda : 0.0, Options.AmsGrad);
        }
    }

    public void Update(Optimizer owner, int tensor, int offset, Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        int n = parameters.Length;
        AdamKernel.Update(
            parameters,
            gradients,
            owner.Buffer(0, tensor, offset, n),
            owner.Buffer(1, tensor, offset, n),
            Options.AmsGrad ? owner.Buffer(2, tensor, offset, n) : default,
            _now[owner.GroupOf[tensor]]);
    }
}
