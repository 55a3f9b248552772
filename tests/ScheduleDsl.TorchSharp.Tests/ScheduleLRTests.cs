using System;
using System.IO;
using System.Linq;

using TorchSharp;
using TorchSharp.Modules;
using Xunit;

using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp.Tests;

public sealed class ScheduleLRTests
{
    private static Parameter NewParameter(int length = 4) => new(ones(length));

    private static double Rate(optim.Optimizer optimizer, int group = 0) => optimizer.ParamGroups.ElementAt(group).LearningRate;

    [Fact]
    public void CosineMatchesTorchSharpsCosineAnnealingLRStepByStep()
    {
        using var ours = SGD([NewParameter()], 0.1);
        using var theirs = SGD([NewParameter()], 0.1);
        var scheduler = ScheduleLR.For<Cosine10>(ours);
        var reference = lr_scheduler.CosineAnnealingLR(theirs, 10, 0.001);
        for (int k = 0; k <= 10; k++)
        {
            // TorchSharp's form is recursive; the closed form agrees to rounding.
            Assert.Equal(Rate(theirs), Rate(ours), 1e-15);
            Assert.Equal(k, scheduler.CurrentStep);
            Assert.Equal(Rate(ours), scheduler.get_last_lr().Single());
            ours.step();
            scheduler.step();
            theirs.step();
            reference.step();
        }
    }

    [Fact]
    public void EveryParameterGroupGetsTheRate()
    {
        using var optimizer = SGD(
            [new SGD.ParamGroup([NewParameter()], lr: 0.5), new SGD.ParamGroup([NewParameter()], lr: 0.01)], 0.3);
        var scheduler = ScheduleLR.For<Cosine10>(optimizer);
        for (int k = 0; k < 4; k++)
        {
            // CosineAnnealingLR's closed form: eta_min + (peak - eta_min)(1 + cos(pi k / T)) / 2.
            double expected = 0.001 + ((0.1 - 0.001) * (1 + Math.Cos(Math.PI * k / 10)) / 2);
            Assert.Equal(expected, Rate(optimizer, 0), 1e-15);
            Assert.Equal(expected, Rate(optimizer, 1), 1e-15);
            scheduler.step();
        }
    }

    /// <summary>
    /// Runs <see cref="OneCycle20"/> under ScheduleLR and TorchSharp's <c>OneCycleLR(0.1, total_steps: 20)</c> on twin
    /// optimizers from <paramref name="create"/>, comparing the rate and <paramref name="momentumOf"/> at every step.
    /// </summary>
    private static void AssertOneCycleAsTorchSharp(Func<optim.Optimizer> create, Func<optim.Optimizer, double> momentumOf, Action<optim.Optimizer>? alsoCheck = null)
    {
        using var ours = create();
        using var theirs = create();
        var scheduler = ScheduleLR.For<OneCycle20>(ours);
        var reference = lr_scheduler.OneCycleLR(theirs, 0.1, total_steps: 20);
        Assert.True(scheduler.SetsMomentum);
        for (int k = 0; k < 20; k++)
        {
            Assert.Equal(Rate(theirs), Rate(ours), 1e-15);
            Assert.Equal(momentumOf(theirs), momentumOf(ours), 1e-15);
            alsoCheck?.Invoke(ours);
            scheduler.step();
            reference.step();
        }
    }

    [Fact]
    public void OneCycleSetsSgdMomentumAsTorchSharpsOneCycleLR()
        => AssertOneCycleAsTorchSharp(() => SGD([NewParameter()], 0.1, momentum: 0.9), o => ((IMomentum)o.ParamGroups.Single()).Momentum);

    [Fact]
    public void OneCycleSetsAdamBeta1AsTorchSharpsOneCycleLRAndKeepsBeta2()
        => AssertOneCycleAsTorchSharp(
            () => Adam([NewParameter()], 0.1, beta2: 0.98),
            o => ((IBetas)o.ParamGroups.Single()).Betas.Item1,
            o => Assert.Equal(0.98, ((IBetas)o.ParamGroups.Single()).Betas.Item2));

