using System;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using ScheduleDsl.Optimizers;

namespace ScheduleDsl.Benchmarks;

/// <summary>
/// One optimizer step over N floats: the library (generated schedule, default non-finite check, and with the
/// check off), a scalar loop, the same update composed from TensorPrimitives calls, and a hand-written single-pass
/// Vector&lt;float&gt; kernel (the practical limit, baseline); plus memory-bandwidth references measured in the same
/// run: in-place axpy a += s·b (12 bytes/element) and a STREAM-like triad a = b + s·c (12 bytes/element, plus the
/// write-allocate traffic it does not count). Threads = 2 splits every kernel in two halves.
/// </summary>
/// <remarks>
/// Program.cs runs these classes with <see cref="OptimizerBenchmarkConfig"/> (3 launches × 25 iterations, medians and
/// quartiles) instead of the short job of the other benchmarks.
/// </remarks>
public abstract class OptimizerStepBenchmarks
{
    /// <summary>max_norm of the clipping cases: below the gradients' norm (about 0.3 at 1M floats), so clipping is active.</summary>
    protected const double MaxNorm = 0.1;

    [Params(1 << 20, 10 << 20)]
    public int N { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    protected float[] P { get; private set; } = [];

    protected float[] G { get; private set; } = [];

    protected float[] A { get; private set; } = [];

    protected float[] B { get; private set; } = [];

    protected float[] Scratch { get; private set; } = [];

    protected void Allocate()
    {
        P = new float[N];
        G = new float[N];
        A = new float[N];
        B = new float[N];
        Scratch = new float[N];
        FillParametersAndGradients(P, G);
    }

    /// <summary>Parameters uniform in [0, 1) and gradients uniform in [−5e-4, 5e-4), from seed 7.</summary>
    public static void FillParametersAndGradients(Span<float> p, Span<float> g)
    {
        var random = new Random(7);
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = (float)random.NextDouble();
            g[i] = (float)(random.NextDouble() - 0.5) * 1e-3f;
        }
    }

    /// <summary>Runs <paramref name="kernel"/> over <see cref="Threads"/> contiguous halves.</summary>
    protected void Split(Action<int, int> kernel)
    {
        if (Threads == 1)
        {
            kernel(0, N);
            return;
        }

        int half = (N / 2) & ~(Vector<float>.Count - 1);
        Parallel.Invoke(() => kernel(0, half), () => kernel(half, N));
    }

    [Benchmark(Description = "axpy a += s*b (bandwidth)")]
    [BytesPerElement(12)]
    public void Axpy() => Split((from, to) =>
    {
        Span<float> a = A.AsSpan(from, to - from);
        ReadOnlySpan<float> b = G.AsSpan(from, to - from);
        Span<Vector<float>> av = MemoryMarshal.Cast<float, Vector<float>>(a);
        ReadOnlySpan<Vector<float>> bv = MemoryMarshal.Cast<float, Vector<float>>(b);
        var s = new Vector<float>(-1e-3f);
        for (int i = 0; i < av.Length; i++)
        {
            av[i] = Vector.FusedMultiplyAdd(s, bv[i], av[i]);
        }
    });

    [Benchmark(Description = "triad a = b + s*c (bandwidth)")]
    [BytesPerElement(12)]
    public void Triad() => Split((from, to) =>
    {
        Span<Vector<float>> av = MemoryMarshal.Cast<float, Vector<float>>(Scratch.AsSpan(from, to - from));
        ReadOnlySpan<Vector<float>> bv = MemoryMarshal.Cast<float, Vector<float>>(B.AsSpan(from, to - from));
        ReadOnlySpan<Vector<float>> cv = MemoryMarshal.Cast<float, Vector<float>>(G.AsSpan(from, to - from));
        var s = new Vector<float>(3f);
        for (int i = 0; i < av.Length; i++)
        {
            av[i] = Vector.FusedMultiplyAdd(s, cv[i], bv[i]);
        }
    });
}

