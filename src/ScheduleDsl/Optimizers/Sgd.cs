using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

using ScheduleDsl.Kernels;

namespace ScheduleDsl.Optimizers;

/// <summary>
/// Stochastic gradient descent, bit-exact with PyTorch 1.13's single-tensor <c>torch.optim.SGD</c>:
/// d = ±g + λ·p; with momentum, b = d on the first update and b = μ·b + (1 − τ)·d afterwards, and
/// d = Nesterov ? d + μ·b : b; then p = p − lr·d.
/// </summary>
/// <remarks>
/// <para>
/// The learning rate follows any <see cref="IScheduleFunction"/>: a run-time <see cref="Schedule"/> (parsed from text or
/// built with <see cref="ScheduleBuilder"/>), a bound compiled schedule, or <see cref="CompiledSchedule{TSchedule}"/>.
/// When <see cref="IScheduleFunction.HasMomentum"/>, its momentum replaces <see cref="SgdOptions.Momentum"/> at every step
/// (PyTorch <c>OneCycleLR</c>/<c>CyclicLR</c> with <c>cycle_momentum</c>). <see cref="Sgd{TSchedule}"/> is the same
/// optimizer with the schedule's rate called statically.
/// </para>
/// <para>
/// State: one momentum buffer per tensor when momentum is non-zero or co-scheduled, none otherwise.
/// Recorded settings: Momentum, Dampening, WeightDecay, Nesterov, Maximize (momentum and weight decay as schedules when scheduled).
/// </para>
/// </remarks>
public class Sgd : Optimizer
{
    private const uint MomentumStarted = 1;

    private readonly bool _maximize;
    private readonly ScheduledValue _momentum;
    private readonly double _dampening;
    private readonly ScheduledValue _weightDecay;
    private readonly bool _nesterov;
    private readonly Scalars[] _now;
    private bool _useMomentum;

    /// <summary>Creates the optimizer and its zeroed state for tensors of the given lengths.</summary>
    /// <param name="schedule">The learning-rate schedule, optionally co-scheduling momentum.</param>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">
    /// Nesterov momentum without momentum or with dampening; an invalid parameter group; the momentum scheduled twice.
    /// </exception>
    public Sgd(IScheduleFunction schedule, ReadOnlySpan<int> tensorLengths, SgdOptions? options = null)
        : this(tensorLengths, new Config(MomentumCoSchedule.Require(schedule), options ?? new SgdOptions()))
    {
    }

    private Sgd(ReadOnlySpan<int> tensorLengths, Config c)
        : base(OptimizerAlgorithm.Sgd, tensorLengths, c.Options, c.Momentum.IsAlwaysZero ? 0 : 1, c.Schedule, c.Settings())
    {
        _maximize = c.Options.Maximize;
        _momentum = c.Momentum;
        _dampening = c.Dampening;
        _weightDecay = c.WeightDecay;
        _nesterov = c.Options.Nesterov;
        _now = new Scalars[GroupCount];
    }

    private protected override uint KnownStateFlags => MomentumStarted;

    private protected override void PrepareStep(long step)
    {
        double momentum = _momentum.At(step);
        double weightDecay = _weightDecay.At(step);
        _useMomentum = momentum != 0;
        for (int g = 0; g < _now.Length; g++)
        {
            _now[g] = new Scalars
            {
                Term = new GradientTerm(_maximize, GroupWeightDecay(g, weightDecay), Clip),
                NegLr = Lanes.F32(-GroupLearningRate(step, g)),
                Momentum = Lanes.F32(momentum),
                OneMinusDampening = Lanes.F32(1 - _dampening),
                UseMomentum = _useMomentum,
                First = (StateFlags & MomentumStarted) == 0,
                Nesterov = _nesterov,
            };
        }
    }

