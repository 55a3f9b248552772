using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using static ScheduleDsl.Optimizers.Tests.TestOptimizers;

namespace ScheduleDsl.Optimizers.Tests;

/// <summary>
/// A second call while a step runs is detected and rejected, deterministically: the first step is held inside the
/// optimizer by a gradient memory whose <see cref="MemoryManager{T}.GetSpan"/> blocks until the test releases it.
/// </summary>
public class ConcurrencyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_call_during_a_step_throws_InvalidOperationException_and_changes_nothing(int threads)
    {
        int[] lengths = threads > 1 ? [(1 << 20) + 13] : [1000];
        Optimizer optimizer = Create("adamw-amsgrad", lengths, maxDegreeOfParallelism: threads);
        Optimizer twin = Create("adamw-amsgrad", lengths, maxDegreeOfParallelism: threads);
        Assert.Equal(threads > 1, optimizer.IsThreaded);
        float[] p = RandomTensors(lengths, 1)[0];
        float[] q = (float[])p.Clone();
        float[] g = RandomTensors(lengths, 2)[0];
        using var blocking = new BlockingMemory(g);
        ReadOnlyMemory<float> gradients = blocking.Memory; // MemoryManager.Memory calls GetSpan once: arm only after it
        blocking.Arm();
        Task<StepResult> first = Task.Run(() => optimizer.Step([p.AsMemory()], [gradients]));
        Assert.True(blocking.Entered.Wait(Timeout), "the first step never reached the gradients");

        // The first step is inside the optimizer now. Every other call is rejected at once.
        float[] other = RandomTensors(lengths, 3)[0];
        float[] otherGradients = RandomTensors(lengths, 4)[0];
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => optimizer.Step([other.AsMemory()], [(ReadOnlyMemory<float>)otherGradients]));
        Assert.Contains("already in use by another thread", e.Message);
        Assert.Throws<InvalidOperationException>(() => optimizer.Step(other, otherGradients));
        Assert.Throws<InvalidOperationException>(() => optimizer.Step(other, otherGradients, 0.1));
        Assert.Throws<InvalidOperationException>(() => optimizer.SaveCheckpoint(new MemoryStream()));
        Assert.Throws<InvalidOperationException>(() => optimizer.LoadCheckpoint(new MemoryStream(Checkpoint(twin))));

        blocking.Release.Set();
        Assert.Equal(StepResult.Applied, await first.WaitAsync(Timeout));

        // The rejected calls changed nothing: the optimizer is the twin that made only the first step.
        twin.Step([q.AsMemory()], [(ReadOnlyMemory<float>)g]);
        Assert.Equal(-1, FirstBitDifference(p, q));
        Assert.Equal(Checkpoint(twin), Checkpoint(optimizer));

        // And it is usable again.
        Assert.Equal(StepResult.Applied, optimizer.Step(other, otherGradients));
    }

    /// <summary>Memory over an array whose first <see cref="GetSpan"/> signals <see cref="Entered"/> and waits for <see cref="Release"/>.</summary>
    private sealed class BlockingMemory(float[] data) : MemoryManager<float>
    {
        private int _armed;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public void Arm() => Volatile.Write(ref _armed, 1);

        public override Span<float> GetSpan()
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Entered.Set();
                Release.Wait(Timeout);
            }

            return data;
        }

        public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
            Entered.Dispose();
            Release.Dispose();
        }
    }
}
