using System;
using System.Numerics;
using Xunit;
using Xunit.Abstractions;
using static ScheduleDsl.Optimizers.Tests.TestOptimizers;

namespace ScheduleDsl.Optimizers.Tests;

public class ThreadingTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(TestOptimizers.All), MemberType = typeof(TestOptimizers))]
    public void Threaded_steps_are_bit_identical_to_single_threaded_steps(string name)
    {
        int[] lengths = [(1 << 20) + 13, 37, 70_001];
        Optimizer single = Create(name, lengths, maxDegreeOfParallelism: 1);
        Optimizer threaded = Create(name, lengths, maxDegreeOfParallelism: 4);
        Assert.False(single.IsThreaded);
        Assert.True(threaded.IsThreaded);
        float[][] p1 = RandomTensors(lengths, seed: 1);
        float[][] p2 = Copy(p1);
        Memory<float>[] m1 = AsMemory(p1), m2 = AsMemory(p2);
        for (int step = 0; step < 4; step++)
        {
            float[][] g = RandomTensors(lengths, seed: 100 + step, scale: 3f);
            ReadOnlyMemory<float>[] gm = AsReadOnlyMemory(g);
            Assert.Equal(StepResult.Applied, single.Step(m1, gm));
            Assert.Equal(StepResult.Applied, threaded.Step(m2, gm));
        }

        for (int t = 0; t < lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(p1[t], p2[t]));
        }

        Assert.Equal(Checkpoint(single), Checkpoint(threaded));
    }

    [Theory]
    [MemberData(nameof(TestOptimizers.All), MemberType = typeof(TestOptimizers))]
    public void Checked_steps_update_chunk_by_chunk_to_the_same_bits_as_unchecked_ones(string name)
    {
        // After a gradient pass the update runs chunk by chunk, last chunk first; without one (Propagate, no norm) it
        // is one call per tensor, first element first. On finite gradients both must give the same bits, on the span
        // path, the single-threaded multi-tensor path and the threaded one.
        int[] lengths = [(2 * Optimizer.ChunkLength) + 13, 37];
        foreach (int threads in new[] { 1, 2 })
        {
            Optimizer checkedOne = Create(name, lengths, NonFiniteGradientPolicy.Throw, threads, parallelThreshold: 0);
            Optimizer propagating = Create(name, lengths, NonFiniteGradientPolicy.Propagate, threads, parallelThreshold: 0);
            Assert.Equal(threads > 1, checkedOne.IsThreaded);
            float[][] p1 = RandomTensors(lengths, seed: 5);
            float[][] p2 = Copy(p1);
            for (int step = 0; step < 3; step++)
            {
                ReadOnlyMemory<float>[] g = AsReadOnlyMemory(RandomTensors(lengths, seed: 60 + step, scale: 2f));
                Assert.Equal(StepResult.Applied, checkedOne.Step(AsMemory(p1), g));
                Assert.Equal(StepResult.Applied, propagating.Step(AsMemory(p2), g));
            }

            for (int t = 0; t < lengths.Length; t++)
            {
                Assert.Equal(-1, FirstBitDifference(p2[t], p1[t]));
            }
        }

        Optimizer span = Create(name, [lengths[0]]);
        Optimizer spanPropagating = Create(name, [lengths[0]], NonFiniteGradientPolicy.Propagate);
        float[] q1 = RandomTensors([lengths[0]], seed: 8)[0];
        float[] q2 = (float[])q1.Clone();
        for (int step = 0; step < 3; step++)
        {
            float[] g = RandomTensors([lengths[0]], seed: 70 + step, scale: 2f)[0];
            span.Step(q1, g);
            spanPropagating.Step(q2, g);
        }

        Assert.Equal(-1, FirstBitDifference(q2, q1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_scalar_that_fails_between_the_threaded_passes_changes_nothing(bool clipByNorm)
    {
        // The threaded step wakes its helpers once: they run the gradient pass, wait while the calling thread finishes
        // the check or norm and evaluates the scalars, then update. A schedule that throws there must stop them all
        // before any element is written, and the runner must be usable afterwards.
        int[] lengths = [(1 << 18) + 5, 3 * Optimizer.ChunkLength];
        bool[] fail = [false];
        var weightDecay = new DelegateSchedule("weight decay failing on demand", k => fail[0] ? -1 : 0.01);
        SgdOptions Options(int threads) => new()
        {
            Momentum = 0.9, WeightDecaySchedule = weightDecay, MaxDegreeOfParallelism = threads, ParallelThreshold = 0,
            GradientClipping = clipByNorm ? GradientClipping.ByGlobalNorm(0.5) : null,
        };
        var threaded = new Sgd<WarmupCosineSchedule>(lengths, Options(2));
        var reference = new Sgd<WarmupCosineSchedule>(lengths, Options(1));
        Assert.True(threaded.IsThreaded);
        float[][] p = RandomTensors(lengths, seed: 11);
        float[][] q = Copy(p);
        for (int step = 0; step < 3; step++)
        {
            float[][] g = RandomTensors(lengths, seed: 20 + step);
            if (step == 1)
            {
                fail[0] = true;
                byte[] before = Checkpoint(threaded);
                float[][] parameters = Copy(p);
                ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => threaded.Step(AsMemory(p), AsReadOnlyMemory(g)));
                Assert.Contains("WeightDecay", e.Message, StringComparison.Ordinal);
                Assert.Equal(before, Checkpoint(threaded));
                for (int t = 0; t < lengths.Length; t++)
                {
                    Assert.Equal(-1, FirstBitDifference(parameters[t], p[t]));
                }

                fail[0] = false;
            }

            Assert.Equal(StepResult.Applied, threaded.Step(AsMemory(p), AsReadOnlyMemory(g)));
            Assert.Equal(StepResult.Applied, reference.Step(AsMemory(q), AsReadOnlyMemory(g)));
        }

        for (int t = 0; t < lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(q[t], p[t]));
        }

        Assert.Equal(Checkpoint(reference), Checkpoint(threaded));
    }

    [Theory]
    [MemberData(nameof(TestOptimizers.SplitInvariant), MemberType = typeof(TestOptimizers))]
    public void Vector_loop_and_scalar_tail_compute_the_same_bits(string name)
    {
        // One tensor of n elements goes through the Vector<float> loop; n tensors of one element go through the
        // scalar tail only. Every element must come out the same.
        const int n = 203;
        output.WriteLine($"Vector<float>.Count = {Vector<float>.Count}, accelerated = {Vector.IsHardwareAccelerated}, FMA = {System.Runtime.Intrinsics.X86.Fma.IsSupported}");
        int[] ones = new int[n];
        Array.Fill(ones, 1);
        Optimizer whole = Create(name, [n]);
        Optimizer scalar = Create(name, ones);
        float[] p = RandomTensors([n], seed: 7)[0];
        float[] q = (float[])p.Clone();
        var qm = new Memory<float>[n];
        var gm = new ReadOnlyMemory<float>[n];
        for (int i = 0; i < n; i++)
        {
            qm[i] = q.AsMemory(i, 1);
        }

        for (int step = 0; step < 5; step++)
        {
            float[] g = RandomTensors([n], seed: 50 + step, scale: 2f)[0];
            for (int i = 0; i < n; i++)
            {
                gm[i] = g.AsMemory(i, 1);
            }

            whole.Step(p, g);
            scalar.Step(qm, gm);
        }

        Assert.Equal(-1, FirstBitDifference(p, q));
    }
}
