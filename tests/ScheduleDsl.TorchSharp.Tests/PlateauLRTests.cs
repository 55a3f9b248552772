using System;
using System.IO;
using System.Linq;

using TorchSharp;
using TorchSharp.Modules;
using Xunit;

using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp.Tests;

public sealed class PlateauLRTests
{
    // Improves, stalls (two reductions with patience 2), improves again, stalls.
    private static readonly double[] Metrics = [1.0, 0.9, 0.95, 0.95, 0.96, 0.97, 0.8, 0.81, 0.82, 0.83, 0.84, 0.85, 0.86];

    private static readonly PlateauOptions Options = new() { Factor = 0.5, Patience = 2, Cooldown = 1 };

    private static double Rate(optim.Optimizer optimizer) => optimizer.ParamGroups.Single().LearningRate;

    [Fact]
    public void ReducesAsTorchSharpsReduceLROnPlateau()
    {
        using var ours = SGD([new Parameter(ones(2))], 0.1);
        using var theirs = SGD([new Parameter(ones(2))], 0.1);
        var scheduler = new PlateauLR(ours, Options);
        var reference = lr_scheduler.ReduceLROnPlateau(theirs, factor: 0.5, patience: 2, cooldown: 1);
        foreach (double metric in Metrics)
        {
            scheduler.step(metric);
            reference.step(metric);
            Assert.Equal(Rate(theirs), Rate(ours));
        }

        Assert.True(scheduler.Rule.State.ReductionCount >= 2);
        Assert.Equal(scheduler.Rule.LearningRate, Rate(ours));
    }

    [Fact]
    public void AStepWithoutAMetricIsAnError()
    {
        using var optimizer = SGD([new Parameter(ones(2))], 0.1);
        var scheduler = new PlateauLR(optimizer);
        Assert.Throws<InvalidOperationException>(() => scheduler.step());
        Assert.Throws<ArgumentException>(() => scheduler.step(double.NaN));
        Assert.Equal(0, scheduler.Rule.StepCount);
    }

    [Fact]
    public void GroupsWithDifferentRatesAreRejected()
    {
        using var optimizer = SGD(
            [new SGD.ParamGroup([new Parameter(ones(2))], lr: 0.1), new SGD.ParamGroup([new Parameter(ones(2))], lr: 0.2)], 0.1);
        Assert.Throws<ArgumentException>(() => new PlateauLR(optimizer));
    }

    [Fact]
    public void StateSavesAndRestores()
    {
        using var optimizer = SGD([new Parameter(ones(2))], 0.1);
        var scheduler = new PlateauLR(optimizer, Options);
        foreach (double metric in Metrics[..7])
        {
            scheduler.step(metric);
        }

        using var saved = new MemoryStream();
        scheduler.SaveState(saved);

        using var resumedOptimizer = SGD([new Parameter(ones(2))], 0.1);
        var resumed = new PlateauLR(resumedOptimizer, Options);
        saved.Position = 0;
        resumed.LoadState(saved);
        Assert.Equal(Rate(optimizer), Rate(resumedOptimizer));
        foreach (double metric in Metrics[7..])
        {
            scheduler.step(metric);
            resumed.step(metric);
            Assert.Equal(Rate(optimizer), Rate(resumedOptimizer));
        }

        Assert.Equal(scheduler.Rule.State, resumed.Rule.State);
        Assert.Throws<InvalidDataException>(() => resumed.LoadState(new MemoryStream(new byte[PlateauState.SerializedSize])));
    }
}