    private protected override void Update(int tensor, int offset, Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        ref readonly Scalars now = ref _now[GroupOf[tensor]];
        Span<float> buffer = now.UseMomentum ? Buffer(0, tensor, offset, parameters.Length) : default;
        now.Term.Dispatch<Kernel, Scalars>(new KernelStreams(parameters, gradients, buffer), now);
    }

    private protected override void CompleteStep()
    {
        if (_useMomentum)
        {
            StateFlags |= MomentumStarted;
        }
    }

    /// <summary>
    /// The SGD loops for one gradient term, chosen once per call: no momentum, the first momentum update, or the
    /// later ones, each with Nesterov as a type argument, so the loops test no flag per vector.
    /// </summary>
    private readonly struct Kernel : IGradientTermKernel<Scalars>
    {
        public static void Run<TTerm>(in KernelStreams k, in Scalars s, TTerm term)
            where TTerm : struct, IGradientTerm
        {
            if (!s.UseMomentum)
            {
                Descend(k.P, k.G, s, term);
            }
            else if (s.Nesterov)
            {
                if (s.First)
                {
                    DescendWithMomentum<TTerm, On, On>(k.P, k.G, k.S0, s, term);
                }
                else
                {
                    DescendWithMomentum<TTerm, Off, On>(k.P, k.G, k.S0, s, term);
                }
            }
            else if (s.First)
            {
                DescendWithMomentum<TTerm, On, Off>(k.P, k.G, k.S0, s, term);
            }
            else
            {
                DescendWithMomentum<TTerm, Off, Off>(k.P, k.G, k.S0, s, term);
            }
        }

        // The loops index the vectors of p, g and b through refs below Lanes.Count(p): the lengths are equal (checked
        // by the step), so they carry no bounds checks; each ref is formed where it is read or written (no byref
        // locals), so the JIT folds it into the instruction's address; the scalar tails compute the same bits.

        /// <summary>p ← p − lr·d.</summary>
        private static void Descend<TTerm>(Span<float> p, ReadOnlySpan<float> g, in Scalars s, TTerm term)
            where TTerm : struct, IGradientTerm
        {
            int n = Lanes.Count(p);
            ref Vector<float> pv = ref Lanes.Ref(p);
            ref Vector<float> gv = ref Lanes.Ref(g);
            var negLr = new Vector<float>(s.NegLr);
            for (nint i = 0; i < n; i++)
            {
                Vector<float> d = term.Of(Unsafe.Add(ref gv, i), in Unsafe.Add(ref pv, i));
                Unsafe.Add(ref pv, i) = VectorMath.FusedMultiplyAdd(negLr, d, Unsafe.Add(ref pv, i));
            }

            for (int i = n * Vector<float>.Count; i < p.Length; i++)
            {
                p[i] = MathF.FusedMultiplyAdd(s.NegLr, term.Of(g[i], p[i]), p[i]);
            }
        }

        /// <summary>
        /// b ← d on the first update (<typeparamref name="TFirst"/>: no dampening), b ← μ·b + (1 − τ)·d afterwards;
        /// p ← p − lr·(Nesterov ? d + μ·b : b).
        /// </summary>
        private static void DescendWithMomentum<TTerm, TFirst, TNesterov>(Span<float> p, ReadOnlySpan<float> g, Span<float> b, in Scalars s, TTerm term)
            where TTerm : struct, IGradientTerm
            where TFirst : struct, IFlag
            where TNesterov : struct, IFlag
        {
            int n = Lanes.Count(p);
            ref Vector<float> pv = ref Lanes.Ref(p);
            ref Vector<float> gv = ref Lanes.Ref(g);
            ref Vector<float> bv = ref Lanes.Ref(b);
            var negLr = new Vector<float>(s.NegLr);
            var mu = new Vector<float>(s.Momentum);
            var oneMinusTau = new Vector<float>(s.OneMinusDampening);
            for (nint i = 0; i < n; i++)
            {
                Vector<float> d = term.Of(Unsafe.Add(ref gv, i), in Unsafe.Add(ref pv, i));
                Vector<float> buf = TFirst.Value ? d : VectorMath.FusedMultiplyAdd(oneMinusTau, d, Unsafe.Add(ref bv, i) * mu);
                Unsafe.Add(ref bv, i) = buf;
                Vector<float> step = TNesterov.Value ? VectorMath.FusedMultiplyAdd(mu, buf, d) : buf;
                Unsafe.Add(ref pv, i) = VectorMath.FusedMultiplyAdd(negLr, step, Unsafe.Add(ref pv, i));
            }

            for (int i = n * Vector<float>.Count; i < p.Length; i++)
            {
                float d = term.Of(g[i], p[i]);
                float buf = TFirst.Value ? d : MathF.FusedMultiplyAdd(s.OneMinusDampening, d, b[i] * s.Momentum);
                b[i] = buf;
                float step = TNesterov.Value ? MathF.FusedMultiplyAdd(s.Momentum, buf, d) : buf;
                p[i] = MathF.FusedMultiplyAdd(s.NegLr, step, p[i]);
            }
        }
    }

