using System;
using ScheduleDsl.Language.Problems;
using ScheduleDsl.Language.Model;

namespace ScheduleDsl.Language.Kinds;

// Phases that cycle or anneal between two rates: one-cycle, cyclic, cosine with restarts and SWA annealing.

/// <summary>[OneCycle]: PyTorch OneCycleLR, two or three annealed segments, with momentum.</summary>
internal sealed class OneCycleKind() : PhaseKind<OneCycleAttribute>(new(1))
{
    public override string? LengthArgument => nameof(OneCycleAttribute.TotalSteps);

    public override void Read(KindReader k, Phase phase, double peak)
    {
        long total = k.Length(nameof(OneCycleAttribute.TotalSteps));
        if (k.Convention("Keras and timm have no one-cycle", PeerConvention.PyTorch, PeerConvention.Optax) == PeerConvention.Optax)
        {
            ReadOptax(k, phase, peak, total);
            return;
        }

        if (k.Arguments.Has(nameof(OneCycleAttribute.PctFinal)))
        {
            k.Report(ProblemCatalog.ArgumentWithoutEffect, k.Arguments.LocationOf(nameof(OneCycleAttribute.PctFinal)), k.Describe(nameof(OneCycleAttribute.PctFinal)), "in PyTorch's one-cycle", "set Convention = PeerConvention.Optax with Anneal = AnnealStrategy.Linear for Optax's linear_onecycle_schedule");
        }

        bool threePhase = k.Arguments.Bool(nameof(OneCycleAttribute.ThreePhase), Defaults.ThreePhase);
        double pct = k.Arguments.Double(nameof(OneCycleAttribute.PctStart), Defaults.PctStart);
        double maxPct = threePhase ? 0.5 : 1.0;
        if (!IsFinite(pct) || pct <= 0 || pct >= maxPct)
        {
            k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(nameof(OneCycleAttribute.PctStart)), k.Describe(nameof(OneCycleAttribute.PctStart)), threePhase ? "in (0, 0.5) for three phases" : "in (0, 1)", Show(pct));
            pct = maxPct / 2;
        }

