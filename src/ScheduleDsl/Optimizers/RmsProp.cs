using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

using ScheduleDsl.Kernels;

namespace ScheduleDsl.Optimizers;

/// <summary>
/// RMSprop, bit-exact with PyTorch 1.13's single-tensor <c>torch.optim.RMSprop</c>:
/// d = ±g + λ·p; s = α·s + (1 − α)·d²; centered: a = α·a + (1 − α)·d and r = √(s − a²) + ε, else r = √s + ε;
/// with momentum μ &gt; 0: b = μ·b + d/r and p = p − lr·b, else p = p − lr·d/r.
/// </summary>
/// <remarks>
/// <para>
/// The learning rate follows any <see cref="IScheduleFunction"/> (a run-time <see cref="Schedule"/>, a bound compiled
/// schedule, or <see cref="CompiledSchedule{TSchedule}"/>); when <see cref="IScheduleFunction.HasMomentum"/>, its momentum
/// replaces <see cref="RmsPropOptions.Momentum"/> at every step. <see cref="RmsProp{TSchedule}"/> is the same optimizer
/// with the schedule's rate called statically.
/// </para>
/// <para>
/// State per tensor, in order: s; a when centered; b when momentum is non-zero or co-scheduled.
/// Recorded settings: Alpha, Epsilon, WeightDecay, Momentum, Centered, Maximize.
/// </para>
/// </remarks>
public class RmsProp : Optimizer
{
    private readonly RmsPropOptions _o;
    private readonly double _alpha;
    private readonly double _epsilon;
    private readonly ScheduledValue _momentum;
    private readonly ScheduledValue _weightDecay;
    private readonly int _momentumBuffer;
    private readonly Scalars[] _now;

    /// <summary>Creates the optimizer and its zeroed state for tensors of the given lengths.</summary>
    /// <param name="schedule">The learning-rate schedule, optionally co-scheduling momentum.</param>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">An invalid parameter group, or the momentum scheduled twice.</exception>
    public RmsProp(IScheduleFunction schedule, ReadOnlySpan<int> tensorLengths, RmsPropOptions? options = null)
        : this(
            MomentumCoSchedule.Require(schedule),
            tensorLengths,
            options ??= new RmsPropOptions(),
            new ScheduledValue(nameof(options.Momentum), ValueRange.NonNegativeSingle, options.Momentum, MomentumCoSchedule.Resolve(schedule, options.MomentumSchedule, nameof(options.MomentumSchedule))),
            new ScheduledValue(nameof(options.WeightDecay), ValueRange.NonNegativeSingle, options.WeightDecay, options.WeightDecaySchedule))
    {
    }

    private RmsProp(IScheduleFunction schedule, ReadOnlySpan<int> tensorLengths, RmsPropOptions o, ScheduledValue momentum, ScheduledValue weightDecay)
        : base(
            OptimizerAlgorithm.RmsProp,
            tensorLengths,
            o,
            1 + (o.Centered ? 1 : 0) + (momentum.IsAlwaysZero ? 0 : 1),
            schedule,
            [
                Setting.Number(nameof(o.Alpha), Hyperparameter.Check(o.Alpha, ValueRange.Unit, nameof(o.Alpha))),
                Setting.Number(nameof(o.Epsilon), Hyperparameter.Check(o.Epsilon, ValueRange.NonNegativeSingle, nameof(o.Epsilon))),
                weightDecay.Setting,
                momentum.Setting,
                Setting.Flag(nameof(o.Centered), o.Centered),
                Setting.Flag(nameof(o.Maximize), o.Maximize),
            ])
    {
        _o = o;
        _alpha = o.Alpha + 0.0;
        _epsilon = o.Epsilon + 0.0;
        _momentum = momentum;
        _weightDecay = weightDecay;
        _momentumBuffer = momentum.IsAlwaysZero ? -1 : (o.Centered ? 2 : 1);
        _now = new Scalars[GroupCount];
    }

    private protected override void PrepareStep(long step)
    {
        double momentum = _momentum.At(step);
        double weightDecay = _weightDecay.At(step);
        for (int g = 0; g < _now.Length; g++)
        {
            _now[g] = new Scalars
            {
                Term = new GradientTerm(_o.Maximize, GroupWeightDecay(g, weightDecay), Clip),
                Alpha = Lanes.F32(_alpha),
                OneMinusAlpha = Lanes.F32(1 - _alpha),
                Epsilon = Lanes.F32(_epsilon),
                NegLr = Lanes.F32(-GroupLearningRate(step, g)),
                Momentum = Lanes.F32(momentum),
                Centered = _o.Centered,
                UseMomentum = momentum > 0,
            };
        }
    }

    private protected override void Update(int tensor, int offset, Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        int n = parameters.Length;
        ref readonly Scalars now = ref _now[GroupOf[tensor]];
        Update(
            parameters,
            gradients,
            Buffer(0, tensor, offset, n),
            _o.Centered ? Buffer(1, tensor, offset, n) : default,
            now.UseMomentum ? Buffer(_momentumBuffer, tensor, offset, n) : default,
            now);
    }

