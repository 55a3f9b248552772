using System;
using Xunit;

namespace ScheduleDsl.Tests.Runtime;

/// <summary>
/// Per-step evaluation and Fill allocate nothing, through a generic caller as an optimizer would use them. One warm-up
/// call suffices because the project runs without tiered compilation (see the .csproj): the code measured is the
/// final, fully optimized code, not tier 0 or OSR code on its way to tier 1.
/// </summary>
public sealed class AllocationTests
{
    private const int Steps = 1_000_000;

    [Fact]
    public void The_test_project_runs_without_tiered_compilation()
    {
        // The runtimeconfig property the csproj's <TieredCompilation>false</TieredCompilation> writes; without it
        // the measurements below could catch a tier transition instead of the code's steady state.
        Assert.Equal("false", AppContext.GetData("System.Runtime.TieredCompilation")?.ToString(), ignoreCase: true);
    }

    [Fact]
    public void A_million_per_step_evaluations_allocate_nothing()
    {
        AssertNoAllocation<WarmupCosine>();
        AssertNoAllocation<ExactKinds>();
        AssertNoAllocation<TranscendentalKinds>();
        AssertNoAllocation<ThrowsAtTen>(limit: 10);
        AssertNoAllocation<EveryKindOneCycle>();
        AssertNoAllocation<EveryKindUnbounded>();
        AssertNoAllocation<EveryKindShapes>();
        AssertMomentumAllocatesNothing<EveryKindOneCycle>();
    }

    [Fact]
    public void Fill_allocates_nothing()
    {
        float[] destination = new float[200_000];
        AssertFillAllocatesNothing<WarmupCosine>(destination);
        AssertFillAllocatesNothing<ExactKinds>(destination);
        AssertFillAllocatesNothing<TranscendentalKinds>(destination);
        AssertFillAllocatesNothing<EveryKindOneCycle>(destination);
        AssertFillAllocatesNothing<EveryKindUnbounded>(destination);
        AssertFillAllocatesNothing<EveryKindShapes>(destination);
    }

    private static void AssertMomentumAllocatesNothing<TSchedule>()
        where TSchedule : ISchedule, IMomentumSchedule
    {
        double sum = 0;
        for (long step = 0; step < 1000; step++)
        {
            sum += TSchedule.MomentumAt(step);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long step = 0; step < Steps; step++)
        {
            sum += TSchedule.MomentumAt(step);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }

    private static void AssertNoAllocation<TSchedule>(long limit = long.MaxValue)
        where TSchedule : ISchedule
    {
        double sum = Sum<TSchedule>(limit); // warm up: JIT and static initialisation
        long before = GC.GetAllocatedBytesForCurrentThread();
        sum += Sum<TSchedule>(limit);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
    }

    private static double Sum<TSchedule>(long limit)
        where TSchedule : ISchedule
    {
        double sum = 0;
        for (long step = 0; step < Steps; step++)
        {
            long t = step % limit;
            sum += TSchedule.At(t) + TSchedule.AtSingle(t);
        }

        return sum;
    }

    private static void AssertFillAllocatesNothing<TSchedule>(float[] destination)
        where TSchedule : ISchedule
    {
        TSchedule.Fill(destination, 0); // warm up: JIT and static initialisation
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int first = 0; first < 50; first += 7)
        {
            TSchedule.Fill(destination, first * 1000L);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
