using System;
using System.Linq;
using Xunit;
using static ScheduleDsl.Optimizers.Tests.TestOptimizers;

namespace ScheduleDsl.Optimizers.Tests;

/// <summary>
/// Gradient clipping against an independent computation in the test: the norm in float64 by a plain loop, PyTorch 1.13's
/// coefficient (<c>max_norm / (total_norm + 1e-6)</c> on a float32 tensor, i.e. <c>reciprocal(total_norm + 1e-6) · max_norm</c>,
/// clamped to 1), the clipped gradient <c>g·c</c> (or <c>clamp(g, −c, c)</c>) and plain SGD <c>p ← fma(−lr, g′, p)</c>.
/// </summary>
public class ClippingTests
{
    private const double Lr = 0.01;
    private static readonly int[] Lengths = [1000, 37, 70_001];

    private static double ReferenceL2(float[][] g) => Math.Sqrt(g.Sum(t => t.Sum(x => (double)x * x)));

    private static double ReferenceInf(float[][] g) => g.Max(t => t.Max(x => Math.Abs((double)x)));

    private static float PyTorchCoefficient(double norm, double maxNorm)
    {
        float c = (1f / ((float)norm + 1e-6f)) * (float)maxNorm;
        return c > 1f ? 1f : c;
    }

    /// <summary>Plain SGD on clipped gradients, element by element.</summary>
    private static float[][] ReferenceSgd(float[][] p, float[][] g, Func<float, float> clip)
        => p.Select((t, k) => t.Select((x, i) => MathF.FusedMultiplyAdd((float)-Lr, clip(g[k][i]), x)).ToArray()).ToArray();

    public static TheoryData<GradientNormType, double, int> NormCases => new()
    {
        { GradientNormType.L2, 1.0, 1 }, { GradientNormType.L2, 1.0, 2 }, { GradientNormType.L2, 1e6, 1 }, { GradientNormType.L2, 0.0, 1 },
        { GradientNormType.Infinity, 0.25, 1 }, { GradientNormType.Infinity, 0.25, 2 }, { GradientNormType.Infinity, 10.0, 1 },
    };

    [Theory]
    [MemberData(nameof(NormCases))]
    public void Clipping_by_global_norm_matches_a_float64_reference(GradientNormType type, double maxNorm, int threads)
    {
        int[] lengths = threads > 1 ? [.. Lengths, 1 << 20] : Lengths;
        var sgd = new Sgd<Constant<Rate0_01>>(lengths, new SgdOptions
        {
            GradientClipping = GradientClipping.ByGlobalNorm(maxNorm, type), MaxDegreeOfParallelism = threads,
        });
        Assert.Equal(threads > 1, sgd.IsThreaded);
        float[][] p = RandomTensors(lengths, 1);
        for (int step = 0; step < 3; step++)
        {
            float[][] g = RandomTensors(lengths, 10 + step, scale: 3f);
            double norm = type == GradientNormType.L2 ? ReferenceL2(g) : ReferenceInf(g);
            float c = PyTorchCoefficient(norm, maxNorm);
            float[][] expected = ReferenceSgd(p, g, x => x * c);
            Assert.Equal(StepResult.Applied, sgd.Step(AsMemory(p), AsReadOnlyMemory(g)));
            if (type == GradientNormType.Infinity)
            {
                Assert.Equal(norm, sgd.LastGradientNorm); // a maximum is exact
            }
            else
            {
                Assert.Equal(norm, sgd.LastGradientNorm, norm * 1e-11); // two float64 sums in different orders
            }

            for (int t = 0; t < lengths.Length; t++)
            {
                Assert.Equal(-1, FirstBitDifference(expected[t], p[t]));
            }
        }
    }