    /// <summary>The validated options; every range is decided by <see cref="Hyperparameter"/>.</summary>
    private sealed class Config
    {
        public Config(IScheduleFunction schedule, SgdOptions o)
        {
            Schedule = schedule;
            Options = o;
            IScheduleFunction? momentumSchedule = MomentumCoSchedule.Resolve(schedule, o.MomentumSchedule, nameof(o.MomentumSchedule));
            Momentum = new ScheduledValue(nameof(o.Momentum), ValueRange.NonNegativeSingle, o.Momentum, momentumSchedule);
            Dampening = Hyperparameter.Check(o.Dampening, ValueRange.Unit, nameof(o.Dampening));
            WeightDecay = new ScheduledValue(nameof(o.WeightDecay), ValueRange.NonNegativeSingle, o.WeightDecay, o.WeightDecaySchedule);
            if (o.Nesterov && ((Momentum.Schedule is null && Momentum.Constant == 0) || Dampening != 0))
            {
                throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening.", nameof(o));
            }
        }

        public IScheduleFunction Schedule { get; }

        public SgdOptions Options { get; }

        public ScheduledValue Momentum { get; }

        public double Dampening { get; }

        public ScheduledValue WeightDecay { get; }

        public List<Setting> Settings() =>
        [
            Momentum.Setting,
            Setting.Number(nameof(SgdOptions.Dampening), Dampening),
            WeightDecay.Setting,
            Setting.Flag(nameof(SgdOptions.Nesterov), Options.Nesterov),
            Setting.Flag(nameof(SgdOptions.Maximize), Options.Maximize),
        ];
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

/// <summary>
/// <see cref="Sgd"/> driven by the compiled schedule <typeparamref name="TSchedule"/>, whose rate is called statically
/// (no interface dispatch) at every step.
/// </summary>
/// <typeparam name="TSchedule">
/// The learning-rate schedule; when it also implements <see cref="IMomentumSchedule"/>, its momentum replaces
/// <see cref="SgdOptions.Momentum"/> at every step (PyTorch <c>OneCycleLR</c>/<c>CyclicLR</c> with <c>cycle_momentum</c>).
/// </typeparam>
public sealed class Sgd<[DynamicallyAccessedMembers(CoScheduleMembers.Required)] TSchedule> : Sgd
    where TSchedule : ISchedule
{
    /// <summary>Creates the optimizer and its zeroed state for tensors of the given lengths.</summary>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">Nesterov momentum without momentum or with dampening; an invalid parameter group.</exception>
    public Sgd(ReadOnlySpan<int> tensorLengths, SgdOptions? options = null)
        : base(new CompiledSchedule<TSchedule>(), tensorLengths, options)
    {
    }

    private protected override double LearningRateAt(long step) => TSchedule.At(step);
}
