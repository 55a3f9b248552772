using System;
using Xunit;
using static ScheduleDsl.Optimizers.Tests.TestOptimizers;

namespace ScheduleDsl.Optimizers.Tests;

/// <summary>The <c>Step(…, double learningRate)</c> overloads, for externally driven rates such as reduce-on-plateau.</summary>
public class ExplicitRateTests
{
    private static readonly int[] Lengths = [37, 100, 5];

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(TestOptimizers))]
    public void Passing_the_schedules_own_rate_gives_identical_bits(string name)
    {
        Optimizer scheduled = Create(name, Lengths);
        Optimizer explicitRate = Create(name, Lengths);
        float[][] p = RandomTensors(Lengths, 1);
        float[][] q = Copy(p);
        for (int step = 0; step < 12; step++)
        {
            float[][] g = RandomTensors(Lengths, 100 + step);
            double rate = scheduled.LearningRate;
            scheduled.Step(AsMemory(p), AsReadOnlyMemory(g));
            explicitRate.Step(AsMemory(q), AsReadOnlyMemory(g), rate);
        }

        Assert.Equal(12, explicitRate.StepCount);
        for (int t = 0; t < Lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(p[t], q[t]));
        }

        Assert.Equal(Checkpoint(scheduled), Checkpoint(explicitRate));
    }

    [Fact]
    public void An_explicit_rate_replaces_the_schedules_rate_for_that_step_only()
    {
        var reference = new Sgd<Constant<Rate0_01>>([8], new SgdOptions { Momentum = 0.9 });
        var driven = new Sgd<Constant<Rate0_1>>([8], new SgdOptions { Momentum = 0.9 });
        float[] p = RandomTensors([8], 2)[0], q = (float[])p.Clone();
        float[] g = RandomTensors([8], 3)[0];
        for (int step = 0; step < 5; step++)
        {
            reference.Step(p, g);
            driven.Step(q, g, 0.01);
        }

        Assert.Equal(-1, FirstBitDifference(p, q));
        Assert.Equal(0.1, driven.LearningRate);    // the schedule's rate is still what the property reports

        driven.Step(q, g);        // back to the schedule: 0.1
        reference.Step(p, g);     // 0.01
        Assert.NotEqual(-1, FirstBitDifference(p, q));
    }

    [Fact]
    public void An_explicit_rate_also_works_on_the_threaded_path()
    {
        int[] lengths = [37, (1 << 19) + 13];
        var single = new AdamW<Constant<Rate0_001>>(lengths, new AdamOptions { MaxDegreeOfParallelism = 1 });
        var threaded = new AdamW<Constant<Rate0_1>>(lengths, new AdamOptions { MaxDegreeOfParallelism = 2 });
        Assert.True(threaded.IsThreaded);
        float[][] p = RandomTensors(lengths, 4), q = Copy(p);
        for (int step = 0; step < 3; step++)
        {
            float[][] g = RandomTensors(lengths, 10 + step);
            single.Step(AsMemory(p), AsReadOnlyMemory(g));
            threaded.Step(AsMemory(q), AsReadOnlyMemory(g), 0.001);
        }

        for (int t = 0; t < lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(p[t], q[t]));
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_non_finite_explicit_rate_throws_and_changes_nothing(double rate)
    {
        var optimizer = new Sgd<Constant<Rate0_1>>([8], new SgdOptions { Momentum = 0.9 });
        float[] p = RandomTensors([8], 5)[0], before = (float[])p.Clone();
        float[] g = RandomTensors([8], 6)[0];
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Step(p, g, rate));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Step([p.AsMemory()], [(ReadOnlyMemory<float>)g.AsMemory()], rate));
        Assert.Equal(0, optimizer.StepCount);
        Assert.Equal(-1, FirstBitDifference(before, p));

        optimizer.Step(p, g);     // the failed calls left no explicit rate behind: this step uses 0.1
        var twin = new Sgd<Constant<Rate0_1>>([8], new SgdOptions { Momentum = 0.9 });
        twin.Step(before, g);
        Assert.Equal(-1, FirstBitDifference(before, p));
    }
}
