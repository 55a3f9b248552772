using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Language.Kinds;
using ScheduleDsl.Language.Model;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Language.Lowering;

// The numeric checks: growth out of the numeric range, and the last line of defence over the built pieces.

internal sealed partial class SchedulePass
{
    /// <summary>
    /// Reports the first step at which a growing phase leaves <see cref="NumericRange"/>: over its local steps up
    /// to where the next phase takes over, or through its held value forever when it is the last.
    /// </summary>
    private void CheckGrowth(List<Phase> phases, List<Phase> multipliers)
    {
        foreach (Phase phase in phases.Concat(multipliers))
        {
            int index = phases.IndexOf(phase);
            long end = index >= 0 ? SegmentEnd(phases, index) : long.MaxValue;
            long last = end == long.MaxValue ? long.MaxValue - phase.Start : end - 1 - phase.Start;
            if (phase.Length is { } length)
            {
                last = Math.Min(last, length);
            }

            foreach (var growth in phase.Growth)
            {
                if (NumericRange.FirstStepOutOfRange(growth.Envelope, last) is { } local)
                {
                    Report(ProblemCatalog.RateOutOfRange, phase.Reader, phase.Reader.LocationOf(growth.Argument), $"{KindReader.Describe(phase.Reader.Name, growth.Argument)} = {Show(growth.Value)}", growth.What, phase.Start + local, Show(growth.Envelope(local)), growth.Remedy);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// The last line of defence: every piece of the built schedule is a rate at its first and last step. The
    /// checks while reading should make this unreachable; if not, the schedule gets an error, not a silent Inf.
    /// </summary>
    private void CheckPieces(LoweredSchedule schedule)
    {
        foreach (EquatableArray<Piece> pieces in new[] { schedule.Pieces, schedule.MomentumPieces })
        {
            foreach (Piece piece in pieces)
            {
                foreach (long step in new[] { piece.Start, piece.IsOpen ? long.MaxValue : piece.End - 1 })
                {
                    double value = piece.Function.Evaluate(step - piece.Origin);
                    if (!NumericRange.IsRate(value))
                    {
                        Report(ProblemCatalog.RateOutOfRange, null, ArgumentLocation.Attribute, $"The schedule '{_name}'", pieces == schedule.Pieces ? "the rate" : "the momentum", step, Show(value), "change the phase in force at that step");
                        return;
                    }
                }
            }
        }
    }
}
