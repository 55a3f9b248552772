using System;
using System.IO;
using System.Linq;
using ScheduleDsl.Averaging;
using ScheduleDsl.Optimizers;
using Xunit;

namespace ScheduleDsl.Tests.Averaging;

/// <summary>Weight-average checkpoints (round trip bit-identical, named mismatches, corruption) and a scheduled EMA decay.</summary>
public sealed class WeightAverageCheckpointTests
{
    private static readonly int[] Lengths = [0, 7, 1003];

    /// <summary>timm-style EMA warmup: decay = min(0.999, (1 + n)/(10 + n)).</summary>
    private static readonly IScheduleFunction Warmup = new DelegateSchedule("ema warmup", n => Math.Min(0.999, (1.0 + n) / (10.0 + n)));

    public static TheoryData<string> Kinds => new() { "swa", "ema", "ema-scheduled" };

    private static WeightAverage Create(string kind) => kind switch
    {
        "swa" => new WeightAverage(Lengths),
        "ema" => WeightAverage.Exponential(Lengths, 0.99),
        _ => WeightAverage.Exponential(Lengths, Warmup),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Resuming_from_a_checkpoint_is_bit_identical_to_an_uninterrupted_run(string kind)
    {
        WeightAverage uninterrupted = Create(kind);
        byte[] saved = [];
        for (int s = 0; s < 10; s++)
        {
            if (s == 4)
            {
                saved = Save(uninterrupted);
            }

            uninterrupted.Update(Snapshot(s));
        }

        WeightAverage resumed = Create(kind);
        resumed.Update(Snapshot(99)); // state of its own, replaced by the load
        resumed.LoadCheckpoint(new MemoryStream(saved));
        Assert.Equal(4, resumed.AveragedCount);
        for (int s = 4; s < 10; s++)
        {
            resumed.Update(Snapshot(s));
        }

        for (int t = 0; t < Lengths.Length; t++)
        {
            Assert.Equal(Bits(uninterrupted.Average(t)), Bits(resumed.Average(t)));
        }

        Assert.Equal(Save(uninterrupted), Save(resumed));
    }

    [Fact]
    public void A_scheduled_decay_matches_the_float_reference_and_allocates_nothing()
    {
        WeightAverage ema = WeightAverage.Exponential(Lengths, Warmup);
        float[][] reference = Lengths.Select(n => new float[n]).ToArray();
        for (int s = 0; s < 30; s++)
        {
            ReadOnlyMemory<float>[] snapshot = Snapshot(s);
            ema.Update(snapshot);
            double decay = Math.Min(0.999, (1.0 + s) / (10.0 + s)); // update n = s uses At(n); n = 0 copies
            for (int t = 0; t < Lengths.Length; t++)
            {
                ReadOnlySpan<float> p = snapshot[t].Span;
                for (int i = 0; i < p.Length; i++)
                {
                    reference[t][i] = s == 0 ? p[i] : ((float)decay * reference[t][i]) + ((float)(1 - decay) * p[i]);
                }
            }
        }

        for (int t = 0; t < Lengths.Length; t++)
        {
            Assert.Equal(Bits(reference[t]), Bits(ema.Average(t)));
        }

        ReadOnlyMemory<float>[] parameters = Snapshot(0);
        ema.Update(parameters);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            ema.Update(parameters);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_decay_schedule_outside_0_1_rejects_the_update_and_changes_nothing()
    {
        WeightAverage ema = WeightAverage.Exponential(Lengths, new DelegateSchedule("bad", n => n == 2 ? 1.5 : 0.9));
        ema.Update(Snapshot(0));
        ema.Update(Snapshot(1));
        byte[] before = Save(ema);
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => ema.Update(Snapshot(2)));
        Assert.Contains("decay schedule returned 1.5 at update 2", e.Message);
        Assert.Equal(before, Save(ema));
    }

    [Fact]
    public void A_checkpoint_of_another_average_names_what_differs()
    {
        WeightAverage ema = WeightAverage.Exponential(Lengths, 0.99);
        ema.Update(Snapshot(0));
        byte[] saved = Save(ema);
        Assert.Contains("its decay is 0.99 but this instance's is 0.999", Reject(WeightAverage.Exponential(Lengths, 0.999), saved).Message);
        Assert.Contains("its mode is Exponential; this average's is Equal", Reject(new WeightAverage(Lengths), saved).Message);
        Assert.Contains("3 tensors; this average has 2", Reject(WeightAverage.Exponential([7, 1003], 0.99), saved).Message);
        Assert.Contains("its tensor 2 has 1003 elements", Reject(WeightAverage.Exponential([0, 7, 1004], 0.99), saved).Message);

        WeightAverage scheduled = WeightAverage.Exponential(Lengths, Warmup);
        scheduled.Update(Snapshot(0));
        byte[] savedScheduled = Save(scheduled);
        var other = WeightAverage.Exponential(Lengths, new DelegateSchedule("ema warmup", n => Math.Min(0.9999, (1.0 + n) / (10.0 + n))));
        InvalidDataException e = Reject(other, savedScheduled);
        Assert.Contains("its decay is the schedule \"ema warmup", e.Message);
        other.LoadCheckpoint(new MemoryStream(savedScheduled), verifyScheduleIdentity: false);
        Assert.Equal(1, other.AveragedCount);
    }

    public static TheoryData<string, int> Corruptions => new()
    {
        { "flip", 0 }, { "flip", 8 }, { "flip", 12 }, { "flip", 16 }, { "flip", 24 }, { "flip", 30 }, { "flip", -5 }, { "flip", -1 },
        { "truncate", 0 }, { "truncate", 20 }, { "truncate", -1 }, { "append", 1 }, { "append", 100 },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_corrupt_truncated_or_extended_checkpoint_is_rejected_and_changes_nothing(string kind, int position)
    {
        WeightAverage source = Create("ema");
        source.Update(Snapshot(0));
        source.Update(Snapshot(1));
        byte[] good = Save(source);
        int at = position >= 0 ? position : good.Length + position;
        byte[] bad = kind switch
        {
            "flip" => good.Select((b, i) => i == at ? (byte)(b ^ 0x04) : b).ToArray(),
            "truncate" => good[..at],
            _ => [.. good, .. new byte[position]],
        };

        WeightAverage target = Create("ema");
        target.Update(Snapshot(7));
        byte[] before = Save(target);
        InvalidDataException e = Reject(target, bad);
        Assert.Contains("not changed", e.Message);
        if (kind == "append")
        {
            Assert.Contains("trailing bytes", e.Message);
        }

        Assert.Equal(before, Save(target));
    }

    private static InvalidDataException Reject(WeightAverage target, byte[] data)
        => Assert.Throws<InvalidDataException>(() => target.LoadCheckpoint(new MemoryStream(data)));

    private static byte[] Save(WeightAverage average)
    {
        using var stream = new MemoryStream();
        average.SaveCheckpoint(stream);
        return stream.ToArray();
    }

    private static ReadOnlyMemory<float>[] Snapshot(int seed)
    {
        var random = new Random(seed);
        return Lengths.Select(n => (ReadOnlyMemory<float>)Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray()).ToArray();
    }

    private static int[] Bits(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
