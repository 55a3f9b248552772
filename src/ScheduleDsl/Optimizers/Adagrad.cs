using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

using ScheduleDsl.Kernels;

namespace ScheduleDsl.Optimizers;

/// <summary>
/// Adagrad, bit-exact with PyTorch 1.13's single-tensor <c>torch.optim.Adagrad</c>:
/// d = ±g + λ·p; s = s + d²; p = p − lr/(1 + (t − 1)·δ) · d/(√s + ε), with s starting at the initial accumulator value.
/// </summary>
/// <remarks>
/// State per tensor: s. Fingerprint order: δ (lr decay), λ, initial accumulator value, ε, maximize.
/// </remarks>
/// <typeparam name="TSchedule">The learning-rate schedule (lr above; the lr decay δ applies on top of it).</typeparam>
public sealed class Adagrad<[DynamicallyAccessedMembers(CoScheduleMembers.Required)] TSchedule> : Optimizer
    where TSchedule : ISchedule
{
    private readonly AdagradOptions _o;
    private readonly GradientTerm _term;
    private Scalars _now;

    /// <summary>Creates the optimizer and its state (every accumulator at the initial value) for tensors of the given lengths.</summary>
    /// <param name="tensorLengths">The element count of each parameter tensor.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range.</exception>
    public Adagrad(ReadOnlySpan<int> tensorLengths, AdagradOptions? options = null)
        : this(tensorLengths, Validate(options ?? new AdagradOptions()), validated: true)
    {
    }

    private Adagrad(ReadOnlySpan<int> tensorLengths, AdagradOptions o, bool validated)
        : base(
            OptimizerAlgorithm.Adagrad,
            tensorLengths,
            o,
            1,
            [o.LearningRateDecay, o.WeightDecay, o.InitialAccumulatorValue, o.Epsilon, o.Maximize ? 1 : 0])
    {
        System.Diagnostics.Debug.Assert(validated, "The options were validated by the public constructor.");
        _o = o;
        _term = new GradientTerm(o.Maximize, o.WeightDecay);
        for (int t = 0; t < TensorCount; t++)
        {
            BufferArray(0, t).AsSpan().Fill(Lanes.F32(o.InitialAccumulatorValue));
        }
    }

    private protected override double LearningRateAt(long step) => TSchedule.At(step);

    private protected override void PrepareStep(long step)
    {
        double lr = ExplicitLearningRate ?? TSchedule.At(step);
        if (!double.IsFinite(lr))
        {
            throw new ArgumentOutOfRangeException(nameof(lr), lr, $"The schedule {typeof(TSchedule).Name} returned a non-finite learning rate.");
        }

        double t = step + 1;
        _now = new Scalars
        {
            Term = _term,
            NegClr = Lanes.F32(-(lr / (1 + (t - 1) * _o.LearningRateDecay))),
            Epsilon = Lanes.F32(_o.Epsilon),
        };
    }

    private protected override void Update(int tensor, int offset, Span<float> parameters, ReadOnlySpan<float> gradients)
        => Update(parameters, gradients, Buffer(0, tensor, offset, parameters.Length), _now);

    /// <summary>s ← s + d·d; p ← p + (−clr·d)/(√s + ε).</summary>
    private static void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> s, in Scalars c)
    {
        // Loop invariants as locals: the JIT keeps them in registers instead of re-reading the struct.
        GradientTerm term = c.Term;
        Span<Vector<float>> pv = Lanes.Of(p), sv = Lanes.Of(s);
        ReadOnlySpan<Vector<float>> gv = Lanes.Of(g);
        var negClr = new Vector<float>(c.NegClr);
        var eps = new Vector<float>(c.Epsilon);
        for (int i = 0; i < pv.Length; i++)
        {
            Vector<float> d = term.Of(gv[i], pv[i]);
            Vector<float> sum = sv[i] = VectorMath.FusedMultiplyAdd(d, d, sv[i]);
            pv[i] += negClr * d / (Vector.SquareRoot(sum) + eps);
        }

        for (int i = Lanes.Tail(pv); i < p.Length; i++)
        {
            float d = term.Of(g[i], p[i]);
            float sum = s[i] = MathF.FusedMultiplyAdd(d, d, s[i]);
            p[i] += c.NegClr * d / (MathF.Sqrt(sum) + c.Epsilon);
        }
    }

    private static AdagradOptions Validate(AdagradOptions o)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(o.LearningRateDecay, nameof(o.LearningRateDecay));
        ArgumentOutOfRangeException.ThrowIfNegative(o.WeightDecay, nameof(o.WeightDecay));
        ArgumentOutOfRangeException.ThrowIfNegative(o.InitialAccumulatorValue, nameof(o.InitialAccumulatorValue));
        ArgumentOutOfRangeException.ThrowIfNegative(o.Epsilon, nameof(o.Epsilon));
        return o;
    }

    private struct Scalars
    {
        public GradientTerm Term;
        public float NegClr;
        public float Epsilon;
    }
}