/// <summary>SGD with momentum 0.9 (PyTorch): b ← μ·b + g; p ← p − lr·b. 20 bytes per element (read p, g, b; write p, b).</summary>
public class SgdMomentumStep : OptimizerStepBenchmarks
{
    private const float Lr = 0.01f;
    private const float Mu = 0.9f;
    private Sgd<BenchWarmupCosine> _library = null!;
    private Sgd<BenchWarmupCosine> _unchecked = null!;
    private Sgd<BenchWarmupCosine> _clipped = null!;
    private Memory<float>[] _parameters = [];
    private ReadOnlyMemory<float>[] _gradients = [];

    [GlobalSetup]
    public void Setup()
    {
        Allocate();
        _parameters = [P];
        _gradients = [G];
        _library = new Sgd<BenchWarmupCosine>([N], new SgdOptions { Momentum = Mu, MaxDegreeOfParallelism = Threads });
        _unchecked = new Sgd<BenchWarmupCosine>([N], new SgdOptions { Momentum = Mu, MaxDegreeOfParallelism = Threads, NonFiniteGradients = NonFiniteGradientPolicy.Propagate });
        _clipped = new Sgd<BenchWarmupCosine>([N], new SgdOptions { Momentum = Mu, MaxDegreeOfParallelism = Threads, GradientClipping = GradientClipping.ByGlobalNorm(MaxNorm) });
        _library.Step(_parameters, _gradients);
        _unchecked.Step(_parameters, _gradients);
        _clipped.Step(_parameters, _gradients);
    }

    [Benchmark(Description = "ScheduleDsl Sgd (clip norm 2 + check, fused)")]
    [BytesPerElement(24)]
    public StepResult LibraryClipped() => _clipped.Step(_parameters, _gradients);

    [Benchmark(Baseline = true, Description = "hand-written single-pass Vector kernel")]
    [BytesPerElement(20)]
    public void HandKernel() => Split((from, to) =>
    {
        Span<Vector<float>> pv = MemoryMarshal.Cast<float, Vector<float>>(P.AsSpan(from, to - from));
        Span<Vector<float>> bv = MemoryMarshal.Cast<float, Vector<float>>(B.AsSpan(from, to - from));
        ReadOnlySpan<Vector<float>> gv = MemoryMarshal.Cast<float, Vector<float>>(G.AsSpan(from, to - from));
        var mu = new Vector<float>(Mu);
        var negLr = new Vector<float>(-Lr);
        var oneMinusDampening = Vector<float>.One;
        for (int i = 0; i < pv.Length; i++)
        {
            // The library's (PyTorch's) arithmetic: buf.mul_(μ).add_(g, alpha=1 − τ) rounds μ·b before the fused add.
            Vector<float> b = Vector.FusedMultiplyAdd(oneMinusDampening, gv[i], bv[i] * mu);
            bv[i] = b;
            pv[i] = Vector.FusedMultiplyAdd(negLr, b, pv[i]);
        }
    });

    [Benchmark(Description = "ScheduleDsl Sgd (non-finite check)")]
    [BytesPerElement(20)]
    public StepResult Library() => _library.Step(_parameters, _gradients);

    [Benchmark(Description = "ScheduleDsl Sgd (Propagate)")]
    [BytesPerElement(20)]
    public StepResult LibraryUnchecked() => _unchecked.Step(_parameters, _gradients);

    [Benchmark(Description = "scalar loop")]
    [BytesPerElement(20)]
    public void ScalarLoop() => Split((from, to) =>
    {
        float[] p = P, b = B, g = G;
        for (int i = from; i < to; i++)
        {
            b[i] = MathF.FusedMultiplyAdd(b[i], Mu, g[i]);
            p[i] = MathF.FusedMultiplyAdd(-Lr, b[i], p[i]);
        }
    });

