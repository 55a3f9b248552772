using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Language.Kinds;
using ScheduleDsl.Language.Model;

namespace ScheduleDsl.Language.Lowering;

// Lowering: the placed phases flattened into contiguous pieces (curves, multiplying phases, merged constants and the
// momentum carried between the phases that cycle it).

internal sealed partial class SchedulePass
{
    private LoweredSchedule Build(double peak, List<Phase> phases, List<Phase> multipliers)
    {
        var summaries = new List<PhaseSummary>();
        long? total = null;
        bool throws = false;
        for (int i = 0; i < phases.Count; i++)
        {
            Phase phase = phases[i];
            summaries.Add(new PhaseSummary(phase.Kind, phase.Start, SegmentEnd(phases, i), phase.Descriptor?.IsWarmup ?? false));
            if (i == phases.Count - 1 && phase.Length is { } length)
            {
                total = phase.Start + length;
                throws = phase.EndBehavior == (int)EndBehavior.Throw;
            }

            if (phase.Swa is { } swa)
            {
                // SWALR anneals from the rate in force: where the previous phase has got to, or the peak.
                double start = i == 0 ? phase.Peak : phases[i - 1].ValueAt(phase.Start - phases[i - 1].Start);
                long steps = phase.Length!.Value;
                phase.Body.Add((0, steps, new RateFunction.Named(Formula.Swa, new RateFunction.Argument[] { new(start, RateFunction.ArgumentKind.Double), new(swa.Rate, RateFunction.ArgumentKind.Double), new(steps, RateFunction.ArgumentKind.Double), new(swa.Cosine ? 1 : 0, RateFunction.ArgumentKind.Bool) }.ToEquatableArray())));
            }
        }

        List<Piece> pieces = phases.Count == 0
            ? [new Piece(0, long.MaxValue, 0, new RateFunction.Constant(peak))]
            : Curve(phases, p => p.Body, p => p.Hold, throws);

        foreach (Phase multiplier in multipliers)
        {
            long end = multiplier.Length is { } length ? multiplier.Start + length : long.MaxValue;
            summaries.Add(new PhaseSummary(multiplier.Kind, multiplier.Start, end, IsMultiplier: true));
            total = total is { } t && end != long.MaxValue ? Math.Max(t, end) : null;
            pieces = Multiply(pieces, FactorCurve(multiplier, peak), peak);
        }

        // The momentum co-schedule exists when a phase cycles momentum; the other phases keep the momentum
        // in force at their start (the first cycling phase's initial value before it).
        List<Piece> momentum = [];
        if (phases.Any(p => p.Momentum is not null))
        {
            double carried = phases.First(p => p.Momentum is not null).MomentumFirst;
            foreach (Phase phase in phases)
            {
                if (phase.Momentum is null)
                {
                    phase.Momentum = [(0, long.MaxValue, new RateFunction.Constant(carried))];
                    phase.MomentumHold = carried;
                }
                else
                {
                    carried = phase.MomentumHold;
                }
            }

            momentum = Curve(phases, p => p.Momentum!, p => p.MomentumHold, throws);
        }

        return new LoweredSchedule(
        Peak: peak,
        Pieces: Merge(pieces).ToEquatableArray(),
        TotalSteps: total,
        ThrowsPastEnd: throws,
        Phases: summaries.ToEquatableArray(),
        MomentumPieces: Merge(momentum).ToEquatableArray());
    }

    /// <summary>A multiplying phase as a curve over all steps: the peak (factor 1) before it, then its own curve and final value.</summary>
    private static List<Piece> FactorCurve(Phase phase, double peak)
    {
        var pieces = new List<Piece>();
        if (phase.Start > 0)
        {
            pieces.Add(new Piece(0, phase.Start, 0, new RateFunction.Constant(peak)));
        }

        pieces.AddRange(Curve([phase], p => p.Body, p => p.Hold, throwsPastEnd: false));
        return pieces;
    }

    /// <summary>The pointwise product of two curves divided by the peak, split at the union of their boundaries.</summary>
    private static bool IsUnitFactor(RateFunction function, double peak) => function is RateFunction.Constant c && c.Value / peak == 1.0;