    /// <summary>
    /// s ← α·s + ((1 − α)·d)·d; [centered: a ← α·a + (1 − α)·d]; r = √(s − a·a) + ε;
    /// momentum: b ← μ·b + d/r, p ← p − lr·b; otherwise p ← p + (−lr·d)/r.
    /// </summary>
    private static void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> s, Span<float> a, Span<float> b, in Scalars c)
        => c.Term.Dispatch<Kernel, Scalars>(new KernelStreams(p, g, s, a, b), c);

    /// <summary>The element loop, called back by <see cref="GradientTerm.Dispatch{TKernel, TScalars}"/>.</summary>
    private readonly struct Kernel : IGradientTermKernel<Scalars>
    {
        public static void Run<TTerm>(in KernelStreams k, in Scalars c, TTerm term)
            where TTerm : struct, IGradientTerm
        {
            if (c.Centered)
            {
                if (c.UseMomentum)
                {
                    Run<TTerm, On, On>(k, c, term);
                }
                else
                {
                    Run<TTerm, On, Off>(k, c, term);
                }
            }
            else if (c.UseMomentum)
            {
                Run<TTerm, Off, On>(k, c, term);
            }
            else
            {
                Run<TTerm, Off, Off>(k, c, term);
            }
        }

        /// <summary>
        /// The loop for one gradient term, centered and momentum as type arguments (no flag tests per vector). The
        /// vectors of p, g, s (and a, b when used) are indexed through refs below <c>Lanes.Count(p)</c>: the lengths
        /// are equal (checked by the step), so the loop carries no bounds checks; each ref is formed where it is used.
        /// </summary>
        private static void Run<TTerm, TCentered, TMomentum>(in KernelStreams k, in Scalars c, TTerm term)
            where TTerm : struct, IGradientTerm
            where TCentered : struct, IFlag
            where TMomentum : struct, IFlag
        {
            Span<float> p = k.P;
            ReadOnlySpan<float> g = k.G;
            Span<float> s = k.S0;
            Span<float> a = k.S1;
            Span<float> b = k.S2;
            int n = Lanes.Count(p);
            ref Vector<float> pv = ref Lanes.Ref(p);
            ref Vector<float> gv = ref Lanes.Ref(g);
            ref Vector<float> sv = ref Lanes.Ref(s);
            ref Vector<float> av = ref Lanes.Ref(a);
            ref Vector<float> bv = ref Lanes.Ref(b);
            var alpha = new Vector<float>(c.Alpha);
            var oneMinusAlpha = new Vector<float>(c.OneMinusAlpha);
            var eps = new Vector<float>(c.Epsilon);
            var negLr = new Vector<float>(c.NegLr);
            var mu = new Vector<float>(c.Momentum);
            for (nint i = 0; i < n; i++)
            {
                Vector<float> d = term.Of(Unsafe.Add(ref gv, i), in Unsafe.Add(ref pv, i));
                Vector<float> sq = VectorMath.FusedMultiplyAdd(oneMinusAlpha * d, d, Unsafe.Add(ref sv, i) * alpha);
                Unsafe.Add(ref sv, i) = sq;
                if (TCentered.Value)
                {
                    Vector<float> avg = VectorMath.FusedMultiplyAdd(oneMinusAlpha, d, Unsafe.Add(ref av, i) * alpha);
                    Unsafe.Add(ref av, i) = avg;
                    sq = VectorMath.FusedMultiplyAdd(-avg, avg, sq);
                }

                Vector<float> r = Vector.SquareRoot(sq) + eps;
                if (TMomentum.Value)
                {
                    Vector<float> buf = (Unsafe.Add(ref bv, i) * mu) + (d / r);
                    Unsafe.Add(ref bv, i) = buf;
                    Unsafe.Add(ref pv, i) = VectorMath.FusedMultiplyAdd(negLr, buf, Unsafe.Add(ref pv, i));
                }
                else
                {
                    Unsafe.Add(ref pv, i) = Unsafe.Add(ref pv, i) + (negLr * d / r);
                }
            }

            for (int i = n * Vector<float>.Count; i < p.Length; i++)
            {
                float d = term.Of(g[i], p[i]);
                float sq = s[i] = MathF.FusedMultiplyAdd(c.OneMinusAlpha * d, d, s[i] * c.Alpha);
                if (TCentered.Value)
                {
                    float avg = a[i] = MathF.FusedMultiplyAdd(c.OneMinusAlpha, d, a[i] * c.Alpha);
                    sq = MathF.FusedMultiplyAdd(-avg, avg, sq);
                }

                float r = MathF.Sqrt(sq) + c.Epsilon;
                if (TMomentum.Value)
                {
                    float buf = b[i] = (b[i] * c.Momentum) + (d / r);
                    p[i] = MathF.FusedMultiplyAdd(c.NegLr, buf, p[i]);
                }
                else
                {
                    p[i] += c.NegLr * d / r;
                }
            }
        }
    }

    private struct Scalars
    {
        public GradientTerm Term;
        public float Alpha;
        public float OneMinusAlpha;
        public float Epsilon;
        public float NegLr;
        public float Momentum;
        public bool Centered;
        public bool UseMomentum;
    }
}

/// <summary>
/// <see cref="RmsProp"/> driven by the compiled schedule <typeparamref name="TSchedule"/>, whose rate is called statically
/// (no interface dispatch) at every step.
/// </summary>
/// <typeparam name="TSchedule">
/// The learning-rate schedule; when it also implements <see cref="IMomentumSchedule"/>, its momentum replaces
/// <see cref="RmsPropOptions.Momentum"/> at every step.
/// </typeparam>
public sealed class RmsProp<[DynamicallyAccessedMembers(CoScheduleMembers.Required)] TSchedule> : RmsProp
    where TSchedule : ISchedule
{
    /// <summary>Creates the optimizer and its zeroed state for tensors of the given lengths.</summary>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">An invalid parameter group, or the momentum scheduled twice.</exception>
    public RmsProp(ReadOnlySpan<int> tensorLengths, RmsPropOptions? options = null)
        : base(new CompiledSchedule<TSchedule>(), tensorLengths, options)
    {
    }

    private protected override double LearningRateAt(long step) => TSchedule.At(step);
}
