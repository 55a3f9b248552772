using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ScheduleDsl.Language.Kinds;
using ScheduleDsl.Language.Model;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Language.Lowering;

/// <summary>One declared phase as the host read it: its arguments and its kind's descriptor (null when unknown, SDL0030).</summary>
/// <param name="Arguments">The attribute's arguments.</param>
/// <param name="Kind">The descriptor the host found for the attribute's type, or null.</param>
internal readonly record struct DeclaredPhase(IArgumentReader Arguments, PhaseKind? Kind);

/// <summary>
/// The shared pass from read attributes to a <see cref="LoweredSchedule"/>: per-kind reading and validation
/// (<c>Reading</c>), placement (<c>Placement</c>), the numeric checks (<c>Checks</c>), lowering (<c>Lowering</c>) and
/// the warnings on a valid schedule (<c>Suspicions</c>). The generator runs it over Roslyn's attributes, the runtime
/// library over schedule text; both see the same problems, with the same IDs, messages and argument locations.
/// </summary>
/// <remarks>
/// Problems go to the host's <see cref="IProblemSink"/> in the order they are found; the pass never throws on a
/// mistake in the schedule (a host may still guard against <see cref="System.OverflowException"/>,
/// <see cref="System.ArgumentException"/> and <see cref="System.InvalidOperationException"/> from inputs that slipped
/// past validation, as the generator does). One instance lowers one schedule.
/// </remarks>
internal sealed partial class SchedulePass : IProblemSink
{
    /// <summary>No phase may end past step 2⁶² (SDL0016), so that sums of starts and lengths never overflow.</summary>
    private const long MaxEnd = 1L << 62;

    private readonly string _name;
    private readonly IProblemSink _sink;

    /// <summary>Creates the pass for one schedule.</summary>
    /// <param name="name">The schedule's name as messages quote it (the type name in the generator).</param>
    /// <param name="sink">Where the problems go.</param>
    /// <param name="failed">Whether the host already reported an error (the type's shape): the growth checks and the suspicions are then skipped, as after any error.</param>
    public SchedulePass(string name, IProblemSink sink, bool failed = false)
    {
        _name = name;
        _sink = sink;
        Failed = failed;
    }

    /// <summary>Whether an error has been reported, by the host or the pass.</summary>
    public bool Failed { get; private set; }

    /// <summary>Whether a declared phase cycles momentum (known once the phases are read, also for an invalid schedule).</summary>
    public bool CyclesMomentum { get; private set; }

    /// <summary>Reads, validates, places and lowers a schedule.</summary>
    /// <param name="rate">The <c>[LearningRate]</c> attribute, or null when there is none (SDL0002 if there are phases).</param>
    /// <param name="declared">The phase attributes in source order.</param>
    /// <param name="cancellationToken">Checked between the stages.</param>
    /// <returns>The lowered schedule, or null when an error was reported.</returns>
    public LoweredSchedule? Lower(IArgumentReader? rate, IReadOnlyList<DeclaredPhase> declared, CancellationToken cancellationToken = default)
    {
        if (rate is null)
        {
            if (declared.Count > 0)
            {
                Report(ProblemCatalog.PhasesWithoutLearningRate, null, ArgumentLocation.Attribute, _name);
            }

            return null;
        }

        double peak = rate.Double("peak", double.NaN);
        if (!rate.Has("peak"))
        {
            // [LearningRate] without a rate: the peak of a bound schedule, which the run supplies (the text form resolves
            // it before this pass). Read the phases with the nominal peak 1 so that their own problems are reported too.
            Report(ProblemCatalog.BoundPeak, rate, ArgumentLocation.Attribute);
            peak = 1.0;
        }
        else if (!IsFinite(peak) || peak <= 0 || peak > NumericRange.MaxRate)
        {
            Report(ProblemCatalog.InvalidRate, rate, rate.LocationOf("peak"), "The learning rate", "positive", Show(peak));
        }

        var phases = new List<Phase>();
        foreach (DeclaredPhase phase in declared)
        {
            phases.Add(ReadPhase(phase, peak));
        }

        CyclesMomentum = phases.Any(p => p.Momentum is not null);

        if (phases.Count == 0)
        {
            Report(ProblemCatalog.NoPhases, null, ArgumentLocation.Attribute, _name, Show(peak));
        }

        cancellationToken.ThrowIfCancellationRequested();
        List<Phase> sequence = phases.Where(p => !p.Multiply).ToList();
        List<Phase> multipliers = phases.Where(p => p.Multiply).ToList();
        PlacePhases(sequence);
        PlaceMultipliers(sequence, multipliers);

        if (!Failed)
        {
            CheckGrowth(sequence, multipliers);
        }

        if (Failed)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        LoweredSchedule schedule = Build(peak, sequence, multipliers);
        CheckPieces(schedule);
        if (Failed)
        {
            return null;
        }

        ReportSuspicions(schedule, rate, sequence);
        return schedule;
    }

    /// <inheritdoc/>
    void IProblemSink.Report(Problem problem, IArgumentReader? attribute, ArgumentLocation location, object?[] args)
    {
        Failed |= problem.IsError;
        _sink.Report(problem, attribute, location, args);
    }

    private void Report(Problem problem, IArgumentReader? attribute, ArgumentLocation location, params object?[] args)
        => ((IProblemSink)this).Report(problem, attribute, location, args);

    private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    private static string Show(double value) => Literal.Double(value);
}