        double div = k.Arguments.Double(nameof(OneCycleAttribute.DivFactor), Defaults.DivFactor);
        double finalDiv = k.Arguments.Double(nameof(OneCycleAttribute.FinalDivFactor), Defaults.FinalDivFactor);
        foreach ((string name, double value) in new[] { (nameof(OneCycleAttribute.DivFactor), div), (nameof(OneCycleAttribute.FinalDivFactor), finalDiv) })
        {
            if (!IsFinite(value) || value < 1)
            {
                k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(name), k.Describe(name), "finite and at least 1", Show(value));
            }
        }

        bool cosine = k.IsCosineAnneal((int)Defaults.Anneal);
        double initial = peak / div;
        double minimum = initial / finalDiv;

        // PyTorch's phase ends, as floats: pct·T − 1, (2·pct·T − 2), T − 1; a step belongs to the first phase
        // whose end it does not pass, and each phase anneals over [previous end, its end].
        double[] ends = threePhase
            ? [(pct * total) - 1, (2 * pct * total) - 2, total - 1]
            : [(pct * total) - 1, total - 1];
        double[] rates = threePhase ? [initial, peak, initial, minimum] : [initial, peak, minimum];
        bool momentum = k.Arguments.Bool(nameof(OneCycleAttribute.CycleMomentum), Defaults.CycleMomentum);
        double baseMomentum = momentum ? k.Momentum(nameof(OneCycleAttribute.BaseMomentum), Defaults.BaseMomentum) : 0;
        double maxMomentum = momentum ? k.Momentum(nameof(OneCycleAttribute.MaxMomentum), Defaults.MaxMomentum) : 0;
        double[] momenta = threePhase
            ? [maxMomentum, baseMomentum, maxMomentum, maxMomentum]
            : [maxMomentum, baseMomentum, maxMomentum];

        phase.Length = total;
        phase.Hold = minimum;
        if (momentum)
        {
            phase.Momentum = [];
            phase.MomentumFirst = maxMomentum;
            phase.MomentumHold = maxMomentum;
        }

        long from = 0;
        double segmentStart = 0;
        for (int i = 0; i < ends.Length; i++)
        {
            long to = i == ends.Length - 1 ? total : Math.Max(from, (long)Math.Floor(ends[i]) + 1);
            if (to > from && ends[i] == segmentStart)
            {
                // PctStart·T = 1: a phase from step 0 to step 0, which divides 0 by 0 (PyTorch raises
                // ZeroDivisionError at its first step).
                k.Report(ProblemCatalog.ZeroLengthCyclePhase, k.Arguments.LocationOf(nameof(OneCycleAttribute.PctStart)), k.Describe(nameof(OneCycleAttribute.PctStart)), Show(pct), Show(ends[i]));
                return;
            }

            if (to > from)
            {
                phase.Body.Add((from, to, new RateFunction.Anneal(rates[i], rates[i + 1], segmentStart, ends[i], cosine)));
                phase.Momentum?.Add((from, to, new RateFunction.Anneal(momenta[i], momenta[i + 1], segmentStart, ends[i], cosine)));
            }

            from = to;
            segmentStart = ends[i];
        }
    }

    /// <summary>
    /// Optax cosine_onecycle_schedule / linear_onecycle_schedule (optax/schedules/_schedule.py at 2edbcbe2): a
    /// piecewise interpolation from peak/d through (⌊PctStart·T⌋, peak), for the linear one (⌊PctFinal·T⌋, peak/d), to
    /// (T, peak/(d·f)), then held; no three-phase variant and no momentum.
    /// </summary>
    private void ReadOptax(KindReader k, Phase phase, double peak, long total)
    {
        foreach (string name in new[] { nameof(OneCycleAttribute.ThreePhase), nameof(OneCycleAttribute.CycleMomentum), nameof(OneCycleAttribute.BaseMomentum), nameof(OneCycleAttribute.MaxMomentum) })
        {
            if (k.Arguments.Has(name))
            {
                k.Report(ProblemCatalog.ArgumentWithoutEffect, k.Arguments.LocationOf(name), k.Describe(name), "in Optax's one-cycle, which has no three-phase variant and does not co-schedule momentum", "remove it, or remove Convention = PeerConvention.Optax for PyTorch's one-cycle");
            }
        }

        bool cosine = k.IsCosineAnneal((int)Defaults.Anneal);
        if (cosine && k.Arguments.Has(nameof(OneCycleAttribute.PctFinal)))
        {
            k.Report(ProblemCatalog.ArgumentWithoutEffect, k.Arguments.LocationOf(nameof(OneCycleAttribute.PctFinal)), k.Describe(nameof(OneCycleAttribute.PctFinal)), "in Optax's cosine_onecycle_schedule", "set Anneal = AnnealStrategy.Linear for linear_onecycle_schedule, which has it");
        }

        double div = k.Arguments.Double(nameof(OneCycleAttribute.DivFactor), Defaults.DivFactor);
        double finalDiv = k.Arguments.Double(nameof(OneCycleAttribute.FinalDivFactor), Defaults.FinalDivFactor);
        foreach ((string name, double value) in new[] { (nameof(OneCycleAttribute.DivFactor), div), (nameof(OneCycleAttribute.FinalDivFactor), finalDiv) })
        {
            if (!IsFinite(value) || value < 1)
            {
                k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(name), k.Describe(name), "finite and at least 1", Show(value));
            }
        }

        // Optax: int(pct·T) as a dictionary key; two equal keys would merge, a key 0 gives an empty first segment.
        long rise = Boundary(k, nameof(OneCycleAttribute.PctStart), Defaults.PctStart, 0, total);
        double initial = peak / div;
        long[] bounds;
        double[] values;
        if (cosine)
        {
            bounds = [0, rise, total];
            values = [initial, initial * div, initial * div * (1.0 / (div * finalDiv))];
        }
        else
        {
            long fall = Boundary(k, nameof(OneCycleAttribute.PctFinal), Defaults.PctFinal, rise, total);
            bounds = [0, rise, fall, total];
            values = [initial, initial * div, initial * div * (1.0 / div), initial * div * (1.0 / div) * (1.0 / finalDiv)];
        }

        InterpolateKind.Lay(phase, values, bounds, cosine);
        phase.Body.RemoveAt(phase.Body.Count - 1); // the value after T is the phase's Hold
        phase.Length = total;
        phase.Hold = values[values.Length - 1];
    }

    /// <summary>⌊pct·T⌋, which must lie strictly between <paramref name="after"/> and T.</summary>
    private static long Boundary(KindReader k, string name, double fallback, long after, long total)
    {
        double pct = k.Arguments.Double(name, fallback);
        long boundary = IsFinite(pct) && pct > 0 && pct < 1 ? (long)Math.Floor(pct * total) : -1;
        if (boundary <= after || boundary >= total)
        {
            k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(name), k.Describe(name), $"in (0, 1) with ⌊{name}·totalSteps⌋ strictly between {after} and {total}", Show(pct));
            return Math.Min(after + 1, total);
        }

        return boundary;
    }
}

