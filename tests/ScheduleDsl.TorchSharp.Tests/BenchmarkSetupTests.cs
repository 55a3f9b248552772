using System;
using System.Linq;

using ScheduleDsl.TorchSharp.Benchmarks;
using ScheduleDsl.Optimizers;
using TorchSharp.Modules;
using Xunit;

namespace ScheduleDsl.TorchSharp.Tests;

/// <summary>
/// The benchmarks compare like with like: on a small tensor (not timed), each side's step moves its parameter the
/// same way from the same start, to rounding.
/// </summary>
public sealed class BenchmarkSetupTests
{
    [Theory]
    [InlineData(typeof(TorchAdamWStep))]
    [InlineData(typeof(TorchSgdMomentumStep))]
    public void EachBenchmarkStepsTheSameParameterTheSameWay(Type benchmark)
    {
        var b = (TorchStepBenchmarks)Activator.CreateInstance(benchmark)!;
        b.N = 4096;
        b.Threads = 1;
        b.Setup();
        try
        {
            Parameter torchWeights = b.TorchOptimizer!.parameters().Single();
            float[] start = torchWeights.data<float>().ToArray();
            Assert.Equal(start, b.Parameters!.Tensors[0].data<float>().ToArray());
            for (int i = 0; i < 3; i++)
            {
                b.TorchSharpStep();
                b.ScheduleDslChecked();
            }

            float[] torch = torchWeights.data<float>().ToArray();
            float[] ours = b.Parameters.Tensors[0].data<float>().ToArray();
            Assert.NotEqual(start, ours);
            for (int i = 0; i < ours.Length; i++)
            {
                Assert.Equal(torch[i], ours[i], 1e-6f);
            }

            Assert.Equal(3, b.Checked!.StepCount);
            Assert.Equal(StepResult.Applied, b.ScheduleDslPropagate());
        }
        finally
        {
            b.Cleanup();
        }
    }
}
