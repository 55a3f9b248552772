using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace ScheduleDsl.Benchmarks;

/// <summary>
/// Per-step evaluation: the generated schedule through a generic caller, against a hand-written specialised
/// method (the limit, baseline) and against what a C# user writes today: phases as <see cref="Func{T, TResult}"/>
/// with boundaries, looked up per step. Each invocation evaluates 4,096 steps spread over the whole schedule.
/// </summary>
public abstract class PerStepBenchmarks
{
    protected const int Count = 4096;

    protected long[] Steps { get; } = MakeSteps();

    private static long[] MakeSteps()
    {
        var random = new Random(42);
        var steps = new long[Count];
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i] = random.NextInt64(0, 11_000);
        }

        return steps;
    }

    protected double Generated<TSchedule>()
        where TSchedule : ISchedule
    {
        double sum = 0;
        foreach (long step in Steps)
        {
            sum += TSchedule.At(step);
        }

        return sum;
    }

    protected double Composed(ComposedSchedule schedule)
    {
        double sum = 0;
        foreach (long step in Steps)
        {
            sum += schedule.At(step);
        }

        return sum;
    }
}

/// <summary>A runtime schedule as users compose one without a generator: a phase list of delegates.</summary>
public sealed class ComposedSchedule(IReadOnlyList<(long Start, long End, Func<long, double> Rate)> phases, double hold)
{
    private readonly (long Start, long End, Func<long, double> Rate)[] _phases = [.. phases];

    public double At(long step)
    {
        foreach ((long start, long end, Func<long, double> rate) in _phases)
        {
            if (step < end)
            {
                return rate(step - start);
            }
        }

        return hold;
    }
}

