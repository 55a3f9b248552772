using System;
using Xunit;

namespace ScheduleDsl.Tests.Runtime;

public sealed class CompiledScheduleTests
{
    [Fact]
    public void Forwards_every_member_to_the_generated_statics()
    {
        IScheduleFunction schedule = new CompiledSchedule<WarmupCosine>();
        Assert.Equal(0.1, schedule.PeakLearningRate);
        Assert.Equal(100L, schedule.TotalSteps);
        Assert.False(schedule.HasMomentum);
        var filled = new float[120];
        var expected = new float[120];
        schedule.Fill(filled, 3);
        WarmupCosine.Fill(expected, 3);
        Assert.Equal(expected, filled);
        for (long step = 0; step < 120; step++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(WarmupCosine.At(step)), BitConverter.DoubleToInt64Bits(schedule.At(step)));
            Assert.Equal(BitConverter.SingleToInt32Bits(WarmupCosine.AtSingle(step)), BitConverter.SingleToInt32Bits(schedule.AtSingle(step)));
        }

        Assert.Throws<InvalidOperationException>(() => schedule.MomentumAt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(-1));
    }

    [Fact]
    public void Exposes_the_momentum_co_schedule()
    {
        IScheduleFunction schedule = new CompiledSchedule<CyclesMomentum>();
        Assert.True(schedule.HasMomentum);
        for (long step = 0; step < 12; step++)
        {
            Assert.Equal(CyclesMomentum.MomentumAt(step), schedule.MomentumAt(step));
        }
    }
}

[LearningRate(0.5)]
[OneCycle(10)]
public partial struct CyclesMomentum;
