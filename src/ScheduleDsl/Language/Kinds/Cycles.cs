using System;
using System.Linq;
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
                k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(nameof(OneCycleAttribute.PctStart)), k.Describe(nameof(OneCycleAttribute.PctStart)), $"such that PctStart·totalSteps is not 1 (the phase ending at step {Show(ends[i])} would have zero length)", Show(pct));
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
}

/// <summary>[Cyclic]: PyTorch CyclicLR, with momentum.</summary>
internal sealed class CyclicKind() : PhaseKind<CyclicAttribute>(new(1, 0))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        long up = k.Length(nameof(CyclicAttribute.StepsUp));
        long down = k.Arguments.Has(nameof(CyclicAttribute.StepsDown)) ? k.Length(nameof(CyclicAttribute.StepsDown)) : up;
        double low = k.Arguments.Double(nameof(CyclicAttribute.MinRate), 0);
        if (!IsFinite(low) || low < 0 || low > peak)
        {
            k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(nameof(CyclicAttribute.MinRate)), k.Describe(nameof(CyclicAttribute.MinRate)), "finite, non-negative and at most the learning rate", Show(low));
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
        var function = new RateFunction.Restarts(peak, final, first, multiplier, decay, limit);
        Grows(phase, nameof(CosineRestartsAttribute.Decay), decay, t => limit > 0 && Formulas.Restarts.Cycle(t, first, multiplier) >= limit ? final : Math.Max(final, Formulas.StepDecay.Decayed(Formulas.Restarts.Cycle(t, first, multiplier), peak, decay)), "a Decay above 1 raises the peak at every restart, so use one of at most 1 or set CycleLimit");
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
