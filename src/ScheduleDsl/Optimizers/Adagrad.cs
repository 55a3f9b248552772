using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

using ScheduleDsl.Kernels;

namespace ScheduleDsl.Optimizers;

/// <summary>
/// Adagrad, bit-exact with PyTorch 1.13's single-tensor <c>torch.optim.Adagrad</c>:
/// d = ±g + λ·p; s = s + d²; p = p − lr/(1 + (t − 1)·δ) · d/(√s + ε), with s starting at the initial accumulator value.
/// </summary>
/// <remarks>
/// <para>
/// The learning rate follows any <see cref="IScheduleFunction"/> (a run-time <see cref="Schedule"/>, a bound compiled
/// schedule, or <see cref="CompiledSchedule{TSchedule}"/>; lr above, the lr decay δ applies on top of it).
/// <see cref="Adagrad{TSchedule}"/> is the same optimizer with the schedule's rate called statically.
/// </para>
/// <para>State per tensor: s. Recorded settings: LearningRateDecay, WeightDecay, InitialAccumulatorValue, Epsilon, Maximize.</para>
/// </remarks>
public class Adagrad : Optimizer
{
    private readonly bool _maximize;
    private readonly double _learningRateDecay;
    private readonly double _epsilon;
    private readonly ScheduledValue _weightDecay;
    private readonly Scalars[] _now;

    /// <summary>Creates the optimizer and its state (every accumulator at the initial value) for tensors of the given lengths.</summary>
    /// <param name="schedule">The learning-rate schedule.</param>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">An invalid parameter group.</exception>
    public Adagrad(IScheduleFunction schedule, ReadOnlySpan<int> tensorLengths, AdagradOptions? options = null)
        : this(MomentumCoSchedule.Require(schedule), tensorLengths, options ??= new AdagradOptions(), new ScheduledValue(nameof(options.WeightDecay), ValueRange.NonNegativeSingle, options.WeightDecay, options.WeightDecaySchedule))
    {
    }

    private Adagrad(IScheduleFunction schedule, ReadOnlySpan<int> tensorLengths, AdagradOptions o, ScheduledValue weightDecay)
        : base(
            OptimizerAlgorithm.Adagrad,
            tensorLengths,
            o,
            1,
            schedule,
            [
                Setting.Number(nameof(o.LearningRateDecay), Hyperparameter.Check(o.LearningRateDecay, ValueRange.NonNegative, nameof(o.LearningRateDecay))),
                weightDecay.Setting,
                Setting.Number(nameof(o.InitialAccumulatorValue), Hyperparameter.Check(o.InitialAccumulatorValue, ValueRange.NonNegativeSingle, nameof(o.InitialAccumulatorValue))),
                Setting.Number(nameof(o.Epsilon), Hyperparameter.Check(o.Epsilon, ValueRange.NonNegativeSingle, nameof(o.Epsilon))),
                Setting.Flag(nameof(o.Maximize), o.Maximize),
            ])
    {
        _maximize = o.Maximize;
        _learningRateDecay = o.LearningRateDecay + 0.0;
        _epsilon = o.Epsilon + 0.0;
        _weightDecay = weightDecay;
        _now = new Scalars[GroupCount];
        for (int t = 0; t < TensorCount; t++)
        {
            BufferArray(0, t).AsSpan().Fill(Lanes.F32(o.InitialAccumulatorValue + 0.0));
        }
    }

    private protected override void PrepareStep(long step)
    {
        double t = step + 1;
        double weightDecay = _weightDecay.At(step);
        for (int g = 0; g < _now.Length; g++)
        {
            _now[g] = new Scalars
            {
                Term = new GradientTerm(_maximize, GroupWeightDecay(g, weightDecay), Clip),
                NegClr = Lanes.F32(-(GroupLearningRate(step, g) / (1 + (t - 1) * _learningRateDecay))),
                Epsilon = Lanes.F32(_epsilon),
            };
        }
    }

    private protected override void Update(int tensor, int offset, Span<float> parameters, ReadOnlySpan<float> gradients)
        => Update(parameters, gradients, Buffer(0, tensor, offset, parameters.Length), _now[GroupOf[tensor]]);

    /// <summary>s ← s + d·d; p ← p + (−clr·d)/(√s + ε).</summary>
    private static void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> s, in Scalars c)
        => c.Term.Dispatch<Kernel, Scalars>(new KernelStreams(p, g, s), c);

    /// <summary>The element loop, called back by <see cref="GradientTerm.Dispatch{TKernel, TScalars}"/>.</summary>
    private readonly struct Kernel : IGradientTermKernel<Scalars>
    {
        /// <summary>
        /// The loop for one gradient term. The vectors of p, g and s are indexed through refs below
        /// <c>Lanes.Count(p)</c>: the lengths are equal (checked by the step), so the loop carries no bounds checks.
        /// </summary>
        public static void Run<TTerm>(in KernelStreams k, in Scalars c, TTerm term)
            where TTerm : struct, IGradientTerm
        {
            Span<float> p = k.P;
            ReadOnlySpan<float> g = k.G;
            Span<float> s = k.S0;
            int n = Lanes.Count(p);
            ref Vector<float> pv = ref Lanes.Ref(p);
            ref Vector<float> gv = ref Lanes.Ref(g);
            ref Vector<float> sv = ref Lanes.Ref(s);
            var negClr = new Vector<float>(c.NegClr);
            var eps = new Vector<float>(c.Epsilon);
            for (nint i = 0; i < n; i++)
            {
                Vector<float> d = term.Of(Unsafe.Add(ref gv, i), in Unsafe.Add(ref pv, i));
                Vector<float> sum = VectorMath.FusedMultiplyAdd(d, d, Unsafe.Add(ref sv, i));
                Unsafe.Add(ref sv, i) = sum;
                Unsafe.Add(ref pv, i) = Unsafe.Add(ref pv, i) + (negClr * d / (Vector.SquareRoot(sum) + eps));
            }

            for (int i = n * Vector<float>.Count; i < p.Length; i++)
            {
                float d = term.Of(g[i], p[i]);
                float sum = s[i] = MathF.FusedMultiplyAdd(d, d, s[i]);
                p[i] += c.NegClr * d / (MathF.Sqrt(sum) + c.Epsilon);
            }
        }
    }

    private struct Scalars
    {
        public GradientTerm Term;
        public float NegClr;
        public float Epsilon;
    }
}

/// <summary>
/// <see cref="Adagrad"/> driven by the compiled schedule <typeparamref name="TSchedule"/>, whose rate is called statically
/// (no interface dispatch) at every step.
/// </summary>
/// <typeparam name="TSchedule">The learning-rate schedule (lr; the lr decay δ applies on top of it).</typeparam>
public sealed class Adagrad<[DynamicallyAccessedMembers(CoScheduleMembers.Required)] TSchedule> : Adagrad
    where TSchedule : ISchedule
{
    /// <summary>Creates the optimizer and its state (every accumulator at the initial value) for tensors of the given lengths.</summary>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">An invalid parameter group.</exception>
    public Adagrad(ReadOnlySpan<int> tensorLengths, AdagradOptions? options = null)
        : base(new CompiledSchedule<TSchedule>(), tensorLengths, options)
    {
    }

    private protected override double LearningRateAt(long step) => TSchedule.At(step);
}
