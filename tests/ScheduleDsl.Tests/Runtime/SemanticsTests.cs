using System;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;

namespace ScheduleDsl.Tests.Runtime;

/// <summary>The documented conventions, checked at the steps where they matter.</summary>
public sealed class SemanticsTests
{
    [Fact]
    public void Default_warmup_gives_every_step_an_equal_share_and_never_a_zero_rate()
    {
        // peak·(t + 1)/(W + 1): step 0 gets peak/11, step 9 gets 10/11 of it, step 10 (the cosine's first) the peak.
        Assert.Equal(0.1 / 11, WarmupCosine.At(0), 15);
        Assert.Equal(0.1 * 10 / 11, WarmupCosine.At(9), 15);
        Assert.Equal(0.1, WarmupCosine.At(10));
        for (long t = 1; t < 10; t++)
        {
            Assert.Equal(0.1 / 11, WarmupCosine.At(t) - WarmupCosine.At(t - 1), 15);
        }
    }

    [Fact]
    public void Cosine_reaches_its_final_rate_exactly_and_holds_it()
    {
        Assert.Equal(0.001, WarmupCosine.At(100));
        Assert.Equal(0.001, WarmupCosine.At(101));
        Assert.Equal(0.001, WarmupCosine.At(long.MaxValue));
        Assert.Equal(100, WarmupCosine.TotalSteps);
        Assert.Equal(0.1, WarmupCosine.PeakLearningRate);
        Assert.True(WarmupCosine.At(99) > 0.001);
    }

    [Fact]
    public void Constant_phase_returns_to_the_peak_after_it_like_ConstantLR()
    {
        Assert.Equal(0.25, ConstantThenPeak.At(2));
        Assert.Equal(1.0, ConstantThenPeak.At(3));
        Assert.Equal(1.0, ConstantThenPeak.At(1_000_000));
    }

    [Fact]
    public void A_later_start_makes_the_previous_phase_hold_its_final_value()
    {
        Assert.Equal(0.55, GapHolds.At(9), 15);
        Assert.Equal(0.5, GapHolds.At(10), 15);
        Assert.Equal(0.5, GapHolds.At(19), 15);
        Assert.Equal(0.1, GapHolds.At(20));
        Assert.Equal(1.0, GapHolds.At(25));
        Assert.Equal(25, GapHolds.TotalSteps);
    }

    [Fact]
    public void An_earlier_start_cuts_the_previous_phase_short()
    {
        Assert.Equal(0.25, StartCutsShort.At(2));
        Assert.Equal(0.1, StartCutsShort.At(3));
        Assert.Equal(1.0, StartCutsShort.At(8));
    }

    [Fact]
    public void End_Throw_rejects_every_step_past_the_end_and_Fill_writes_nothing()
    {
        Assert.Equal(10, ThrowsAtTen.TotalSteps);
        Assert.Equal(0.1 * (1.0 - (0.5 * 5 / 6)), ThrowsAtTen.At(9), 15);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ThrowsAtTen.At(10));
        Assert.Contains("ThrowsAtTen", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ThrowsAtTen.AtSingle(long.MaxValue));

        float[] destination = [-1, -1, -1];
        Assert.Throws<ArgumentOutOfRangeException>(() => ThrowsAtTen.Fill(destination, 8));
        Assert.Equal([-1f, -1f, -1f], destination);
        ThrowsAtTen.Fill(destination, 7);
        Assert.Equal(ThrowsAtTen.AtSingle(9), destination[2]);
    }

    [Fact]
    public void Negative_steps_and_overflowing_ranges_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WarmupCosine.At(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WarmupCosine.At(long.MinValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => WarmupCosine.Fill(new float[4], -2));
        Assert.Throws<ArgumentOutOfRangeException>(() => WarmupCosine.Fill(new float[4], long.MaxValue - 2));

        var last = new float[4];
        WarmupCosine.Fill(last, long.MaxValue - 3);
        Assert.All(last, value => Assert.Equal(0.001f, value));
        WarmupCosine.Fill(Span<float>.Empty, long.MaxValue);
    }

    [Fact]
    public void Fill_equals_the_scalar_path_bit_for_bit_for_linear_and_piecewise_constant_kinds()
    {
        var filled = new float[700];
        for (int first = 0; first < 40; first += 13)
        {
            ExactKinds.Fill(filled, first);
            for (int i = 0; i < filled.Length; i++)
            {
                Assert.Equal(ExactKinds.AtSingle(first + i), filled[i]);
            }
        }
    }

    [Fact]
    public void Fill_is_within_one_float_ulp_of_the_scalar_path_for_transcendental_kinds()
    {
        var filled = new float[135_000];
        TranscendentalKinds.Fill(filled, 3);
        int exact = 0;
        for (int i = 0; i < filled.Length; i++)
        {
            float scalar = TranscendentalKinds.AtSingle(3 + i);
            long distance = Ulp.Distance(filled[i], scalar);
            Assert.True(distance <= 1, $"step {3 + i}: Fill {filled[i]:R}, AtSingle {scalar:R}");
            exact += distance == 0 ? 1 : 0;
        }

        // Vector Sin/Exp/Log differ from Math's by an ulp of double at most, so almost every float is identical.
        Assert.True(exact > filled.Length * 0.999, $"only {exact} of {filled.Length} identical");
    }
}
