using BenchmarkDotNet.Attributes;

namespace ScheduleDsl.Benchmarks;

/// <summary>
/// A run-time <see cref="Schedule"/> built from text against the compiled schedule with the same attributes (the
/// baseline): <c>At</c> over 4,096 steps spread over the schedule (goal ≤ 2×), and <c>Fill</c> of the whole schedule
/// (goal ≤ 1.1×). The run-time schedule is called as the sealed class and through <see cref="IScheduleFunction"/>, the
/// way the optimizers hold it; the compiled one through a generic caller, as the optimizers call it. Memory diagnoser
/// on: every column must read 0 B allocated.
/// </summary>
public abstract class RuntimeScheduleBenchmarks<TSchedule> : PerStepBenchmarks
    where TSchedule : ISchedule
{
    private readonly float[] _buffer = new float[11_000];
    private readonly Schedule _runtime;
    private readonly IScheduleFunction _function;

    protected RuntimeScheduleBenchmarks(string text)
    {
        _runtime = Schedule.Parse(text);
        _function = _runtime;
    }

    [Benchmark(Baseline = true)]
    public double CompiledAt() => SumAt(new CompiledSchedule<TSchedule>());

    /// <summary>Through the sealed class: a direct call (a generic method over a class would share code and dispatch through the interface).</summary>
    [Benchmark]
    public double RuntimeAt()
    {
        Schedule schedule = _runtime;
        double sum = 0;
        foreach (long step in Steps)
        {
            sum += schedule.At(step);
        }

        return sum;
    }

    [Benchmark]
    public double RuntimeAtThroughInterface() => SumAt(_function);

    [Benchmark]
    public float CompiledFill()
    {
        TSchedule.Fill(_buffer, 0);
        return _buffer[^1];
    }

    [Benchmark]
    public float RuntimeFill()
    {
        _runtime.Fill(_buffer, 0);
        return _buffer[^1];
    }

    /// <summary>The sum of At over the steps: specialised for a struct, an interface call for <see cref="IScheduleFunction"/>.</summary>
    private double SumAt<TFunction>(TFunction schedule)
        where TFunction : IScheduleFunction
    {
        double sum = 0;
        foreach (long step in Steps)
        {
            sum += schedule.At(step);
        }

        return sum;
    }
}

/// <summary>Warmup + cosine: two formula pieces and the held end.</summary>
public class RuntimeWarmupCosine() : RuntimeScheduleBenchmarks<BenchWarmupCosine>("[LearningRate(3e-4)] [Warmup(500)] [Cosine(10_000, Final = 3e-5)]");

/// <summary>Multi-step: five constant pieces, so the run-time search takes several comparisons.</summary>
public class RuntimeMultiStep() : RuntimeScheduleBenchmarks<BenchMultiStep>("[LearningRate(0.1)] [MultiStep(0.1, 3_000, 6_000, 8_000, 9_000)]");
