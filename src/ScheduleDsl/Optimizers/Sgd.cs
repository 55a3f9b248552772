using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

using ScheduleDsl.Kernels;

namespace ScheduleDsl.Optimizers;

/// <summary>
/// Stochastic gradient descent, bit-exact with PyTorch 1.13's single-tensor <c>torch.optim.SGD</c>:
/// d = ±g + λ·p; with momentum, b = d on the first update and b = μ·b + (1 − τ)·d afterwards, and
/// d = Nesterov ? d + μ·b : b; then p = p − lr·d.
/// </summary>
/// <remarks>
/// State: one momentum buffer per tensor when momentum is non-zero or co-scheduled, none otherwise.
/// Fingerprint order: momentum, dampening, weight decay, Nesterov, maximize, momentum co-scheduled.
/// </remarks>
/// <typeparam name="TSchedule">
/// The learning-rate schedule; when it also implements <see cref="IMomentumSchedule"/>, its momentum replaces
/// <see cref="SgdOptions.Momentum"/> at every step (PyTorch <c>OneCycleLR</c>/<c>CyclicLR</c> with <c>cycle_momentum</c>).
/// </typeparam>
public sealed class Sgd<[DynamicallyAccessedMembers(CoScheduleMembers.Required)] TSchedule> : Optimizer
    where TSchedule : ISchedule
{
    private const uint MomentumStarted = 1;

    private readonly GradientTerm _term;
    private readonly double _momentum;
    private readonly double _dampening;
    private readonly bool _nesterov;
    private readonly Func<long, double>? _momentumAt;
    private Scalars _now;

    /// <summary>Creates the optimizer and its zeroed state for tensors of the given lengths.</summary>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentException">Nesterov momentum without momentum or with dampening.</exception>
    public Sgd(ReadOnlySpan<int> tensorLengths, SgdOptions? options = null)
        : this(tensorLengths, options ?? new SgdOptions(), MomentumCoSchedule<TSchedule>.MomentumAt)
    {
    }

    private Sgd(ReadOnlySpan<int> tensorLengths, SgdOptions o, Func<long, double>? momentumAt)
        : base(
            OptimizerAlgorithm.Sgd,
            tensorLengths,
            Validate(o, momentumAt is not null),
            o.Momentum != 0 || momentumAt is not null ? 1 : 0,
            [o.Momentum, o.Dampening, o.WeightDecay, o.Nesterov ? 1 : 0, o.Maximize ? 1 : 0, momentumAt is not null ? 1 : 0])
    {
        _term = new GradientTerm(o.Maximize, o.WeightDecay);
        _momentum = o.Momentum;
        _dampening = o.Dampening;
        _nesterov = o.Nesterov;
        _momentumAt = momentumAt;
    }

    private protected override uint KnownStateFlags => MomentumStarted;

    private protected override double LearningRateAt(long step) => TSchedule.At(step);

    private protected override void PrepareStep(long step)
    {
        double lr = ExplicitLearningRate ?? TSchedule.At(step);
        double momentum = _momentumAt is null ? _momentum : _momentumAt(step);
        CheckScalar(lr, momentum);
        _now = new Scalars
        {
            Term = _term,
            NegLr = Lanes.F32(-lr),
            Momentum = Lanes.F32(momentum),
            OneMinusDampening = Lanes.F32(1 - _dampening),
            UseMomentum = momentum != 0,
            First = (StateFlags & MomentumStarted) == 0,
            Nesterov = _nesterov,
        };
    }

    private protected override void Update(int tensor, int offset, Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (!_now.UseMomentum)
        {
            Descend(parameters, gradients, _now);
        }
        else
        {
            Span<float> buffer = Buffer(0, tensor, offset, parameters.Length);
            if (_now.First)
            {
                DescendWithFirstMomentum(parameters, gradients, buffer, _now);
            }
            else
            {
                DescendWithMomentum(parameters, gradients, buffer, _now);
            }
        }
    }

    private protected override void CompleteStep()
    {
        if (_now.UseMomentum)
        {
            StateFlags |= MomentumStarted;
        }
    }

    /// <summary>p ← p − lr·d.</summary>
    private static void Descend(Span<float> p, ReadOnlySpan<float> g, in Scalars s)
    {
        // Loop invariants as locals: the JIT keeps them in registers instead of re-reading the struct.
        GradientTerm term = s.Term;
                Span<Vector<float>> pv = Lanes.Of(p);
        ReadOnlySpan<Vector<float>> gv = Lanes.Of(g);
        var negLr = new Vector<float>(s.NegLr);
        for (int i = 0; i < pv.Length; i++)
        {
            pv[i] = VectorMath.FusedMultiplyAdd(negLr, term.Of(gv[i], pv[i]), pv[i]);
        }

        for (int i = Lanes.Tail(pv); i < p.Length; i++)
        {
            p[i] = MathF.FusedMultiplyAdd(s.NegLr, term.Of(g[i], p[i]), p[i]);
        }
    }

    /// <summary>First momentum update: b ← d (no dampening); p ← p − lr·(Nesterov ? d + μ·b : b).</summary>
    private static void DescendWithFirstMomentum(Span<float> p, ReadOnlySpan<float> g, Span<float> b, in Scalars s)
    {
        // Loop invariants as locals: the JIT keeps them in registers instead of re-reading the struct.
        GradientTerm term = s.Term;
        bool nesterov = s.Nesterov;
        Span<Vector<float>> pv = Lanes.Of(p), bv = Lanes.Of(b);
        ReadOnlySpan<Vector<float>> gv = Lanes.Of(g);
        var negLr = new Vector<float>(s.NegLr);
        var mu = new Vector<float>(s.Momentum);
        for (int i = 0; i < pv.Length; i++)
        {
            Vector<float> d = term.Of(gv[i], pv[i]);
            bv[i] = d;
            Vector<float> step = nesterov ? VectorMath.FusedMultiplyAdd(mu, d, d) : d;
            pv[i] = VectorMath.FusedMultiplyAdd(negLr, step, pv[i]);
        }

        for (int i = Lanes.Tail(pv); i < p.Length; i++)
        {
            float d = term.Of(g[i], p[i]);
            b[i] = d;
            float step = nesterov ? MathF.FusedMultiplyAdd(s.Momentum, d, d) : d;
            p[i] = MathF.FusedMultiplyAdd(s.NegLr, step, p[i]);
        }
    }

    /// <summary>b ← μ·b + (1 − τ)·d; p ← p − lr·(Nesterov ? d + μ·b : b).</summary>
    private static void DescendWithMomentum(Span<float> p, ReadOnlySpan<float> g, Span<float> b, in Scalars s)
    {
        // Loop invariants as locals: the JIT keeps them in registers instead of re-reading the struct.
        GradientTerm term = s.Term;
        bool nesterov = s.Nesterov;
        Span<Vector<float>> pv = Lanes.Of(p), bv = Lanes.Of(b);
        ReadOnlySpan<Vector<float>> gv = Lanes.Of(g);
        var negLr = new Vector<float>(s.NegLr);
        var mu = new Vector<float>(s.Momentum);
        var oneMinusTau = new Vector<float>(s.OneMinusDampening);
        for (int i = 0; i < pv.Length; i++)
        {
            Vector<float> d = term.Of(gv[i], pv[i]);
            Vector<float> buf = VectorMath.FusedMultiplyAdd(oneMinusTau, d, bv[i] * mu);
            bv[i] = buf;
            Vector<float> step = nesterov ? VectorMath.FusedMultiplyAdd(mu, buf, d) : buf;
            pv[i] = VectorMath.FusedMultiplyAdd(negLr, step, pv[i]);
        }

        for (int i = Lanes.Tail(pv); i < p.Length; i++)
        {
            float d = term.Of(g[i], p[i]);
            float buf = MathF.FusedMultiplyAdd(s.OneMinusDampening, d, b[i] * s.Momentum);
            b[i] = buf;
            float step = nesterov ? MathF.FusedMultiplyAdd(s.Momentum, buf, d) : buf;
            p[i] = MathF.FusedMultiplyAdd(s.NegLr, step, p[i]);
        }
    }

    private static SgdOptions Validate(SgdOptions o, bool coScheduled)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(o.Momentum, nameof(o.Momentum));
        ArgumentOutOfRangeException.ThrowIfNegative(o.WeightDecay, nameof(o.WeightDecay));
        if (o.Nesterov && ((o.Momentum <= 0 && !coScheduled) || o.Dampening != 0))
        {
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening.", nameof(o));
        }

        return o;
    }

    private static void CheckScalar(double lr, double momentum)
    {
        if (!double.IsFinite(lr))
        {
            throw new ArgumentOutOfRangeException(nameof(lr), lr, $"The schedule {typeof(TSchedule).Name} returned a non-finite learning rate.");
        }

        if (!(momentum >= 0) || double.IsInfinity(momentum))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"The momentum must be finite and non-negative.");
        }
    }

    private struct Scalars
    {
        public GradientTerm Term;
        public float NegLr;
        public float Momentum;
        public float OneMinusDampening;
        public bool UseMomentum;
        public bool First;
        public bool Nesterov;
    }
}
