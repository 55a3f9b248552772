using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Language.Kinds;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Language.Lowering;

// Suspicions: warnings and notes on a valid schedule that is probably not what was meant; driven by the kinds' traits.

internal sealed partial class SchedulePass
{
    /// <summary>Warnings and notes: the schedule is valid and generated, but probably not what was meant.</summary>
    private void ReportSuspicions(LoweredSchedule schedule, IArgumentReader rate, List<Phase> phases)
    {
        double peak = schedule.Peak;
        if (peak > 1)
        {
            Report(ProblemCatalog.RateAboveOne, rate, rate.LocationOf("peak"), Show(peak));
        }

        for (int i = 0; i < phases.Count; i++)
        {
            Phase phase = phases[i];
            IArgumentReader reader = phase.Reader;
            if (reader.Has("Final") && reader.Double("Final", 0) > peak)
            {
                Report(ProblemCatalog.FinalAbovePeak, reader, reader.LocationOf("Final"), KindReader.Describe(reader.Name, "Final"), Show(reader.Double("Final", 0)), Show(peak));
            }

            if (phase.Descriptor is { HasMilestones: true } && phase.Length is { } steps)
            {
                long[] milestones = reader.Longs("milestones");
                for (int m = 0; m < milestones.Length; m++)
                {
                    if (milestones[m] > steps)
                    {
                        Report(ProblemCatalog.MilestonePastEnd, reader, reader.LocationOf("milestones", m), milestones[m], phase.Kind, steps);
                    }
                }
            }

            if (i == 0)
            {
                continue;
            }

            Phase previous = phases[i - 1];
            if (previous.Length is { } length && phase.Start < previous.Start + length)
            {
                Report(ProblemCatalog.PhaseCutShort, reader, reader.LocationOf("Start"), phase.Start, previous.Kind, previous.Start + length - phase.Start, previous.Start + length);
            }

            double before = previous.ValueAt(phase.Start - previous.Start);
            double after = phase.ValueAt(0);
            double previousStart = previous.ValueAt(0);
            if (phase.Descriptor is { IsWarmup: true } && previous.Descriptor is not { IsWarmup: true } && previousStart - before > 1e-9 * peak)
            {
                // A decay followed by a warmup: the jump back up is almost always a mistake, so a warning (it
                // replaces the note SDL0021 on the same handover).
                Report(ProblemCatalog.WarmupAfterDecay, reader, reader.Location, phase.Kind, phase.Start, previous.Kind, Show(previousStart), Show(before), Show(after));
            }
            else if (Math.Abs(after - before) > 1e-9 * peak)
            {
                Report(ProblemCatalog.Discontinuity, reader, reader.Location, Show(before), Show(after), phase.Start, phase.Kind, previous.Kind);
            }
        }

        if (schedule.TotalSteps is { } total)
        {
            long warmup = phases.Where(p => p.Descriptor is { IsWarmup: true } && p.Length is not null).Sum(p => p.Length!.Value);
            if (warmup * 2 > total && phases.Count > 1)
            {
                IArgumentReader first = phases.First(p => p.Descriptor is { IsWarmup: true }).Reader;
                Report(ProblemCatalog.LongWarmup, first, first.Location, warmup, total);
            }
        }

        long training = rate.Long("TrainingSteps", 0);
        if (training < 0)
        {
            Report(ProblemCatalog.InvalidLength, rate, rate.LocationOf("TrainingSteps"), "TrainingSteps", 0, training);
        }
        else if (training > 0 && phases.Count > 0)
        {
            Phase last = phases[phases.Count - 1];
            if (schedule.TotalSteps is { } end && end < training)
            {
                string rest = schedule.ThrowsPastEnd
                    ? $"updates from step {end} on would throw (End = EndBehavior.Throw)"
                    : $"its last {training - end} updates all use the held rate {Show(schedule.Evaluate(end))}";
                Report(ProblemCatalog.ShorterThanTraining, rate, rate.LocationOf("TrainingSteps"), end, training, rest);
            }
            else if (schedule.TotalSteps is null && last.Descriptor is { MayBePeriodic: true } && last.End == (int)EndBehavior.Periodic)
            {
                long half = last.Reader.Long("steps", 1);
                if (last.Start + half < training)
                {
                    Report(ProblemCatalog.ShorterThanTraining, rate, rate.LocationOf("TrainingSteps"), last.Start + half, training, $"the periodic cosine climbs back towards the peak after step {last.Start + half}");
                }
            }
            else if (schedule.TotalSteps is { } finish && finish > training)
            {
                Report(ProblemCatalog.LongerThanTraining, rate, rate.LocationOf("TrainingSteps"), training, finish, Show(schedule.Evaluate(training - 1)), Show(schedule.Evaluate(finish)));
            }
        }
    }
}
