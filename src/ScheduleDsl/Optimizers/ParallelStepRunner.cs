using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace ScheduleDsl.Optimizers;

/// <summary>
/// Runs one phase of a step over the optimizer's work units on the calling thread plus up to
/// <c>workers</c> thread-pool threads, and returns when every unit is done.
/// </summary>
/// <remarks>
/// <para>
/// Allocation-free after the first blocking wait: the runner is itself the <see cref="IThreadPoolWorkItem"/>
/// (queued once per helper thread, no delegate or closure), units are claimed with <see cref="Interlocked.Increment(ref int)"/>
/// from a shared counter, and the caller waits for the helpers' countdown with <see cref="SpinWait"/>. The spans a unit
/// needs are rebuilt inside <see cref="Optimizer.RunUnit"/> from <see cref="Memory{T}"/> fields, so nothing is captured.
/// </para>
/// <para>
/// Every element is updated by the same scalar-or-vector arithmetic whichever thread runs its unit, so the result
/// does not depend on the schedule of threads. The caller claims units too, so a busy thread pool slows a step but
/// cannot deadlock it: helpers that start late find no unit left and only signal completion.
/// </para>
/// </remarks>
internal sealed class ParallelStepRunner : IThreadPoolWorkItem
{
    private readonly Optimizer _owner;
    private readonly int _unitCount;
    private readonly int _helpers;
    private int _nextUnit;
    private int _outstandingHelpers;
    private int _phase;
    private ExceptionDispatchInfo? _failure;

    internal ParallelStepRunner(Optimizer owner, int unitCount, int maxDegreeOfParallelism)
    {
        _owner = owner;
        _unitCount = unitCount;
        _helpers = Math.Min(maxDegreeOfParallelism, unitCount) - 1;
    }

    /// <summary>Runs <paramref name="phase"/> over every unit and rethrows the first failure of any thread.</summary>
    internal void Run(int phase)
    {
        _phase = phase;
        _failure = null;
        _nextUnit = 0;
        _outstandingHelpers = _helpers;
        for (int i = 0; i < _helpers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        Drain();

        // Wait for the helpers by spinning, then yielding, then sleeping (SpinWait.SpinOnce): a blocking
        // ManualResetEventSlim.Wait goes through Monitor.Wait, which allocates now and then on .NET 10.
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _outstandingHelpers) != 0)
        {
            spinner.SpinOnce();
        }

        _failure?.Throw();
    }

    void IThreadPoolWorkItem.Execute()
    {
        Drain();
        Interlocked.Decrement(ref _outstandingHelpers);
    }

    private void Drain()
    {
        try
        {
            int unit;
            while ((unit = Interlocked.Increment(ref _nextUnit) - 1) < _unitCount)
            {
                _owner.RunUnit(_phase, unit);
            }
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            Volatile.Write(ref _nextUnit, _unitCount); // stop the other threads claiming more units
        }
    }
}