    [Benchmark(Description = "TensorPrimitives (2 calls)")]
    [BytesPerElement(20)]
    public void Tensor() => Split((from, to) =>
    {
        Span<float> b = B.AsSpan(from, to - from);
        Span<float> p = P.AsSpan(from, to - from);
        TensorPrimitives.MultiplyAdd(b, Mu, G.AsSpan(from, to - from), b);
        TensorPrimitives.MultiplyAdd(b, -Lr, p, p);
    });
}

/// <summary>
/// AdamW (PyTorch): p ← p·(1 − lr·λ); m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; p ← p − (lr/bc₁)·m/(√v/√bc₂ + ε).
/// 28 bytes per element (read p, g, m, v; write p, m, v).
/// </summary>
public class AdamWStep : OptimizerStepBenchmarks
{
    private const float Decay = 1f - (1e-3f * 0.01f);
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float StepSize = 1e-3f / (1f - 0.9f);
    private const float Bias2Sqrt = 0.0316069f;
    private const float Eps = 1e-8f;
    private AdamW<BenchWarmupCosine> _library = null!;
    private AdamW<BenchWarmupCosine> _unchecked = null!;
    private AdamW<BenchWarmupCosine> _clipped = null!;
    private Memory<float>[] _parameters = [];
    private ReadOnlyMemory<float>[] _gradients = [];
    private float[] _v = [];

    [GlobalSetup]
    public void Setup()
    {
        Allocate();
        _v = new float[N];
        _parameters = [P];
        _gradients = [G];
        _library = new AdamW<BenchWarmupCosine>([N], new AdamOptions { MaxDegreeOfParallelism = Threads });
        _unchecked = new AdamW<BenchWarmupCosine>([N], new AdamOptions { MaxDegreeOfParallelism = Threads, NonFiniteGradients = NonFiniteGradientPolicy.Propagate });
        _clipped = new AdamW<BenchWarmupCosine>([N], new AdamOptions { MaxDegreeOfParallelism = Threads, GradientClipping = GradientClipping.ByGlobalNorm(MaxNorm) });
        _library.Step(_parameters, _gradients);
        _unchecked.Step(_parameters, _gradients);
        _clipped.Step(_parameters, _gradients);
    }

    [Benchmark(Description = "ScheduleDsl AdamW (clip norm 2 + check, fused)")]
    [BytesPerElement(32)]
    public StepResult LibraryClipped() => _clipped.Step(_parameters, _gradients);

    [Benchmark(Baseline = true, Description = "hand-written single-pass Vector kernel")]
    [BytesPerElement(28)]
    public void HandKernel() => Split((from, to) => HandLoop(P.AsSpan(from, to - from), G.AsSpan(from, to - from), B.AsSpan(from, to - from), _v.AsSpan(from, to - from)));

    /// <summary>The hand-written single-pass kernel: the library's arithmetic (PyTorch's order, two divisions), as one plain loop.</summary>
    public static void HandLoop(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v)
    {
        Span<Vector<float>> pv = MemoryMarshal.Cast<float, Vector<float>>(p);
        Span<Vector<float>> mv = MemoryMarshal.Cast<float, Vector<float>>(m);
        Span<Vector<float>> vv = MemoryMarshal.Cast<float, Vector<float>>(v);
        ReadOnlySpan<Vector<float>> gv = MemoryMarshal.Cast<float, Vector<float>>(g);
        var decay = new Vector<float>(Decay);
        var b1 = new Vector<float>(Beta1);
        var b2 = new Vector<float>(Beta2);
        var oneMinusB1 = new Vector<float>(1 - Beta1);
        var oneMinusB2 = new Vector<float>(1 - Beta2);
        var negStep = new Vector<float>(-StepSize);
        var bias2Sqrt = new Vector<float>(Bias2Sqrt);
        var eps = new Vector<float>(Eps);
        for (int i = 0; i < pv.Length; i++)
        {
            Vector<float> gi = gv[i];
            Vector<float> param = pv[i] * decay;
            Vector<float> mi = mv[i] = Vector.FusedMultiplyAdd(oneMinusB1, gi, mv[i] * b1);
            Vector<float> vi = vv[i] = Vector.FusedMultiplyAdd(oneMinusB2 * gi, gi, vv[i] * b2);
            Vector<float> denominator = (Vector.SquareRoot(vi) / bias2Sqrt) + eps;
            pv[i] = param + (negStep * mi / denominator);
        }
    }

