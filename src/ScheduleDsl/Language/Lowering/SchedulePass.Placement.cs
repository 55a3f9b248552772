using System.Collections.Generic;
using ScheduleDsl.Language.Kinds;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Language.Lowering;

// Placement: where each phase of the sequence starts, and whether its end behaviour fits where it stands.

internal sealed partial class SchedulePass
{
    /// <summary>Assigns each phase its start and checks the order and the end behaviour.</summary>
    private void PlacePhases(List<Phase> phases)
    {
        for (int i = 0; i < phases.Count; i++)
        {
            Phase phase = phases[i];
            bool last = i == phases.Count - 1;
            if (i == 0)
            {
                if (phase.ExplicitStart is > 0)
                {
                    Report(ProblemCatalog.InvalidStart, phase.Reader, phase.Reader.LocationOf("Start"), phase.Kind, phase.ExplicitStart, "but the first phase must start at step 0");
                }

                phase.Start = 0;
            }
            else
            {
                Phase previous = phases[i - 1];
                if (phase.ExplicitStart is { } start)
                {
                    if (start <= previous.Start)
                    {
                        Report(ProblemCatalog.InvalidStart, phase.Reader, phase.Reader.LocationOf("Start"), phase.Kind, start, $"which is not after the start of [{previous.Kind}] at step {previous.Start}");
                    }

                    phase.Start = start;
                }
                else if (previous.Length is { } length)
                {
                    phase.Start = previous.Start + length;
                }
                else
                {
                    Report(ProblemCatalog.UnreachablePhase, phase.Reader, phase.Reader.Location, phase.Kind, previous.Kind);
                    phase.Start = previous.Start;
                }
            }

            if (phase.Start > MaxEnd || (phase.Length is { } l && phase.Start + l > MaxEnd))
            {
                Report(ProblemCatalog.LengthOverflow, phase.Reader, phase.Reader.Location, _name);
                return;
            }

            if (phase.End != (int)EndBehavior.Hold && !last)
            {
                Report(ProblemCatalog.EndOnInnerPhase, phase.Reader, phase.Reader.LocationOf("End"), phase.Kind);
            }
            else if (phase.End == (int)EndBehavior.Periodic && !phase.CanBePeriodic)
            {
                Report(ProblemCatalog.EndNotSupported, phase.Reader, phase.Reader.LocationOf("End"), "Periodic", phase.Kind, "only [Cosine] has a periodic continuation");
            }
            else if (phase.End == (int)EndBehavior.Throw && phase.Length is null)
            {
                Report(ProblemCatalog.EndNotSupported, phase.Reader, phase.Reader.LocationOf("End"), "Throw", phase.Kind, "the phase never ends; give it a length with Steps = ...");
            }
            else if (phase.End is < (int)EndBehavior.Hold or > (int)EndBehavior.Throw)
            {
                Report(ProblemCatalog.EndNotSupported, phase.Reader, phase.Reader.LocationOf("End"), phase.End, phase.Kind, "it is not a defined EndBehavior value");
            }
        }
    }

    /// <summary>Multiplying phases start at step 0 or their Start, and end behaviours belong to the sequence's last phase.</summary>
    private void PlaceMultipliers(List<Phase> sequence, List<Phase> multipliers)
    {
        foreach (Phase multiplier in multipliers)
        {
            multiplier.Start = multiplier.ExplicitStart ?? 0;
            if (multiplier.End != (int)EndBehavior.Hold)
            {
                Report(ProblemCatalog.EndOnInnerPhase, multiplier.Reader, multiplier.Reader.LocationOf("End"), multiplier.Kind);
            }
        }

        if (multipliers.Count > 0 && sequence.Count > 0 && sequence[sequence.Count - 1].End == (int)EndBehavior.Throw)
        {
            Phase last = sequence[sequence.Count - 1];
            Report(ProblemCatalog.EndNotSupported, last.Reader, last.Reader.LocationOf("End"), "Throw", last.Kind, "the schedule has a phase with Multiply = true");
        }
    }
}
