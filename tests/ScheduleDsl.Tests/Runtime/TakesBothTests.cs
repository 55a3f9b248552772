using System;
using ScheduleDsl.Averaging;
using ScheduleDsl.Optimizers;
using Xunit;

namespace ScheduleDsl.Tests.Runtime;

/// <summary>
/// Code that takes a schedule takes a run-time <see cref="Schedule"/> as well as a compiled one, with the same bits and
/// no per-step allocation: the optimizers' rate (<c>Step(…, rate)</c>) and momentum / β₁ co-schedules (the
/// <see cref="Schedule.Momentum"/> view), scheduled weight decay, the EMA decay of weight averaging, and a
/// reduce-on-plateau phase after a run-time warmup.
/// </summary>
public sealed class TakesBothTests
{
    private const int Length = 4099;   // not a multiple of any vector width

    [Fact]
    public void AdamW_with_a_run_time_one_cycle_and_its_beta1_updates_like_the_compiled_one()
    {
        Schedule runtime = Schedule.Parse("[LearningRate(0.01)] [OneCycle(300)]");
        var compiled = new AdamW<CompiledOneCycle>([Length], new AdamOptions { WeightDecay = 0.01, MaxDegreeOfParallelism = 1 });
        var other = new AdamW<FlatRate>([Length], new AdamOptions { WeightDecay = 0.01, Beta1Schedule = runtime.Momentum, MaxDegreeOfParallelism = 1 });
        (float[] want, float[] got) = Train(
            (p, g) => compiled.Step(p, g),
            (p, g) => other.Step(p, g, runtime.At(other.StepCount)),
            steps: 320);
        Assert.Equal(want, got);
    }

    [Fact]
    public void Sgd_with_run_time_rate_momentum_and_weight_decay_schedules_updates_like_the_compiled_ones()
    {
        Schedule runtime = Schedule.Parse("[LearningRate(0.1)] [Cyclic(20, 0.01, Steps = 200)]");
        Schedule decay = Schedule.Parse("[LearningRate(1e-3)] [Cosine(150)]");
        var compiled = new Sgd<CompiledCyclic>([Length], new SgdOptions { WeightDecaySchedule = new CompiledSchedule<CompiledDecay>(), MaxDegreeOfParallelism = 1 });
        var other = new Sgd<FlatRate>([Length], new SgdOptions { MomentumSchedule = runtime.Momentum, WeightDecaySchedule = decay, MaxDegreeOfParallelism = 1 });
        (float[] want, float[] got) = Train(
            (p, g) => compiled.Step(p, g),
            (p, g) => other.Step(p, g, runtime.At(other.StepCount)),
            steps: 210);
        Assert.Equal(want, got);
    }

    [Fact]
    public void A_run_time_step_allocates_nothing()
    {
        Schedule runtime = Schedule.Parse("[LearningRate(0.01)] [OneCycle(300)]");
        var optimizer = new AdamW<FlatRate>([Length], new AdamOptions { Beta1Schedule = runtime.Momentum, MaxDegreeOfParallelism = 1 });
        var parameters = new float[Length];
        var gradients = new float[Length];
        gradients.AsSpan().Fill(0.5f);
        optimizer.Step(parameters, gradients, runtime.At(optimizer.StepCount));   // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            optimizer.Step(parameters, gradients, runtime.At(optimizer.StepCount));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Weight_averaging_with_a_run_time_decay_schedule_averages_like_the_compiled_one()
    {
        WeightAverage compiled = WeightAverage.Exponential([Length], new CompiledSchedule<CompiledEmaDecay>());
        WeightAverage other = WeightAverage.Exponential([Length], Schedule.Parse("[LearningRate(0.999)] [Warmup(50)]"));
        var parameters = new float[Length];
        for (int step = 0; step < 120; step++)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i] = MathF.Sin((step * 0.37f) + i);
            }

