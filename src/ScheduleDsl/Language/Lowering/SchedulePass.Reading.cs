using ScheduleDsl.Language.Kinds;
using ScheduleDsl.Language.Model;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Language.Lowering;

// The per-kind reading: each declared phase through its descriptor, then the arguments every phase has (End,
// Multiply, Start).

internal sealed partial class SchedulePass
{
    private Phase ReadPhase(DeclaredPhase declared, double peak)
    {
        IArgumentReader reader = declared.Arguments;
        PhaseKind? kind = declared.Kind;
        var phase = new Phase(reader, kind);
        if (kind is null)
        {
            Report(ProblemCatalog.UnknownPhaseKind, reader, ArgumentLocation.Attribute, reader.Name);
        }
        else
        {
            kind.Read(new KindReader(reader, this), phase, peak);
        }

        phase.End = reader.Int("End", (int)EndBehavior.Hold);
        phase.Multiply = reader.Bool("Multiply", false);
        if (phase.Multiply && phase.Momentum is not null)
        {
            // About CycleMomentum: reported there when it is written, else (it defaults to true) at Multiply.
            Report(ProblemCatalog.MomentumOnMultiplier, reader, reader.LocationOf(reader.Has("CycleMomentum") ? "CycleMomentum" : "Multiply"), reader.Name);
        }
        if (reader.Has("Start"))
        {
            long start = reader.Long("Start", -1);
            if (start != -1)
            {
                if (start < 0 || start > NumericRange.MaxSteps)
                {
                    Report(ProblemCatalog.InvalidLength, reader, reader.LocationOf("Start"), "Start", 0, start);
                }

                phase.ExplicitStart = start;
            }
        }

        return phase;
    }
}
