using System;
using System.IO;
using Xunit;
using static ScheduleDsl.Optimizers.Tests.TestOptimizers;

namespace ScheduleDsl.Optimizers.Tests;

public class CheckpointTests
{
    private static readonly int[] Lengths = [37, 1000];

    [Theory]
    [MemberData(nameof(TestOptimizers.All), MemberType = typeof(TestOptimizers))]
    public void Resuming_from_a_checkpoint_is_bit_identical_to_an_uninterrupted_run(string name)
    {
        Optimizer uninterrupted = Create(name, Lengths);
        float[][] p = RandomTensors(Lengths, seed: 11);
        byte[] checkpoint = [];
        float[][] parametersAtSave = [];
        for (int step = 0; step < 10; step++)
        {
            if (step == 5)
            {
                checkpoint = Checkpoint(uninterrupted);
                parametersAtSave = Copy(p);
            }

            uninterrupted.Step(AsMemory(p), AsReadOnlyMemory(Gradients(step)));
        }

        Optimizer resumed = Create(name, Lengths);
        resumed.LoadCheckpoint(new MemoryStream(checkpoint));
        Assert.Equal(5, resumed.StepCount);
        float[][] q = parametersAtSave;
        for (int step = 5; step < 10; step++)
        {
            resumed.Step(AsMemory(q), AsReadOnlyMemory(Gradients(step)));
        }

        Assert.Equal(10, resumed.StepCount);
        for (int t = 0; t < Lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(p[t], q[t]));
        }

