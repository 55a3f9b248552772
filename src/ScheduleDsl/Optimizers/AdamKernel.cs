using System;
using System.Numerics;
using System.Runtime.CompilerServices;

using ScheduleDsl.Kernels;

namespace ScheduleDsl.Optimizers;

/// <summary>The per-step scalars of Adam and AdamW, each evaluated in double and rounded to float once.</summary>
internal struct AdamScalars
{
    public GradientTerm Term;
    public bool Decoupled;
    public float Decay;
    public float Beta1;
    public float OneMinusBeta1;
    public float Beta2;
    public float OneMinusBeta2;
    public float BiasCorrection2Sqrt;
    public float Epsilon;
    public float NegStepSize;
    public bool AmsGrad;

    /// <summary>
    /// The scalars of update <paramref name="step"/> (0-based; PyTorch's <c>state['step']</c> is step + 1):
    /// α̂ = lr/(1 − β₁ᵗ), √(1 − β₂ᵗ), and for AdamW the decay factor 1 − lr·λ.
    /// </summary>
    public static AdamScalars For(long step, double lr, double beta1, double beta2, double epsilon, GradientTerm term, bool decoupled, double weightDecay, bool amsGrad)
    {
        double t = step + 1;
        double biasCorrection1 = 1 - Math.Pow(beta1, t);
        double biasCorrection2 = 1 - Math.Pow(beta2, t);
        return new AdamScalars
        {
            Term = term,
            Decoupled = decoupled,
            Decay = Lanes.Finite32(1 - lr * weightDecay, "the decoupled weight-decay factor 1 − lr·λ", step),
            Beta1 = Lanes.F32(beta1),
            OneMinusBeta1 = Lanes.F32(1 - beta1),
            Beta2 = Lanes.F32(beta2),
            OneMinusBeta2 = Lanes.F32(1 - beta2),
            BiasCorrection2Sqrt = Lanes.F32(Math.Sqrt(biasCorrection2)),
            Epsilon = Lanes.F32(epsilon),
            NegStepSize = Lanes.Finite32(-(lr / biasCorrection1), "the step size lr/(1 − β₁ᵗ)", step),
            AmsGrad = amsGrad,
        };
    }
}

/// <summary>The Adam/AdamW element update, PyTorch 1.13 single-tensor order of operations.</summary>
internal static class AdamKernel
{
    /// <summary>
    /// [AdamW: p ← p·(1 − lr·λ)]; m ← β₁·m + (1 − β₁)·d; v ← β₂·v + ((1 − β₂)·d)·d; [AMSGrad: v̂ ← max(v̂, v)];
    /// p ← p + (−α̂·m) / (√v̂ / √(1 − β₂ᵗ) + ε).
    /// </summary>
    public static void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, Span<float> vMax, in AdamScalars s)
        => s.Term.Dispatch<Loop, AdamScalars>(new KernelStreams(p, g, m, v, vMax), s);

    /// <summary>
    /// The Adam/AdamW element loop, called back by <see cref="GradientTerm.Dispatch{TKernel, TScalars}"/>; decoupled
    /// decay and AMSGrad are chosen once per call as type arguments, so the loop tests no flag per vector.
    /// </summary>
    private readonly struct Loop : IGradientTermKernel<AdamScalars>
    {
        public static void Run<TTerm>(in KernelStreams k, in AdamScalars s, TTerm term)
            where TTerm : struct, IGradientTerm
        {
            if (s.Decoupled)
            {
                if (s.AmsGrad)
                {
                    Run<TTerm, On, On>(k, s, term);
                }
                else
                {
                    Run<TTerm, On, Off>(k, s, term);
                }
            }
            else if (s.AmsGrad)
            {
                Run<TTerm, Off, On>(k, s, term);
            }
            else
            {
                Run<TTerm, Off, Off>(k, s, term);
            }
        }

        /// <summary>
        /// The loop for one gradient term. The vectors of p, g, m, v (and v̂) are indexed through refs below
        /// <c>Lanes.Count(p)</c>: the lengths are equal (checked by the step), so the loop carries no bounds checks;
        /// each ref is formed where it is used (no byref locals), so the JIT folds it into the instruction's address.
        /// </summary>
        private static void Run<TTerm, TDecoupled, TAmsGrad>(in KernelStreams k, in AdamScalars s, TTerm term)
            where TTerm : struct, IGradientTerm
            where TDecoupled : struct, IFlag
            where TAmsGrad : struct, IFlag
        {
            Span<float> p = k.P;
            ReadOnlySpan<float> g = k.G;
            Span<float> m = k.S0;
            Span<float> v = k.S1;
            Span<float> vMax = k.S2;
            int n = Lanes.Count(p);
            ref Vector<float> pv = ref Lanes.Ref(p);
            ref Vector<float> gv = ref Lanes.Ref(g);
            ref Vector<float> mv = ref Lanes.Ref(m);
            ref Vector<float> vv = ref Lanes.Ref(v);
            ref Vector<float> xv = ref Lanes.Ref(vMax);
            var decay = new Vector<float>(s.Decay);
            var beta1 = new Vector<float>(s.Beta1);
            var oneMinusBeta1 = new Vector<float>(s.OneMinusBeta1);
            var beta2 = new Vector<float>(s.Beta2);
            var oneMinusBeta2 = new Vector<float>(s.OneMinusBeta2);
            var bc2Sqrt = new Vector<float>(s.BiasCorrection2Sqrt);
            var eps = new Vector<float>(s.Epsilon);
            var negStepSize = new Vector<float>(s.NegStepSize);
            for (nint i = 0; i < n; i++)
            {
                Vector<float> d = term.Of(Unsafe.Add(ref gv, i), in Unsafe.Add(ref pv, i));
                Vector<float> param = TDecoupled.Value ? Unsafe.Add(ref pv, i) * decay : Unsafe.Add(ref pv, i);
                Vector<float> m1 = VectorMath.FusedMultiplyAdd(oneMinusBeta1, d, Unsafe.Add(ref mv, i) * beta1);
                Unsafe.Add(ref mv, i) = m1;
                Vector<float> v2 = VectorMath.FusedMultiplyAdd(oneMinusBeta2 * d, d, Unsafe.Add(ref vv, i) * beta2);
                Unsafe.Add(ref vv, i) = v2;
                if (TAmsGrad.Value)
                {
                    v2 = Vector.Max(Unsafe.Add(ref xv, i), v2);
                    Unsafe.Add(ref xv, i) = v2;
                }

                Vector<float> denom = Vector.SquareRoot(v2) / bc2Sqrt + eps;
                Unsafe.Add(ref pv, i) = param + negStepSize * m1 / denom;
            }

            for (int i = n * Vector<float>.Count; i < p.Length; i++)
            {
                float d = term.Of(g[i], p[i]);
                float param = TDecoupled.Value ? p[i] * s.Decay : p[i];
                float m1 = MathF.FusedMultiplyAdd(s.OneMinusBeta1, d, m[i] * s.Beta1);
                float v2 = MathF.FusedMultiplyAdd(s.OneMinusBeta2 * d, d, v[i] * s.Beta2);
                m[i] = m1;
                v[i] = v2;
                if (TAmsGrad.Value)
                {
                    v2 = vMax[i] = MathF.Max(vMax[i], v2);
                }

                float denom = MathF.Sqrt(v2) / s.BiasCorrection2Sqrt + s.Epsilon;
                p[i] = param + s.NegStepSize * m1 / denom;
            }
        }
    }
}
