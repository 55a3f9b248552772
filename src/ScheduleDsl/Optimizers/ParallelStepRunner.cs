using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace ScheduleDsl.Optimizers;

/// <summary>
/// Runs one step over the optimizer's work units on the calling thread plus up to <c>workers</c> thread-pool
/// threads: optionally a gradient pass (check or norm) over every unit, a decision on the calling thread, then the
/// update pass; returns when every unit is done. The helpers are queued once per step for both passes.
/// </summary>
/// <remarks>
/// <para>
/// Allocation-free after the first blocking wait: the runner is itself the <see cref="IThreadPoolWorkItem"/>
/// (queued once per helper thread and step, no delegate or closure), units are claimed with
/// <see cref="Interlocked.Increment(ref int)"/> from one counter per pass, and waits spin with <see cref="SpinWait"/>
/// (never <c>Sleep(1)</c>). The spans a unit needs are rebuilt inside <see cref="Optimizer.RunUnit"/> from
/// <see cref="Memory{T}"/> fields, so nothing is captured.
/// </para>
/// <para>
/// Between the passes, the calling thread waits until every gradient unit is finished (a completion counter, not
/// the claim counter), then runs <see cref="Optimizer.BetweenPasses"/>, which decides whether the update happens
/// and evaluates its scalars; only then does it release the helpers into the update pass (or tell them to stop).
/// So no element is written before every gradient is read and the step's scalars are known, as with two
/// separate runs, but a helper is woken once per step instead of twice.
/// </para>
/// <para>
/// Every element is updated by the same scalar-or-vector arithmetic whichever thread runs its unit, so the result
/// does not depend on the schedule of threads. The caller claims units too, so a busy thread pool slows a step but
/// cannot deadlock it: helpers that start late find no unit left in either pass and only signal completion.
/// </para>
/// </remarks>
internal sealed class ParallelStepRunner : IThreadPoolWorkItem
{
    private const int Pending = 0;
    private const int Go = 1;
    private const int Stop = 2;

    private readonly Optimizer _owner;
    private readonly int _unitCount;
    private readonly int _helpers;
    private int _gradientPhase;
    private int _nextGradientUnit;
    private int _finishedGradientUnits;
    private int _release;
    private int _nextUpdateUnit;
    private int _outstandingHelpers;
    private ExceptionDispatchInfo? _failure;

    internal ParallelStepRunner(Optimizer owner, int unitCount, int maxDegreeOfParallelism)
    {
        _owner = owner;
        _unitCount = unitCount;
        _helpers = Math.Min(maxDegreeOfParallelism, unitCount) - 1;
    }

    /// <summary>
    /// Runs the gradient pass <paramref name="gradientPhase"/> over every unit (none when negative), then, if
    /// <see cref="Optimizer.BetweenPasses"/> returns <see langword="true"/>, the update pass; rethrows the first
    /// failure of any thread, or of <see cref="Optimizer.BetweenPasses"/>, after every helper has stopped.
    /// </summary>
    internal void Run(int gradientPhase)
    {
        _gradientPhase = gradientPhase;
        _failure = null;
        _nextGradientUnit = 0;
        _finishedGradientUnits = 0;
        _nextUpdateUnit = 0;
        _release = gradientPhase < 0 ? Go : Pending;
        _outstandingHelpers = _helpers;
        for (int i = 0; i < _helpers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        if (gradientPhase >= 0)
        {
            DrainGradientPass();
            var spinner = default(SpinWait);
            while (Volatile.Read(ref _finishedGradientUnits) != _unitCount)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            bool go = false;
            try
            {
                go = _failure is null && _owner.BetweenPasses();
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }

            Volatile.Write(ref _release, go ? Go : Stop);
        }

        if (_release == Go)
        {
            DrainUpdatePass();
        }

        // Wait for the helpers by spinning, then yielding (SpinWait.SpinOnce without Sleep(1)): a blocking
        // ManualResetEventSlim.Wait goes through Monitor.Wait, which allocates now and then on .NET 10.
        var finish = default(SpinWait);
        while (Volatile.Read(ref _outstandingHelpers) != 0)
        {
            finish.SpinOnce(sleep1Threshold: -1);
        }

        _failure?.Throw();
    }

    void IThreadPoolWorkItem.Execute()
    {
        if (_gradientPhase >= 0)
        {
            DrainGradientPass();
            var spinner = default(SpinWait);
            while (Volatile.Read(ref _release) == Pending)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        if (Volatile.Read(ref _release) == Go)
        {
            DrainUpdatePass();
        }

        Interlocked.Decrement(ref _outstandingHelpers);
    }

    /// <summary>
    /// Claims and runs gradient units in order. Every claimed unit is counted as finished, also after a failure
    /// (whose later units are claimed but skipped), so the caller's wait for all of them always ends.
    /// </summary>
    private void DrainGradientPass()
    {
        int unit;
        while ((unit = Interlocked.Increment(ref _nextGradientUnit) - 1) < _unitCount)
        {
            try
            {
                if (Volatile.Read(ref _failure) is null)
                {
                    _owner.RunUnit(_gradientPhase, unit);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }
            finally
            {
                Interlocked.Increment(ref _finishedGradientUnits);
            }
        }
    }

    /// <summary>
    /// Claims and runs update units. After a gradient pass they are taken last unit first, so that the update starts
    /// on the gradients the gradient pass read last, which are the likeliest still to be in cache.
    /// </summary>
    private void DrainUpdatePass()
    {
        bool reversed = _gradientPhase >= 0;
        try
        {
            int claimed;
            while ((claimed = Interlocked.Increment(ref _nextUpdateUnit) - 1) < _unitCount)
            {
                _owner.RunUnit(Optimizer.UpdatePhase, reversed ? _unitCount - 1 - claimed : claimed);
            }
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            Volatile.Write(ref _nextUpdateUnit, _unitCount); // stop the other threads claiming more units
        }
    }
}