public class WarmupCosineStep : PerStepBenchmarks
{
    private readonly ComposedSchedule _composed = new(
        [
            (0, 500, t => 3e-4 * ((1.0 / 501) + ((1 - (1.0 / 501)) * t / 500.0))),
            (500, 10_500, t => 3e-5 + ((3e-4 - 3e-5) * (1 + Math.Cos(Math.PI * t / 10_000.0)) / 2)),
        ],
        3e-5);

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public double HandWritten()
    {
        double sum = 0;
        foreach (long step in Steps)
        {
            sum += Hand(step);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double Generated() => Generated<BenchWarmupCosine>();

    [Benchmark(OperationsPerInvoke = Count)]
    public double DelegateComposed() => Composed(_composed);

    private static double Hand(long step)
    {
        if (step < 500)
        {
            return 3e-4 * (0.001996007984031936 + (0.998003992015968 * step / 500.0));
        }

        if (step < 10_500)
        {
            double s = Math.Sin(Math.PI * (10_000.0 - (step - 500)) / 20_000.0);
            return 3e-5 + (2.7e-4 * (s * s));
        }

        return 3e-5;
    }
}

public class OneCycleStep : PerStepBenchmarks
{
    private readonly ComposedSchedule _composed = new(
        [
            (0, 3_000, t => 0.1 + ((0.004 - 0.1) / 2.0 * (Math.Cos(Math.PI * t / 2_999.0) + 1))),
            (0, 10_000, t => 4e-7 + ((0.1 - 4e-7) / 2.0 * (Math.Cos(Math.PI * (t - 2_999.0) / 7_000.0) + 1))),
        ],
        4e-7);

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public double HandWritten()
    {
        double sum = 0;
        foreach (long step in Steps)
        {
            sum += Hand(step);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double Generated() => Generated<BenchOneCycle>();

    [Benchmark(OperationsPerInvoke = Count)]
    public double DelegateComposed() => Composed(_composed);

    private static double Hand(long step)
    {
        if (step < 3_000)
        {
            double pct = step / 2_999.0;
            return 0.1 + ((0.004 - 0.1) / 2.0 * (Math.Cos(Math.PI * pct) + 1));
        }

        if (step < 10_000)
        {
            double pct = (step - 2_999.0) / 7_000.0;
            return 4e-7 + ((0.1 - 4e-7) / 2.0 * (Math.Cos(Math.PI * pct) + 1));
        }

        return 4e-7;
    }
}

public class MultiStepStep : PerStepBenchmarks
{
    private static readonly long[] Milestones = [3_000, 6_000, 8_000, 9_000];

    private readonly ComposedSchedule _composed = new(
        [
            (0, long.MaxValue, t =>
            {
                int passed = 0;
                foreach (long m in Milestones)
                {
                    passed += t >= m ? 1 : 0;
                }

                return 0.1 * Math.Pow(0.1, passed);
            }),
        ],
        0);

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public double HandWritten()
    {
        double sum = 0;
        foreach (long step in Steps)
        {
            sum += step < 6_000 ? (step < 3_000 ? 0.1 : 0.01) : step < 8_000 ? 0.001 : step < 9_000 ? 1e-4 : 1e-5;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double Generated() => Generated<BenchMultiStep>();

    [Benchmark(OperationsPerInvoke = Count)]
    public double DelegateComposed() => Composed(_composed);
}

/// <summary>
/// <c>Fill</c> of 65,536 rates against a scalar loop over <c>AtSingle</c> (baseline) and against a hand-written
/// vectorized fill of the same schedule with the same arithmetic (double lanes narrowed to float).
/// </summary>
public class FillBenchmarks
{
    private readonly float[] _destination = new float[65_536];

    [Benchmark]
    public void WarmupCosineHandVectorized()
    {
        Span<float> d = _destination;
        var lanes = System.Numerics.Vector<double>.Indices;
        var width = new System.Numerics.Vector<double>(System.Numerics.Vector<double>.Count);
        int i = 0;
        var t = lanes;
        for (; i + System.Numerics.Vector<float>.Count <= 500; i += System.Numerics.Vector<float>.Count)
        {
            var lo = new System.Numerics.Vector<double>(3e-4) * (new System.Numerics.Vector<double>(0.001996007984031936) + (new System.Numerics.Vector<double>(0.998003992015968) * t / new System.Numerics.Vector<double>(500.0)));
            t += width;
            var hi = new System.Numerics.Vector<double>(3e-4) * (new System.Numerics.Vector<double>(0.001996007984031936) + (new System.Numerics.Vector<double>(0.998003992015968) * t / new System.Numerics.Vector<double>(500.0)));
            t += width;
            System.Numerics.Vector.Narrow(lo, hi).CopyTo(d.Slice(i));
        }

        for (; i < 500; i++)
        {
            d[i] = (float)(3e-4 * (0.001996007984031936 + (0.998003992015968 * i / 500.0)));
        }

        t = lanes + new System.Numerics.Vector<double>(i - 500);
        for (; i + System.Numerics.Vector<float>.Count <= 10_500; i += System.Numerics.Vector<float>.Count)
        {
            var lo = Cosine(t);
            t += width;
            var hi = Cosine(t);
            t += width;
            System.Numerics.Vector.Narrow(lo, hi).CopyTo(d.Slice(i));
        }

        for (; i < 10_500; i++)
        {
            double s = Math.Sin(Math.PI * (10_000.0 - (i - 500)) / 20_000.0);
            d[i] = (float)(3e-5 + (2.7e-4 * (s * s)));
        }

        d.Slice(i).Fill(3e-5f);

        static System.Numerics.Vector<double> Cosine(System.Numerics.Vector<double> t)
        {
            var s = System.Numerics.Vector.Sin(new System.Numerics.Vector<double>(Math.PI) * (new System.Numerics.Vector<double>(10_000.0) - t) / new System.Numerics.Vector<double>(20_000.0));
            return new System.Numerics.Vector<double>(3e-5) + (new System.Numerics.Vector<double>(2.7e-4) * (s * s));
        }
    }

    [Benchmark]
    public void MultiStepHandFill()
    {
        Span<float> d = _destination;
        d[..3_000].Fill(0.1f);
        d[3_000..6_000].Fill(0.01f);
        d[6_000..8_000].Fill(0.001f);
        d[8_000..9_000].Fill(1e-4f);
        d[9_000..].Fill(1e-5f);
    }

    [Benchmark(Baseline = true)]
    public void WarmupCosineScalarLoop()
    {
        for (int i = 0; i < _destination.Length; i++)
        {
            _destination[i] = BenchWarmupCosine.AtSingle(i);
        }
    }

    [Benchmark]
    public void WarmupCosineFill() => BenchWarmupCosine.Fill(_destination, 0);

    [Benchmark]
    public void OneCycleScalarLoop()
    {
        for (int i = 0; i < _destination.Length; i++)
        {
            _destination[i] = BenchOneCycle.AtSingle(i);
        }
    }

    [Benchmark]
    public void OneCycleFill() => BenchOneCycle.Fill(_destination, 0);

    [Benchmark]
    public void MultiStepScalarLoop()
    {
        for (int i = 0; i < _destination.Length; i++)
        {
            _destination[i] = BenchMultiStep.AtSingle(i);
        }
    }

    [Benchmark]
    public void MultiStepFill() => BenchMultiStep.Fill(_destination, 0);
}
