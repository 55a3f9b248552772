using System;
using Xunit;
using Xunit.Abstractions;
using static ScheduleDsl.Optimizers.Tests.TestOptimizers;

namespace ScheduleDsl.Optimizers.Tests;

[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection
{
}

/// <summary>Steps allocate nothing after construction and one warm-up step. Run alone so other tests do not allocate meanwhile.</summary>
[Collection(nameof(AllocationCollection))]
public class AllocationTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(TestOptimizers.All), MemberType = typeof(TestOptimizers))]
    public void Single_threaded_steps_allocate_nothing(string name)
    {
        int[] lengths = [1000, 37];
        Optimizer optimizer = Create(name, lengths, maxDegreeOfParallelism: 1);
        Optimizer single = Create(name, [1003], maxDegreeOfParallelism: 1);
        float[][] p = RandomTensors(lengths, 1);
        float[][] g = RandomTensors(lengths, 2);
        Memory<float>[] pm = AsMemory(p);
        ReadOnlyMemory<float>[] gm = AsReadOnlyMemory(g);
        float[] sp = RandomTensors([1003], 3)[0];
        float[] sg = RandomTensors([1003], 4)[0];
        optimizer.Step(pm, gm);
        single.Step(sp, sg);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 15; i++)
        {
            optimizer.Step(pm, gm);
            single.Step(sp, sg);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(16, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(TestOptimizers.All), MemberType = typeof(TestOptimizers))]
    public void Threaded_steps_allocate_nothing(string name)
    {
        int[] lengths = [(1 << 20) + 13, 37];
        Optimizer optimizer = Create(name, lengths, maxDegreeOfParallelism: 2);
        Assert.True(optimizer.IsThreaded);
        float[][] p = RandomTensors(lengths, 1, 0.1f);
        float[][] g = RandomTensors(lengths, 2, 0.01f);
        Memory<float>[] pm = AsMemory(p);
        ReadOnlyMemory<float>[] gm = AsReadOnlyMemory(g);
        for (int i = 0; i < 40; i++)
        {
            optimizer.Step(pm, gm); // warm-up: tiered JIT (call counting, tier-1 rejit) and thread-pool threads
        }

        // Both counts must reach zero in at least one of up to 40 windows of one step (short windows, so that periodic
        // background allocations of the test host, about 168 B every few hundred ms, leave some windows empty). The process-wide count also
        // sees other threads (thread-pool bookkeeping: about 1 KB in 1 window of 200 outside the test host), and
        // tiering can still allocate once; an allocation made by the step itself would show in every window.
        // Nothing is written to the test output until the end: xunit's message bus would allocate on its own thread.
        long[] processBytes = new long[40];
        long[] threadBytes = new long[40];
        long processMin = long.MaxValue, threadMin = long.MaxValue;
        int windows = 0;
        while (windows < processBytes.Length && (processMin != 0 || threadMin != 0))
        {
            long thread0 = GC.GetAllocatedBytesForCurrentThread();
            long process0 = GC.GetTotalAllocatedBytes(precise: true);
            optimizer.Step(pm, gm);
            processBytes[windows] = GC.GetTotalAllocatedBytes(precise: true) - process0;
            threadBytes[windows] = GC.GetAllocatedBytesForCurrentThread() - thread0;
            threadMin = Math.Min(threadMin, threadBytes[windows]);
            processMin = Math.Min(processMin, processBytes[windows]);
            windows++;
        }

        for (int w = 0; w < windows; w++)
        {
            output.WriteLine($"window {w}: caller {threadBytes[w]} B, process {processBytes[w]} B over 1 step");
        }

        Assert.Equal(0, threadMin);
        Assert.Equal(0, processMin);
    }
}