    [Fact]
    public void Below_the_limit_the_step_is_bit_identical_to_an_unclipped_one()
    {
        var clipped = new AdamW<WarmupCosineSchedule>(Lengths, new AdamOptions { GradientClipping = GradientClipping.ByGlobalNorm(1e9) });
        var plain = new AdamW<WarmupCosineSchedule>(Lengths);
        float[][] p = RandomTensors(Lengths, 1);
        float[][] q = Copy(p);
        for (int step = 0; step < 4; step++)
        {
            float[][] g = RandomTensors(Lengths, 20 + step);
            clipped.Step(AsMemory(p), AsReadOnlyMemory(g));
            plain.Step(AsMemory(q), AsReadOnlyMemory(g));
        }

        for (int t = 0; t < Lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(q[t], p[t]));
        }
    }

    [Fact]
    public void The_single_span_overload_clips_as_the_multi_tensor_one()
    {
        int[] one = [200_000];
        var a = new Sgd<Constant<Rate0_01>>(one, new SgdOptions { Momentum = 0.9, GradientClipping = GradientClipping.ByGlobalNorm(1.0) });
        var b = new Sgd<Constant<Rate0_01>>(one, new SgdOptions { Momentum = 0.9, GradientClipping = GradientClipping.ByGlobalNorm(1.0), MaxDegreeOfParallelism = 2, ParallelThreshold = 1 });
        Assert.True(b.IsThreaded);
        float[] p = RandomTensors(one, 1)[0];
        float[] q = (float[])p.Clone();
        for (int step = 0; step < 3; step++)
        {
            float[] g = RandomTensors(one, 30 + step, 2f)[0];
            a.Step(p, g);
            b.Step([q.AsMemory()], [(ReadOnlyMemory<float>)g]);
            Assert.Equal(a.LastGradientNorm, b.LastGradientNorm);
        }

        Assert.Equal(-1, FirstBitDifference(p, q));
    }

    [Fact]
    public void Clipping_by_value_matches_the_reference()
    {
        var sgd = new Sgd<Constant<Rate0_01>>(Lengths, new SgdOptions { GradientClipping = GradientClipping.ByValue(0.5) });
        float[][] p = RandomTensors(Lengths, 1);
        float[][] g = RandomTensors(Lengths, 2, scale: 2f);
        float[][] expected = ReferenceSgd(p, g, x => Math.Clamp(x, -0.5f, 0.5f));
        sgd.Step(AsMemory(p), AsReadOnlyMemory(g));
        for (int t = 0; t < Lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(expected[t], p[t]));
        }
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_non_finite_gradient_under_clipping_by_value_follows_the_policy(float bad)
    {
        // The check reads the raw gradients: clamping would turn +∞ into c and hide it.
        float[] g = RandomTensors([40], 1)[0];
        g[33] = bad;
        var throwing = new Sgd<Constant<Rate0_01>>([40], new SgdOptions { GradientClipping = GradientClipping.ByValue(1) });
        Assert.Throws<ArgumentException>(() => throwing.Step(new float[40], g));
        var propagating = new Sgd<Constant<Rate0_01>>([40], new SgdOptions { GradientClipping = GradientClipping.ByValue(1), NonFiniteGradients = NonFiniteGradientPolicy.Propagate });
        float[] p = new float[40];
        propagating.Step(p, g);
        Assert.Equal(float.IsNaN(bad) ? float.NaN : (float)-Lr, p[33]); // clamp keeps NaN (as torch.clamp) and maps +∞ to c
        Assert.True(float.IsFinite(p[32]));
    }

    public static TheoryData<NonFiniteGradientPolicy, bool, int> NonFiniteCases()
    {
        var data = new TheoryData<NonFiniteGradientPolicy, bool, int>();
        foreach (NonFiniteGradientPolicy policy in Enum.GetValues<NonFiniteGradientPolicy>())
        {
            foreach (bool error in new[] { false, true })
            {
                data.Add(policy, error, 1);
                data.Add(policy, error, 2);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NonFiniteCases))]
    public void A_non_finite_norm_is_handled_by_the_policy_and_error_if_nonfinite(NonFiniteGradientPolicy policy, bool errorIfNonFinite, int threads)
    {
        int[] lengths = threads > 1 ? [37, (1 << 20) + 13] : [37, 1000];
        var options = new SgdOptions
        {
            Momentum = 0.9, NonFiniteGradients = policy, MaxDegreeOfParallelism = threads,
            GradientClipping = GradientClipping.ByGlobalNorm(1.0, errorIfNonFinite: errorIfNonFinite),
        };
        var sgd = new Sgd<Constant<Rate0_01>>(lengths, options);
        var twin = new Sgd<Constant<Rate0_01>>(lengths, options);
        float[][] p = RandomTensors(lengths, 1);
        float[][] q = Copy(p);
        sgd.Step(AsMemory(p), AsReadOnlyMemory(RandomTensors(lengths, 2)));
        twin.Step(AsMemory(q), AsReadOnlyMemory(RandomTensors(lengths, 2)));
        byte[] before = Checkpoint(sgd);
        float[][] parameters = Copy(p);
        float[][] g = RandomTensors(lengths, 3);
        g[1][^1] = float.NaN;
        bool rejected = policy != NonFiniteGradientPolicy.Propagate || errorIfNonFinite;
        if (policy == NonFiniteGradientPolicy.SkipStep)
        {
            Assert.Equal(StepResult.SkippedNonFiniteGradient, sgd.Step(AsMemory(p), AsReadOnlyMemory(g)));
            Assert.Equal(1, sgd.SkippedStepCount);
            Assert.Equal(1, sgd.StepCount);
        }
        else if (rejected)
        {
            ArgumentException e = Assert.Throws<ArgumentException>(() => sgd.Step(AsMemory(p), AsReadOnlyMemory(g)));
            Assert.Contains(policy == NonFiniteGradientPolicy.Throw ? "Gradient tensor 1" : "cannot be clipped", e.Message);
        }
        else
        {
            // PyTorch without error_if_nonfinite: the coefficient is NaN and every parameter becomes NaN.
            Assert.Equal(StepResult.Applied, sgd.Step(AsMemory(p), AsReadOnlyMemory(g)));
            Assert.All(p.SelectMany(t => t), x => Assert.True(float.IsNaN(x)));
            return;
        }

        Assert.True(double.IsNaN(sgd.LastGradientNorm));
        if (policy != NonFiniteGradientPolicy.SkipStep)
        {
            Assert.Equal(before, Checkpoint(sgd));
        }

        for (int t = 0; t < lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(parameters[t], p[t]));
        }

        // The momentum buffers are untouched: the next good step matches the twin that never saw the bad gradient.
        float[][] next = RandomTensors(lengths, 4);
        sgd.Step(AsMemory(p), AsReadOnlyMemory(next));
        twin.Step(AsMemory(q), AsReadOnlyMemory(next));
        for (int t = 0; t < lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(q[t], p[t]));
        }
    }

    [Fact]
    public void An_infinite_gradient_gives_an_infinite_norm_of_both_types()
    {
        foreach (GradientNormType type in new[] { GradientNormType.L2, GradientNormType.Infinity })
        {
            var sgd = new Sgd<Constant<Rate0_01>>([100], new SgdOptions { NonFiniteGradients = NonFiniteGradientPolicy.SkipStep, GradientClipping = GradientClipping.ByGlobalNorm(1, type) });
            float[] g = new float[100];
            g[50] = float.NegativeInfinity;
            Assert.Equal(StepResult.SkippedNonFiniteGradient, sgd.Step(new float[100], g));
            Assert.Equal(double.PositiveInfinity, sgd.LastGradientNorm);
        }
    }
}