    private static List<Piece> Multiply(List<Piece> left, List<Piece> right, double peak)
    {
        var product = new List<Piece>();
        int i = 0;
        int j = 0;
        long start = 0;
        while (i < left.Count && j < right.Count)
        {
            Piece a = left[i];
            Piece b = right[j];
            long end = Math.Min(a.End, b.End);
            if (end > start)
            {
                product.Add(
                    a.Function is RateFunction.Constant ca && b.Function is RateFunction.Constant cb ? new Piece(start, end, start, new RateFunction.Constant(ca.Value * cb.Value / peak))
                    // A factor of exactly 1 (a constant equal to the peak) leaves the other side as it is: x·1.0 is x
                    // bit for bit, so the piece keeps its own formula and its vectorised Fill kernel.
                    : IsUnitFactor(b.Function, peak) ? new Piece(start, end, a.Origin, a.Function)
                    : IsUnitFactor(a.Function, peak) ? new Piece(start, end, b.Origin, b.Function)
                    : new Piece(start, end, 0, new RateFunction.Product(a.Function, a.Origin, b.Function, b.Origin, peak)));
            }

            if (end == long.MaxValue)
            {
                break;
            }

            start = end;
            if (a.End == end)
            {
                i++;
            }

            if (b.End == end)
            {
                j++;
            }
        }

        return product;
    }

    /// <summary>Where phase i hands over: the next phase's start, else its own end (or never).</summary>
    private static long SegmentEnd(List<Phase> phases, int i)
        => i + 1 < phases.Count
            ? phases[i + 1].Start
            : phases[i].Length is { } length ? phases[i].Start + length : long.MaxValue;

    /// <summary>
    /// Flattens one curve (the rate, or the momentum) into contiguous pieces from step 0: each phase's body clipped
    /// to where the next phase takes over, its final value held across a gap, and past the last phase's end.
    /// </summary>
    private static List<Piece> Curve(
        List<Phase> phases,
        Func<Phase, List<(long From, long To, RateFunction Function)>> body,
        Func<Phase, double> hold,
        bool throwsPastEnd)
    {
        var pieces = new List<Piece>();
        for (int i = 0; i < phases.Count; i++)
        {
            Phase phase = phases[i];
            long nominalEnd = phase.Length is { } length ? phase.Start + length : long.MaxValue;
            long end = SegmentEnd(phases, i);
            foreach ((long from, long to, RateFunction function) in body(phase))
            {
                long pieceStart = phase.Start + from;
                long pieceEnd = to == long.MaxValue ? end : Math.Min(phase.Start + to, end);
                if (pieceStart < pieceEnd)
                {
                    // A constant reads no step; counting it from its own start keeps the generated code plain.
                    pieces.Add(new Piece(pieceStart, pieceEnd, function is RateFunction.Constant ? pieceStart : phase.Start - phase.LocalStart, function));
                }
            }

            if (nominalEnd < end)
            {
                // A later Start leaves a gap: the phase holds its final value until then.
                pieces.Add(new Piece(nominalEnd, end, nominalEnd, new RateFunction.Constant(hold(phase))));
            }

            if (i == phases.Count - 1 && phase.Length is not null && !throwsPastEnd)
            {
                pieces.Add(new Piece(nominalEnd, long.MaxValue, nominalEnd, new RateFunction.Constant(hold(phase))));
            }
        }

        return pieces;
    }

    /// <summary>Joins neighbouring constant pieces of equal value, so the generated branch tree has fewer leaves.</summary>
    private static List<Piece> Merge(List<Piece> pieces)
    {
        var merged = new List<Piece>();
        foreach (Piece piece in pieces)
        {
            if (merged.Count > 0
                && merged[merged.Count - 1] is { Function: RateFunction.Constant previous } last
                && piece.Function is RateFunction.Constant current
                && previous.Value.Equals(current.Value)
                && last.End == piece.Start)
            {
                merged[merged.Count - 1] = last with { End = piece.End };
            }
            else
            {
                merged.Add(piece);
            }
        }

        return merged;
    }
}
