using System;
using BenchmarkDotNet.Attributes;
using ScheduleDsl.Text;

namespace ScheduleDsl.Benchmarks;

/// <summary>The warmup-cosine of <see cref="BenchWarmupCosine"/> with its lengths from the run: one epoch of 500 updates, then the rest of 10,500.</summary>
[LearningRate(3e-4)]
[Warmup("1 epoch")]
[Cosine("rest", Final = 3e-5)]
public partial struct BenchBoundWarmupCosine;

/// <summary>
/// A compiled schedule bound to a run (lengths in readonly fields) against the constant compiled schedule with the same
/// numbers (literals), both called as instance members through a struct generic argument, as an optimizer holding an
/// <see cref="IScheduleFunction"/> value would call them: <c>At</c> over 4,096 steps spread over the schedule, and
/// <c>Fill</c> of 65,536 rates. Baseline: the constant schedule.
/// </summary>
[MemoryDiagnoser]
public class BoundScheduleBenchmarks : PerStepBenchmarks
{
    private readonly float[] _rates = new float[65_536];
    private readonly Holder<CompiledSchedule<BenchWarmupCosine>> _constant = new(default);
    private readonly Holder<BenchBoundWarmupCosine> _bound = new(BenchBoundWarmupCosine.Bind(new TrainingRun(TotalSteps: 10_500, StepsPerEpoch: 500)));

    [GlobalSetup]
    public void CheckSameNumbers()
    {
        // The comparison is only fair if the two compute the same rates.
        foreach (long step in Steps)
        {
            if (_bound.Schedule.At(step) != _constant.Schedule.At(step))
            {
                throw new InvalidOperationException($"bound and constant schedules differ at step {step}");
            }
        }
    }

    [Benchmark(Baseline = true)]
    public double ConstantAt() => _constant.Sum(Steps);

    [Benchmark]
    public double BoundAt() => _bound.Sum(Steps);

    [Benchmark]
    public float ConstantFill() => _constant.Fill(_rates);

    [Benchmark]
    public float BoundFill() => _bound.Fill(_rates);

    /// <summary>An optimizer's shape: the schedule as a readonly field of a generic type, called as an instance.</summary>
    private sealed class Holder<TSchedule>(TSchedule schedule)
        where TSchedule : struct, IScheduleFunction
    {
        private readonly TSchedule _schedule = schedule;

        public TSchedule Schedule => _schedule;

        public double Sum(long[] steps)
        {
            double sum = 0;
            foreach (long step in steps)
            {
                sum += _schedule.At(step);
            }

            return sum;
        }

        public float Fill(float[] rates)
        {
            _schedule.Fill(rates, 100);
            return rates[^1];
        }
    }
}
