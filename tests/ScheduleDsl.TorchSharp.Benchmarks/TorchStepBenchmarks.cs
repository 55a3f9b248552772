using System;
using System.Linq;

using BenchmarkDotNet.Attributes;
using ScheduleDsl.Optimizers;
using TorchSharp;
using TorchSharp.Modules;

using static TorchSharp.torch;

using ScheduleDslOptimizer = ScheduleDsl.Optimizers.Optimizer;
using TorchOptimizer = TorchSharp.torch.optim.Optimizer;

namespace ScheduleDsl.TorchSharp.Benchmarks;

/// <summary>A constant rate, so that every step of every iteration does the same work.</summary>
[LearningRate(1e-3)]
[Constant(1L << 50)]
public partial struct BenchConstant;

/// <summary>
/// One optimizer step over one CPU float32 parameter of N elements with a fixed gradient: TorchSharp's own
/// <c>step()</c> (baseline) against ScheduleDsl's optimizer on the same tensors through <see cref="TorchParameters"/>,
/// with the default non-finite gradient check and without it. Threads sets TorchSharp's intra-op threads
/// (<c>torch.set_num_threads</c>) and ScheduleDsl's <see cref="OptimizerOptions.MaxDegreeOfParallelism"/>.
/// </summary>
public abstract class TorchStepBenchmarks
{
    private Parameter? _torchWeights;
    private Parameter? _ourWeights;

    [Params(1 << 20, 10 << 20)]
    public int N { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    public TorchOptimizer? TorchOptimizer { get; private set; }

    public TorchParameters? Parameters { get; private set; }

    public ScheduleDslOptimizer? Checked { get; private set; }

    public ScheduleDslOptimizer? Unchecked { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(Threads);
        manual_seed(7);
        using Tensor initial = rand(N);
        using Tensor gradient = (rand(N) - 0.5f) * 1e-3f;
        _torchWeights = new Parameter(initial.clone());
        _ourWeights = new Parameter(initial.clone());
        _torchWeights.grad = gradient.clone();
        _ourWeights.grad = gradient.clone();
        TorchOptimizer = CreateTorch(_torchWeights);
        Parameters = new TorchParameters([_ourWeights]);
        Checked = CreateScheduleDsl(Parameters.TensorLengths.ToArray(), NonFiniteGradientPolicy.Throw);
        Unchecked = CreateScheduleDsl(Parameters.TensorLengths.ToArray(), NonFiniteGradientPolicy.Propagate);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        TorchOptimizer?.Dispose();
        _torchWeights?.Dispose();
        _ourWeights?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "TorchSharp step()")]
    public void TorchSharpStep() => TorchOptimizer!.step();

    [Benchmark(Description = "ScheduleDsl on the tensors (non-finite check)")]
    public StepResult ScheduleDslChecked() => Checked!.Step(Parameters!);

    [Benchmark(Description = "ScheduleDsl on the tensors (Propagate)")]
    public StepResult ScheduleDslPropagate() => Unchecked!.Step(Parameters!);

    protected abstract TorchOptimizer CreateTorch(Parameter weights);

    protected abstract ScheduleDslOptimizer CreateScheduleDsl(int[] lengths, NonFiniteGradientPolicy policy);
}

/// <summary>AdamW (lr 1e-3, β 0.9/0.999, ε 1e-8, weight decay 0.01) on both sides.</summary>
public class TorchAdamWStep : TorchStepBenchmarks
{
    protected override TorchOptimizer CreateTorch(Parameter weights) => optim.AdamW([weights], lr: 1e-3, weight_decay: 0.01);

    protected override ScheduleDslOptimizer CreateScheduleDsl(int[] lengths, NonFiniteGradientPolicy policy)
        => new AdamW<BenchConstant>(lengths, new AdamOptions { WeightDecay = 0.01, MaxDegreeOfParallelism = Threads, NonFiniteGradients = policy });
}

/// <summary>SGD with momentum 0.9 (lr 1e-3) on both sides.</summary>
public class TorchSgdMomentumStep : TorchStepBenchmarks
{
    protected override TorchOptimizer CreateTorch(Parameter weights) => optim.SGD([weights], 1e-3, momentum: 0.9);

    protected override ScheduleDslOptimizer CreateScheduleDsl(int[] lengths, NonFiniteGradientPolicy policy)
        => new Sgd<BenchConstant>(lengths, new SgdOptions { Momentum = 0.9, MaxDegreeOfParallelism = Threads, NonFiniteGradients = policy });
}