    [Fact]
    public void ARunTimeScheduleDrivesRateAndMomentum()
    {
        using var optimizer = SGD([NewParameter()], 1.0, momentum: 0.9);
        var scheduler = new ScheduleLR(optimizer, new InverseByHand());
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(0.2 / (1 + k), Rate(optimizer));
            Assert.Equal(0.5 + (0.01 * k), ((IMomentum)optimizer.ParamGroups.Single()).Momentum);
            scheduler.step();
        }
    }

    [Fact]
    public void MomentumCanBeLeftAlone()
    {
        using var optimizer = SGD([NewParameter()], 1.0, momentum: 0.9);
        var scheduler = new ScheduleLR(optimizer, new InverseByHand(), coScheduleMomentum: false);
        scheduler.step();
        Assert.False(scheduler.SetsMomentum);
        Assert.Equal(0.1, Rate(optimizer));
        Assert.Equal(0.9, ((IMomentum)optimizer.ParamGroups.Single()).Momentum);
    }

    [Fact]
    public void AMomentumScheduleOnAnOptimizerWithoutMomentumIsRejected()
    {
        using var optimizer = Adagrad([NewParameter()], 0.1);
        var e = Assert.Throws<ArgumentException>(() => ScheduleLR.For<OneCycle20>(optimizer));
        Assert.Contains("neither momentum nor betas", e.Message, StringComparison.Ordinal);

        ScheduleLR.For<OneCycle20>(optimizer, coScheduleMomentum: false);
        Assert.Equal(0.1 / 25, Rate(optimizer), 1e-15); // OneCycleLR starts at max_lr / div_factor
    }

    [Fact]
    public void AnExplicitEpochJumpsToThatUpdate()
    {
        using var optimizer = SGD([NewParameter()], 0.1);
        var scheduler = ScheduleLR.For<Cosine10>(optimizer);
        scheduler.step(7);
        Assert.Equal(7, scheduler.CurrentStep);
        Assert.Equal(Cosine10.At(7), Rate(optimizer));
        scheduler.step();
        Assert.Equal(Cosine10.At(8), Rate(optimizer));
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.step(-1));
        Assert.Equal(8, scheduler.CurrentStep);
    }

    [Fact]
    public void AStepTheScheduleRejectsChangesNothing()
    {
        using var optimizer = SGD([NewParameter()], 0.1);
        var scheduler = ScheduleLR.For<ShortThrowing>(optimizer);
        for (int k = 0; k < 7; k++)
        {
            scheduler.step();
        }

        // Updates 0 … 7 exist (3 warmup + 5 cosine); update 8 is past the end.
        double last = Rate(optimizer);
        Assert.Equal(0.005 + ((0.05 - 0.005) * (1 + Math.Cos(Math.PI * 4 / 5)) / 2), last, 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.step());
        Assert.Equal(7, scheduler.CurrentStep);
        Assert.Equal(last, Rate(optimizer));
        Assert.Equal(last, scheduler.get_last_lr().Single());
    }

    [Fact]
    public void StateSavesAndRestoresWithTheOptimizer()
    {
        var weights = NewParameter();
        using var optimizer = SGD([weights], 0.1, momentum: 0.9);
        var scheduler = ScheduleLR.For<OneCycle20>(optimizer);
        for (int k = 0; k < 6; k++)
        {
            scheduler.step();
        }

        using var checkpoint = new MemoryStream();
        using (var writer = new BinaryWriter(checkpoint, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optimizer.save_state_dict(writer);
        }

        scheduler.SaveState(checkpoint);

        // A fresh run: new optimizer and scheduler (at update 0), restored from the checkpoint.
        using var resumed = SGD([NewParameter()], 0.1, momentum: 0.9);
        var resumedScheduler = ScheduleLR.For<OneCycle20>(resumed);
        checkpoint.Position = 0;
        using (var reader = new BinaryReader(checkpoint, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            resumed.load_state_dict(reader);
        }

        resumedScheduler.LoadState(checkpoint);
        Assert.Equal(checkpoint.Length, checkpoint.Position);
        for (int k = 6; k < 20; k++)
        {
            Assert.Equal(k, resumedScheduler.CurrentStep);
            Assert.Equal(OneCycle20.At(k), Rate(resumed));
            Assert.Equal(OneCycle20.MomentumAt(k), ((IMomentum)resumed.ParamGroups.Single()).Momentum);
            resumedScheduler.step();
        }
    }

    [Fact]
    public void AStateOfAnotherScheduleOrCorruptBytesAreRejected()
    {
        using var optimizer = SGD([NewParameter()], 0.1, momentum: 0.9);
        var cosine = ScheduleLR.For<Cosine10>(optimizer);
        cosine.step();
        cosine.step();
        using var saved = new MemoryStream();
        cosine.SaveState(saved);
        byte[] bytes = saved.ToArray();

        var other = ScheduleLR.For<OneCycle20>(optimizer);
        Assert.Throws<InvalidDataException>(() => other.LoadState(new MemoryStream(bytes)));
        Assert.Equal(0, other.CurrentStep);
        Assert.Equal(OneCycle20.At(0), Rate(optimizer));

        var same = ScheduleLR.For<Cosine10>(optimizer);
        byte[] corrupt = (byte[])bytes.Clone();
        corrupt[0] ^= 0xFF;
        Assert.Throws<InvalidDataException>(() => same.LoadState(new MemoryStream(corrupt)));
        Assert.Throws<EndOfStreamException>(() => same.LoadState(new MemoryStream(bytes[..10])));
        Assert.Equal(0, same.CurrentStep);
        same.LoadState(new MemoryStream(bytes));
        Assert.Equal(2, same.CurrentStep);
        Assert.Equal(Cosine10.At(2), Rate(optimizer));
    }
}
