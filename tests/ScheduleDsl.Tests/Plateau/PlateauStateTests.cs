using System;
using System.Buffers.Binary;
using System.IO;
using Xunit;

namespace ScheduleDsl.Tests.Plateau;

/// <summary>Saving and restoring the progress of a plateau rule, and rejecting damaged or impossible states.</summary>
public sealed class PlateauStateTests
{
    private const string Case = "plateau_min_abs_cooldown_minlr";

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(22)]
    [InlineData(79)]
    public void A_run_restored_mid_way_continues_identically(int stopAfter)
    {
        double[] metrics = ReferenceData().Metrics!;
        (double baseLr, PlateauOptions options) = PlateauReferenceTests.Parameters(Case);
        var original = new ReduceOnPlateau(baseLr, options);
        for (int k = 0; k < stopAfter; k++)
        {
            original.Report(metrics[k]);
        }

        byte[] bytes = new byte[PlateauState.SerializedSize];
        Assert.Equal(PlateauState.SerializedSize, original.State.WriteTo(bytes));
        var resumed = new ReduceOnPlateau(baseLr, options);
        resumed.Restore(PlateauState.ReadFrom(bytes));
        Assert.Equal(original.State, resumed.State);

        for (int k = stopAfter; k < metrics.Length; k++)
        {
            Assert.Equal(original.Report(metrics[k]), resumed.Report(metrics[k]));
            Assert.Equal(original.LearningRate, resumed.LearningRate);
            Assert.Equal(original.State, resumed.State);
        }
    }

    [Fact]
    public void A_stream_round_trip_restores_every_field_including_infinite_best()
    {
        var fresh = new ReduceOnPlateau(0.3, new PlateauOptions { Mode = PlateauMode.Max });
        using var firstStream = new MemoryStream();
        fresh.State.WriteTo(firstStream);
        fresh.Report(1);
        fresh.Report(0.5);
        using var secondStream = new MemoryStream();
        fresh.State.WriteTo(secondStream);
        Assert.Equal(PlateauState.SerializedSize, secondStream.Length);

        firstStream.Position = 0;
        secondStream.Position = 0;
        PlateauState first = PlateauState.ReadFrom(firstStream);
        PlateauState second = PlateauState.ReadFrom(secondStream);
        Assert.Equal(double.NegativeInfinity, first.Best);
        Assert.Equal(0.3, first.LearningRate);
        Assert.Equal(0, first.StepCount);
        Assert.Equal(1.0, second.Best);
        Assert.Equal(1, second.BadReportCount);
        Assert.Equal(2, second.StepCount);
        Assert.Throws<InvalidDataException>(() => PlateauState.ReadFrom(secondStream)); // ended
    }

    [Theory]
    [InlineData(1)]
    [InlineData(68)]
    public void Trailing_bytes_are_rejected_in_both_forms(int extra)
    {
        byte[] bytes = [.. SavedState(), .. new byte[extra]];
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => PlateauState.ReadFrom(bytes));
        Assert.Contains("Trailing bytes are rejected", e.Message);
        e = Assert.Throws<InvalidDataException>(() => PlateauState.ReadFrom(new MemoryStream(bytes)));
        Assert.Contains("Trailing bytes are rejected", e.Message);
        Assert.Equal(25, PlateauState.ReadFrom(bytes.AsSpan(0, PlateauState.SerializedSize)).StepCount); // without them it is valid
    }

    [Fact]
    public void Every_single_flipped_bit_is_rejected()
    {
        byte[] bytes = SavedState();
        for (int i = 0; i < bytes.Length * 8; i++)
        {
            byte[] damaged = (byte[])bytes.Clone();
            damaged[i / 8] ^= (byte)(1 << (i % 8));
            Assert.Throws<InvalidDataException>(() => PlateauState.ReadFrom(damaged));
        }
    }

    [Fact]
    public void Truncated_data_is_rejected()
    {
        byte[] bytes = SavedState();
        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => PlateauState.ReadFrom(bytes.AsSpan(0, length)));
            Assert.Throws<InvalidDataException>(() => PlateauState.ReadFrom(new MemoryStream(bytes, 0, length)));
        }
    }

    [Theory]
    [InlineData(8, 2)]            // version 2
    [InlineData(12, 1)]           // reserved field
    [InlineData(24, -1)]          // negative learning rate
    [InlineData(32, -1)]          // negative bad count
    public void Data_with_a_valid_checksum_but_impossible_fields_is_rejected(int offset, int value)
    {
        byte[] bytes = SavedState();
        if (offset == 24)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(offset), value);
        }
        else if (offset == 32)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), value);
        }

        Reseal(bytes);
        Assert.Throws<InvalidDataException>(() => PlateauState.ReadFrom(bytes));
    }

    [Fact]
    public void A_NaN_best_with_a_valid_checksum_is_rejected()
    {
        byte[] bytes = SavedState();
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(16), double.NaN);
        Reseal(bytes);
        Assert.Throws<InvalidDataException>(() => PlateauState.ReadFrom(bytes));
    }

    [Fact]
    public void The_reseal_helper_agrees_with_the_writer()
    {
        // Guards the tests above: an unmodified state resealed by the test's own CRC-32C is byte-identical.
        byte[] bytes = SavedState();
        byte[] resealed = (byte[])bytes.Clone();
        Reseal(resealed);
        Assert.Equal(bytes, resealed);
    }

    [Fact]
    public void Restore_rejects_a_state_that_does_not_fit_the_options_and_changes_nothing()
    {
        var donor = new ReduceOnPlateau(0.1, new PlateauOptions { Patience = 5, Cooldown = 4 });
        for (int k = 0; k < 4; k++)
        {
            donor.Report(1.0); // best 1, then 3 bad reports
        }

        var strict = new ReduceOnPlateau(0.1, new PlateauOptions { Patience = 2 });
        strict.Report(7);
        PlateauState before = strict.State;
        Assert.Throws<ArgumentException>(() => strict.Restore(donor.State)); // 3 bad reports > patience 2
        Assert.Equal(before, strict.State);

        var max = new ReduceOnPlateau(0.1, new PlateauOptions { Mode = PlateauMode.Max });
        Assert.Throws<ArgumentException>(() => max.Restore(new PlateauState(PlateauMode.Min, 0.1))); // best +inf in max mode

        var warm = new ReduceOnPlateau<PlateauWarmup5>(0.1, new PlateauOptions { Patience = 5, Cooldown = 4 });
        Assert.Throws<ArgumentException>(() => warm.Restore(donor.State)); // progressed at step 4, inside the warmup
        Assert.Equal(0, warm.StepCount);
    }

    [Fact]
    public void A_short_destination_is_rejected()
    {
        var plateau = new ReduceOnPlateau(0.1);
        Assert.Throws<ArgumentException>(() => plateau.State.WriteTo(new byte[PlateauState.SerializedSize - 1]));
    }

    private static Infrastructure.ScheduleCase ReferenceData() => Infrastructure.ReferenceData.ScheduleCases[Case];

    private static byte[] SavedState()
    {
        double[] metrics = ReferenceData().Metrics!;
        (double baseLr, PlateauOptions options) = PlateauReferenceTests.Parameters(Case);
        var plateau = new ReduceOnPlateau(baseLr, options);
        for (int k = 0; k < 25; k++)
        {
            plateau.Report(metrics[k]);
        }

        Assert.True(plateau.State.ReductionCount > 0);
        byte[] bytes = new byte[PlateauState.SerializedSize];
        plateau.State.WriteTo(bytes);
        return bytes;
    }

    /// <summary>Rewrites the trailing CRC-32C (Castagnoli, reflected, initial and final XOR 0xFFFFFFFF), bitwise.</summary>
    private static void Reseal(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        for (int i = 0; i < 64; i++)
        {
            crc ^= bytes[i];
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(64), ~crc);
    }
}