/// <summary>[Cyclic]: PyTorch CyclicLR, with momentum.</summary>
internal sealed class CyclicKind() : PhaseKind<CyclicAttribute>(new(1, 0))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        long up = k.Length(nameof(CyclicAttribute.StepsUp));
        long down = k.Arguments.Has(nameof(CyclicAttribute.StepsDown)) ? k.Length(nameof(CyclicAttribute.StepsDown)) : up;
        double low = k.Arguments.Double(nameof(CyclicAttribute.MinRate), 0);
        if (!IsFinite(low) || low < 0)
        {
            k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(nameof(CyclicAttribute.MinRate)), k.Describe(nameof(CyclicAttribute.MinRate)), "finite and non-negative", Show(low));
        }
        else if (low > peak)
        {
            k.Report(ProblemCatalog.MinRateAbovePeak, k.Arguments.LocationOf(nameof(CyclicAttribute.MinRate)), k.Describe(nameof(CyclicAttribute.MinRate)), Show(low), Show(peak));
        }

        int mode = k.Arguments.Int(nameof(CyclicAttribute.Mode), (int)Defaults.Mode);
        if (mode is < Formulas.Cyclic.Triangular or > Formulas.Cyclic.ExpRange)
        {
            k.Report(ProblemCatalog.UndefinedEnumValue, k.Arguments.LocationOf(nameof(CyclicAttribute.Mode)), k.Describe(nameof(CyclicAttribute.Mode)), mode, nameof(CyclicMode));
        }

        double gamma = k.Arguments.Has(nameof(CyclicAttribute.Gamma)) ? k.Gamma(nameof(CyclicAttribute.Gamma)) : Defaults.Gamma;
        double total = (double)up + down;
        double ratio = up / total;
        var rate = new RateFunction.Cyclic(low, peak, total, ratio, mode, gamma);
        k.OptionalLength(phase, rate);
        if (k.Arguments.Bool(nameof(CyclicAttribute.CycleMomentum), Defaults.CycleMomentum))
        {
            double baseMomentum = k.Momentum(nameof(CyclicAttribute.BaseMomentum), Defaults.BaseMomentum);
            double maxMomentum = k.Momentum(nameof(CyclicAttribute.MaxMomentum), Defaults.MaxMomentum);
            var momentum = new RateFunction.Cyclic(maxMomentum, baseMomentum, total, ratio, mode, gamma);
            phase.Momentum = [(0, phase.Length ?? long.MaxValue, momentum)];
            phase.MomentumFirst = momentum.Evaluate(0);
            phase.MomentumHold = phase.Length is { } l ? momentum.Evaluate(l) : phase.MomentumFirst;
        }

        if (mode == Formulas.Cyclic.ExpRange)
        {
            // The amplitude grows as γ^t: the rate's top is low + (peak − low)·γ^t, the momentum's bottom
            // max − (max − base)·γ^t.
            const string Remedy = "in exp_range mode a Gamma above 1 grows the amplitude without bound, so use one of at most 1 or end the phase earlier with Steps = ...";
            Grows(phase, nameof(CyclicAttribute.Gamma), gamma, t => Math.Max(peak, low + ((peak - low) * Math.Pow(gamma, t))), Remedy);
            if (phase.Momentum is { Count: 1 } && phase.Momentum[0].Function is RateFunction.Cyclic momentum)
            {
                Grows(phase, nameof(CyclicAttribute.Gamma), gamma, t => momentum.Low - ((momentum.Low - momentum.High) * Math.Pow(gamma, t)), Remedy, "the momentum");
            }
        }
    }
}