        Assert.Equal(Checkpoint(uninterrupted), Checkpoint(resumed));
    }

    [Fact]
    public void The_checkpoint_layout_is_the_documented_one()
    {
        Optimizer adam = Create("adam-amsgrad-wd", Lengths);
        adam.Step(AsMemory(RandomTensors(Lengths, 1)), AsReadOnlyMemory(Gradients(0)));
        byte[] bytes = Checkpoint(adam);
        Assert.Equal("SDLOPTCK"u8.ToArray(), bytes[..8]);
        Assert.Equal(2, BitConverter.ToInt32(bytes, 8)); // version
        Assert.Equal((int)OptimizerAlgorithm.Adam, BitConverter.ToInt32(bytes, 12));
        Assert.Equal(1L, BitConverter.ToInt64(bytes, 16)); // step count
        Assert.Equal(0L, BitConverter.ToInt64(bytes, 24)); // skipped
        Assert.Equal(0, BitConverter.ToInt32(bytes, 32)); // flags
        Assert.Equal(3, BitConverter.ToInt32(bytes, 36)); // m, v, v̂
        Assert.Equal(2, BitConverter.ToInt32(bytes, 40));

        // The settings section, parsed by hand from the documented layout.
        int at = 44;
        int count = BitConverter.ToInt32(bytes, at);
        at += 4;
        var settings = new System.Collections.Generic.Dictionary<string, object>();
        for (int i = 0; i < count; i++)
        {
            byte kind = bytes[at++];
            string name = ReadString(bytes, ref at);
            if (kind is 1 or 2)
            {
                settings[name] = BitConverter.ToDouble(bytes, at);
                at += 8;
            }
            else
            {
                settings[name] = ReadString(bytes, ref at);
            }
        }

        Assert.StartsWith("WarmupCosineSchedule (peak 0.01, 20 steps, values 0x", (string)settings["LearningRate"]);
        Assert.Equal(0.9, settings["Beta1"]);
        Assert.Equal(0.999, settings["Beta2"]);
        Assert.Equal(1e-8, settings["Epsilon"]);
        Assert.Equal(0.05, settings["WeightDecay"]);
        Assert.Equal(1.0, settings["AmsGrad"]);
        Assert.Equal(0.0, settings["Maximize"]);
        Assert.Equal(7, count);
        Assert.Equal(37L, BitConverter.ToInt64(bytes, at));
        Assert.Equal(1000L, BitConverter.ToInt64(bytes, at + 8));
        Assert.Equal(at + 16 + 4 * 3 * (37 + 1000) + 4, bytes.Length);
        uint crc = Crc32C.Finish(Crc32C.Append(Crc32C.Initial, bytes.AsSpan(0, bytes.Length - 4)));
        Assert.Equal(crc, BitConverter.ToUInt32(bytes, bytes.Length - 4));
    }

    private static string ReadString(byte[] bytes, ref int at)
    {
        int length = BitConverter.ToInt32(bytes, at);
        string s = System.Text.Encoding.UTF8.GetString(bytes, at + 4, length);
        at += 4 + length;
        return s;
    }

    [Fact]
    public void Crc32C_matches_the_standard_check_value()
        => Assert.Equal(0xE3069283u, Crc32C.Finish(Crc32C.Append(Crc32C.Initial, "123456789"u8)));

    public static TheoryData<string, int> Corruptions => new()
    {
        { "flip", 0 }, { "flip", 9 }, { "flip", 13 }, { "flip", 17 }, { "flip", 25 }, { "flip", 33 }, { "flip", 37 }, { "flip", 41 },
        { "flip", 45 }, { "flip", 53 }, { "flip", 100 }, { "flip", 5000 }, { "flip", -1 },
        { "truncate", 0 }, { "truncate", 7 }, { "truncate", 44 }, { "truncate", 60 }, { "truncate", 3000 }, { "truncate", -1 },
        { "append", 1 }, { "append", 4 },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_corrupt_or_truncated_checkpoint_is_rejected_and_changes_nothing(string kind, int position)
    {
        byte[] good = SavedAfterSteps("rmsprop-centered-momentum", 3, seed: 1);
        byte[] bad = (byte[])good.Clone();
        int at = position >= 0 ? Math.Min(position, good.Length) : good.Length + position;
        if (kind == "flip")
        {
            bad[at] ^= 0x10;
        }
        else if (kind == "append")
        {
            bad = [.. good, .. new byte[position]];
        }
        else
        {
            bad = good[..at];
        }

        InvalidDataException e = AssertRejectedWithoutChange("rmsprop-centered-momentum", bad);
        if (kind == "append")
        {
            Assert.Contains("trailing bytes", e.Message);
        }
    }

    [Fact]
    public void A_checkpoint_of_another_algorithm_is_rejected()
    {
        // Adam and AdamW keep the same buffers; only the algorithm id tells them apart.
        byte[] adam = SavedAfterSteps("adam-amsgrad-wd", 3, seed: 1);
        InvalidDataException e = AssertRejectedWithoutChange("adamw-amsgrad", adam);
        Assert.Contains("Adam", e.Message);
    }

    [Fact]
    public void A_checkpoint_of_other_hyperparameters_or_tensor_lengths_is_rejected()
    {
        var other = new RmsProp<WarmupCosineSchedule>(Lengths, new RmsPropOptions { Centered = true, Momentum = 0.8, WeightDecay = 0.01 });
        other.Step(AsMemory(RandomTensors(Lengths, 1)), AsReadOnlyMemory(Gradients(0)));
        InvalidDataException e = AssertRejectedWithoutChange("rmsprop-centered-momentum", Checkpoint(other));
        Assert.Contains("its Momentum is 0.8 but this instance's is 0.9", e.Message);

        Optimizer longer = Create("rmsprop-centered-momentum", [37, 1001]);
        AssertRejectedWithoutChange("rmsprop-centered-momentum", Checkpoint(longer));
    }

    private static byte[] SavedAfterSteps(string name, int steps, int seed)
    {
        Optimizer o = Create(name, Lengths);
        float[][] p = RandomTensors(Lengths, seed);
        for (int s = 0; s < steps; s++)
        {
            o.Step(AsMemory(p), AsReadOnlyMemory(Gradients(s)));
        }

        return Checkpoint(o);
    }

    /// <summary>
    /// Loads <paramref name="bad"/> into an optimizer that has state of its own, expects a clear rejection, and checks
    /// that the optimizer's state and its future steps are exactly those of a twin that never saw the bad data.
    /// </summary>
    private static InvalidDataException AssertRejectedWithoutChange(string name, byte[] bad)
    {
        Optimizer target = Create(name, Lengths);
        Optimizer twin = Create(name, Lengths);
        float[][] p = RandomTensors(Lengths, 5);
        float[][] q = Copy(p);
        for (int s = 0; s < 2; s++)
        {
            target.Step(AsMemory(p), AsReadOnlyMemory(Gradients(20 + s)));
            twin.Step(AsMemory(q), AsReadOnlyMemory(Gradients(20 + s)));
        }

        byte[] before = Checkpoint(target);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => target.LoadCheckpoint(new MemoryStream(bad)));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.Contains("not changed", e.Message);
        Assert.Equal(before, Checkpoint(target));
        Assert.Equal(2, target.StepCount);

        target.Step(AsMemory(p), AsReadOnlyMemory(Gradients(30)));
        twin.Step(AsMemory(q), AsReadOnlyMemory(Gradients(30)));
        for (int t = 0; t < Lengths.Length; t++)
        {
            Assert.Equal(-1, FirstBitDifference(p[t], q[t]));
        }

        return e;
    }

    private static float[][] Gradients(int step) => RandomTensors(Lengths, 1000 + step, scale: 2f);
}