            compiled.Update(parameters);
            other.Update(parameters);
        }

        Assert.Equal(compiled.Average(0).ToArray(), other.Average(0).ToArray());
        long before = GC.GetAllocatedBytesForCurrentThread();
        other.Update(parameters);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Two optimizers from the same start on the same deterministic gradients; their final parameters.</summary>
    private static (float[] Want, float[] Got) Train(Action<float[], float[]> stepWant, Action<float[], float[]> stepGot, int steps)
    {
        var want = new float[Length];
        var got = new float[Length];
        var gradients = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            want[i] = got[i] = MathF.Cos(i * 0.1f);
        }

        for (int step = 0; step < steps; step++)
        {
            for (int i = 0; i < Length; i++)
            {
                gradients[i] = MathF.Sin((i * 0.01f) + step) + (want[i] * 0.1f);
            }

            stepWant(want, gradients);
            for (int i = 0; i < Length; i++)
            {
                gradients[i] = MathF.Sin((i * 0.01f) + step) + (got[i] * 0.1f);
            }

            stepGot(got, gradients);
        }

        return (want, got);
    }
}

[LearningRate(0.01)]
[OneCycle(300)]
public partial struct CompiledOneCycle;

[LearningRate(0.1)]
[Cyclic(20, 0.01, Steps = 200)]
public partial struct CompiledCyclic;

[LearningRate(1e-3)]
[Cosine(150)]
public partial struct CompiledDecay;

[LearningRate(0.999)]
[Warmup(50)]
public partial struct CompiledEmaDecay;

/// <summary>The compiled type a run-time-rate optimizer is declared with; every update passes its rate explicitly.</summary>
[LearningRate(1)]
public partial struct FlatRate;

/// <summary>Reduce-on-plateau after a run-time warmup: the same rates, reports and errors as after the compiled one.</summary>
public sealed class PlateauAfterRunTimeWarmupTests
{
    [Fact]
    public void Follows_a_run_time_warmup_exactly_as_a_compiled_one()
    {
        var options = new PlateauOptions { Patience = 1, Factor = 0.1, Threshold = 0 };
        var compiled = new ReduceOnPlateau<CompiledPlateauWarmup>(options);
        var runtime = new ReduceOnPlateauAfterWarmup(Schedule.Parse("[LearningRate(0.1)] [Warmup(5)]"), options);
        Assert.Equal(compiled.WarmupSteps, runtime.WarmupSteps);
        double[] metrics = [3, 2, 2.5, 1, 1, 1, 1, 0.5, 0.7, 0.7, 0.7, 0.9];
        foreach (double metric in metrics)
        {
            Assert.Equal(compiled.InWarmup, runtime.InWarmup);
            Assert.Equal(BitConverter.DoubleToInt64Bits(compiled.LearningRate), BitConverter.DoubleToInt64Bits(runtime.LearningRate));
            Assert.Equal(compiled.Report(metric), runtime.Report(metric));
        }

        Assert.Equal(compiled.State, runtime.State);
        Assert.True(runtime.State.ReductionCount >= 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        _ = runtime.LearningRate + (runtime.Report(0.1) ? 1 : 0);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Refuses_a_run_time_warmup_that_never_ends_or_rejects_its_end()
    {
        ArgumentException never = Assert.Throws<ArgumentException>(() => new ReduceOnPlateauAfterWarmup(Schedule.Parse("[LearningRate(0.1)] [Exponential(0.9)]")));
        Assert.Contains("never ends", never.Message, StringComparison.Ordinal);
        Assert.Equal("warmup", never.ParamName);
        ArgumentException rejects = Assert.Throws<ArgumentException>(() => new ReduceOnPlateauAfterWarmup(Schedule.Parse("[LearningRate(0.1)] [Warmup(4, End = EndBehavior.Throw)]")));
        Assert.Contains("explicitly", rejects.Message, StringComparison.Ordinal);
        Assert.Equal(0.5, new ReduceOnPlateauAfterWarmup(Schedule.Parse("[LearningRate(0.1)] [Warmup(4, End = EndBehavior.Throw)]"), 0.5).State.LearningRate);
    }
}

[LearningRate(0.1)]
[Warmup(5)]
public partial struct CompiledPlateauWarmup;