/// <summary>[CosineRestarts]: PyTorch CosineAnnealingWarmRestarts with timm and Keras extras.</summary>
internal sealed class CosineRestartsKind() : PhaseKind<CosineRestartsAttribute>(new(1))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        long first = k.Length(nameof(CosineRestartsAttribute.FirstCycle));
        double multiplier = k.Arguments.Double(nameof(CosineRestartsAttribute.Multiplier), Defaults.Multiplier);
        if (!IsFinite(multiplier) || multiplier < 1 || multiplier > 16)
        {
            k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(nameof(CosineRestartsAttribute.Multiplier)), k.Describe(nameof(CosineRestartsAttribute.Multiplier)), "between 1 and 16", Show(multiplier));
            multiplier = 1;
        }

        double final = k.FinalRate();
        double decay = k.Arguments.Has(nameof(CosineRestartsAttribute.Decay)) ? k.Gamma(nameof(CosineRestartsAttribute.Decay)) : Defaults.Decay;
        long limit = k.Arguments.Has(nameof(CosineRestartsAttribute.CycleLimit)) ? k.Length(nameof(CosineRestartsAttribute.CycleLimit)) : 0;
        // Keras's m_mul scales only the part above the floor α·lr; timm's cycle_decay (and the default) the whole peak.
        if (decay != 1 && final != 0 && !k.Arguments.Has(nameof(CosineRestartsAttribute.Convention)))
        {
            k.Report(ProblemCatalog.PeersDiffer, k.Arguments.LocationOf(nameof(CosineRestartsAttribute.Decay)), $"Decay = {Show(decay)} with Final = {Show(final)} on [CosineRestarts]", "is timm's cycle_decay, which starts cycle i at peak·Decay^i, while Keras's m_mul scales only the part above Final", "write Convention = PeerConvention.Keras for Keras's CosineDecayRestarts, or PeerConvention.Timm to say you mean timm's");
        }

        bool aboveFinal = k.Convention("Optax's sgdr_schedule is a list of warmup-cosine phases: write them as phases", PeerConvention.PyTorch, PeerConvention.Timm, PeerConvention.Keras) == PeerConvention.Keras;
        RateFunction function = aboveFinal
            ? Named(Formula.RestartsAboveFinal, D(peak), D(final), L(first), D(multiplier), D(decay), L(limit))
            : new RateFunction.Restarts(peak, final, first, multiplier, decay, limit);
        Grows(phase, nameof(CosineRestartsAttribute.Decay), decay, t => limit > 0 && Formulas.Restarts.Cycle(t, first, multiplier) >= limit ? final : Math.Max(final, CycleStart(Formulas.Restarts.Cycle(t, first, multiplier))), "a Decay above 1 raises the peak at every restart, so use one of at most 1 or set CycleLimit");
        if (!k.Arguments.Has(nameof(CosineRestartsAttribute.Steps)) && limit > 0)
        {
            // The cycles end; the phase ends with them and holds the final rate.
            double end = multiplier == 1 ? (double)first * limit : first * (Math.Pow(multiplier, limit) - 1) / (multiplier - 1);
            long steps = end > NumericRange.MaxSteps ? NumericRange.MaxSteps : (long)Math.Ceiling(end);
            phase.Length = steps;
            phase.Body.Add((0, steps, function));
            phase.Hold = final;
        }
        else
        {
            k.OptionalLength(phase, function);
        }

        double CycleStart(long cycle)
            => aboveFinal ? final + ((peak - final) * Math.Pow(decay, cycle)) : Formulas.StepDecay.Decayed(cycle, peak, decay);
    }
}

/// <summary>[SwaAnneal]: PyTorch SWALR; its start rate is only known once the phases are placed.</summary>
internal sealed class SwaAnnealKind() : PhaseKind<SwaAnnealAttribute>(new(1, 0))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        long steps = k.Length(nameof(SwaAnnealAttribute.Steps));
        double swa = k.Arguments.Double(nameof(SwaAnnealAttribute.SwaRate), 0);
        if (!IsFinite(swa) || swa <= 0 || swa > NumericRange.MaxRate)
        {
            k.Report(ProblemCatalog.InvalidRate, k.Arguments.LocationOf(nameof(SwaAnnealAttribute.SwaRate)), k.Describe(nameof(SwaAnnealAttribute.SwaRate)), "positive", Show(swa));
        }

        // The starting rate is only known once the phases are placed: see Build.
        phase.Length = steps;
        phase.Hold = swa;
        phase.Swa = (swa, k.IsCosineAnneal((int)Defaults.Anneal));
    }
}