    [Benchmark(Description = "ScheduleDsl AdamW (non-finite check)")]
    [BytesPerElement(28)]
    public StepResult Library() => _library.Step(_parameters, _gradients);

    [Benchmark(Description = "ScheduleDsl AdamW (Propagate)")]
    [BytesPerElement(28)]
    public StepResult LibraryUnchecked() => _unchecked.Step(_parameters, _gradients);

    [Benchmark(Description = "scalar loop")]
    [BytesPerElement(28)]
    public void ScalarLoop() => Split((from, to) =>
    {
        float[] p = P, m = B, v = _v, g = G;
        for (int i = from; i < to; i++)
        {
            m[i] = MathF.FusedMultiplyAdd(1 - Beta1, g[i], m[i] * Beta1);
            v[i] = MathF.FusedMultiplyAdd((1 - Beta2) * g[i], g[i], v[i] * Beta2);
            float denominator = (MathF.Sqrt(v[i]) / Bias2Sqrt) + Eps;
            p[i] = (p[i] * Decay) + (-StepSize * m[i] / denominator);
        }
    });

    [Benchmark(Description = "TensorPrimitives (11 calls)")]
    [BytesPerElement(28)]
    public void Tensor() => Split((from, to) =>
    {
        int n = to - from;
        Span<float> p = P.AsSpan(from, n), m = B.AsSpan(from, n), v = _v.AsSpan(from, n), t = Scratch.AsSpan(from, n);
        ReadOnlySpan<float> g = G.AsSpan(from, n);
        TensorPrimitives.Multiply(p, Decay, p);
        TensorPrimitives.Multiply(m, Beta1, m);
        TensorPrimitives.MultiplyAdd(g, 1 - Beta1, m, m);
        TensorPrimitives.Multiply(g, g, t);
        TensorPrimitives.Multiply(v, Beta2, v);
        TensorPrimitives.MultiplyAdd(t, 1 - Beta2, v, v);
        TensorPrimitives.Sqrt(v, t);
        TensorPrimitives.Divide(t, Bias2Sqrt, t);
        TensorPrimitives.Add(t, Eps, t);
        TensorPrimitives.Divide(m, t, t);
        TensorPrimitives.MultiplyAdd(t, -StepSize, p, p);
    });
}

/// <summary>
/// The job for the optimizer benchmarks: 3 launches × 25 iterations after 6 warm-ups (so that the error is small next to
/// the mean and launch-to-launch drift shows), tiered compilation off (optimized code from the first iteration), and
/// the median, quartiles, extremes and standard deviation next to the mean; the median ratio to the hand kernel and,
/// for the checked and clipped steps, to the library's own <c>Propagate</c> step (the clipping goal is ≤ 1.1× of it).
/// </summary>
public sealed class OptimizerBenchmarkConfig : ManualConfig
{
    public OptimizerBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(3)
            .WithWarmupCount(6)
            .WithIterationCount(25)
            .WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredCompilation", "0")));
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddValidator(DefaultConfig.Instance.GetValidators().ToArray());
        AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray());
        AddColumn(StatisticColumn.Median, StatisticColumn.Q1, StatisticColumn.Q3, StatisticColumn.Min, StatisticColumn.Max, StatisticColumn.StdDev);
        AddColumn(new MedianRatioColumn(), new MedianRatioColumn(nameof(SgdMomentumStep.LibraryUnchecked), "× Propagate"), new BandwidthColumn());
        AddDiagnoser(MemoryDiagnoser.Default);
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        AddExporter(MarkdownExporter.GitHub, CsvExporter.Default);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
