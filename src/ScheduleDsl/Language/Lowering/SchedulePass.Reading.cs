using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Language.Kinds;
using ScheduleDsl.Language.Model;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Language.Lowering;

// The per-kind reading: each declared phase through its descriptor, then the arguments every phase has (Rate,
// LocalStart, End, Multiply, Start).

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
            phase.Peak = PhaseRate(reader, peak);
            kind.Read(new KindReader(reader, this), phase, phase.Peak);
            ApplyLocalStart(reader, phase);
        }

        phase.EndBehavior = reader.Int("End", (int)EndBehavior.Hold);
        phase.Multiply = reader.Bool("Multiply", kind is { AlwaysMultiplies: true });
        if (kind is { AlwaysMultiplies: true } && !phase.Multiply)
        {
            Report(ProblemCatalog.ValueOutOfRange, reader, reader.LocationOf("Multiply"), KindReader.Describe(reader.Name, "Multiply"), $"true ([{reader.Name}] always multiplies the rest of the schedule)", "false");
            phase.Multiply = true;
        }

        if (phase.Multiply && reader.Has(nameof(PhaseAttribute.Rate)))
        {
            Report(ProblemCatalog.ArgumentWithoutEffect, reader, reader.LocationOf(nameof(PhaseAttribute.Rate)), KindReader.Describe(reader.Name, nameof(PhaseAttribute.Rate)), "on a phase with Multiply = true, which is a factor of the rest of the schedule", "remove Rate, or remove Multiply = true to make the phase follow the others at its own rate");
        }

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

    /// <summary>The rate a phase scales: its own <c>Rate</c> when written (PyTorch's per-scheduler base_lr), else the declared one.</summary>
    private double PhaseRate(IArgumentReader reader, double peak)
    {
        if (!reader.Has(nameof(PhaseAttribute.Rate)))
        {
            return peak;
        }

        double rate = reader.Double(nameof(PhaseAttribute.Rate), double.NaN);
        if (!IsFinite(rate) || rate <= 0 || rate > NumericRange.MaxRate)
        {
            Report(ProblemCatalog.InvalidRate, reader, reader.LocationOf(nameof(PhaseAttribute.Rate)), KindReader.Describe(reader.Name, nameof(PhaseAttribute.Rate)), "positive", Show(rate));
            return peak;
        }

        if (rate > 1)
        {
            Report(ProblemCatalog.RateAboveOne, reader, reader.LocationOf(nameof(PhaseAttribute.Rate)), Show(rate));
        }

        return rate;
    }

    /// <summary>
    /// <c>LocalStart = s</c> (timm's warmup_prefix=False): the phase begins at its own step s, so its body moves s
    /// steps earlier, its length shrinks by s and its formulas still see the step they would have seen.
    /// </summary>
    private void ApplyLocalStart(IArgumentReader reader, Phase phase)
    {
        if (!reader.Has(nameof(PhaseAttribute.LocalStart)))
        {
            return;
        }

        long skip = reader.Long(nameof(PhaseAttribute.LocalStart), 0);
        ArgumentLocation location = reader.LocationOf(nameof(PhaseAttribute.LocalStart));
        string name = KindReader.Describe(reader.Name, nameof(PhaseAttribute.LocalStart));
        if (skip < 0 || skip > NumericRange.MaxSteps)
        {
            Report(ProblemCatalog.InvalidLength, reader, location, name, 0, skip);
            return;
        }

        if (skip == 0)
        {
            return;
        }

        if (phase.Swa is not null)
        {
            Report(ProblemCatalog.ArgumentWithoutEffect, reader, location, name, "on SWA annealing, which starts from the rate in force whatever its own count", "remove it");
            return;
        }

        if (phase.Length is not { } length)
        {
            Report(ProblemCatalog.ValueOutOfRange, reader, location, name, "0 on a phase without a length (give it Steps = ... to count it from elsewhere)", skip);
            return;
        }

        if (skip >= length)
        {
            Report(ProblemCatalog.ValueOutOfRange, reader, location, name, $"less than the phase's length {length}", skip);
            return;
        }

        phase.LocalStart = skip;
        phase.Length -= skip;
        Shift(phase.Body, skip);
        if (phase.Momentum is { } momentum)
        {
            Shift(momentum, skip);
            phase.MomentumFirst = momentum.Count > 0 ? momentum[0].Function.Evaluate(skip) : phase.MomentumFirst;
        }

        static void Shift(List<(long From, long To, RateFunction Function)> body, long skip)
        {
            var shifted = body
                .Where(p => p.To > skip)
                .Select(p => (Math.Max(p.From - skip, 0), p.To == long.MaxValue ? long.MaxValue : p.To - skip, p.Function))
                .ToList();
            body.Clear();
            body.AddRange(shifted);
        }
    }
}
