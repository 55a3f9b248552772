using System;
using System.Linq;
using ScheduleDsl.Language.Problems;
using ScheduleDsl.Language.Model;

namespace ScheduleDsl.Language.Kinds;

// Phases that decay from the peak: cosine, exponential, step and multi-step, polynomial, shaped decay and tanh.

/// <summary>[Cosine]: PyTorch CosineAnnealingLR, optionally periodic, or shaped by Exponent and KDecay.</summary>
internal sealed class CosineKind() : PhaseKind<CosineAttribute>(new(1))
{
    public override bool MayBePeriodic => true;

    public override void Read(KindReader k, Phase phase, double peak)
    {
        long steps = k.Length(nameof(CosineAttribute.Steps));
        double final = k.FinalRate();
        double exponent = k.Positive(nameof(CosineAttribute.Exponent), Defaults.Exponent);
        double kDecay = k.Positive(nameof(CosineAttribute.KDecay), Defaults.KDecay);
        phase.CanBePeriodic = exponent == 1.0 && kDecay == 1.0;
        if (phase.CanBePeriodic && k.Arguments.Int(nameof(PhaseAttribute.End), (int)Defaults.End) == (int)EndBehavior.Periodic)
        {
            phase.Length = null;
            phase.Body.Add((0, long.MaxValue, new RateFunction.Cosine(peak, final, steps, Periodic: true)));
        }
        else if (exponent != 1.0 || kDecay != 1.0)
        {
            FixedLength(phase, steps, Named(Formula.ShapedCosine, D(peak), D(final), D(steps), D(exponent), D(kDecay)), final);
        }
        else
        {
            phase.Length = steps;
            var function = new RateFunction.Cosine(peak, final, steps, Periodic: false);
            phase.Body.Add((0, steps, function));
            phase.Hold = function.Evaluate(steps);
        }
    }
}

/// <summary>[Exponential]: PyTorch ExponentialLR.</summary>
internal sealed class ExponentialKind() : PhaseKind<ExponentialAttribute>(new(1))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        double gamma = k.Gamma(nameof(ExponentialAttribute.Gamma));
        var function = new RateFunction.Exponential(peak, gamma);
        k.OptionalLength(phase, function);
        Grows(phase, nameof(ExponentialAttribute.Gamma), gamma, function.Evaluate, FactorRemedy);
    }
}

/// <summary>[StepDecay]: PyTorch StepLR.</summary>
internal sealed class StepDecayKind() : PhaseKind<StepDecayAttribute>(new(1))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        long stepSize = k.Length(nameof(StepDecayAttribute.StepSize));
        double gamma = k.Gamma(nameof(StepDecayAttribute.Gamma));
        var function = new RateFunction.StepDecay(peak, gamma, Math.Max(stepSize, 1));
        k.OptionalLength(phase, function);
        Grows(phase, nameof(StepDecayAttribute.Gamma), gamma, function.Evaluate, FactorRemedy);
    }
}

/// <summary>[MultiStep]: PyTorch MultiStepLR, laid out as constant pieces between milestones.</summary>
internal sealed class MultiStepKind() : PhaseKind<MultiStepAttribute>(new(1))
{
    public override bool HasMilestones => true;

    public override void Read(KindReader k, Phase phase, double peak)
    {
        double gamma = k.Gamma(nameof(MultiStepAttribute.Gamma));
        long[] milestones = k.Arguments.Longs(nameof(MultiStepAttribute.Milestones));
        for (int i = 0; i < milestones.Length; i++)
        {
            if (milestones[i] < 0 || milestones[i] > NumericRange.MaxSteps)
            {
                k.Report(ProblemCatalog.InvalidLength, k.Arguments.LocationOf(nameof(MultiStepAttribute.Milestones), i), "A milestone", 0, milestones[i]);
            }
            else if (i > 0 && milestones[i] < milestones[i - 1])
            {
                k.Report(ProblemCatalog.MilestonesNotIncreasing, k.Arguments.LocationOf(nameof(MultiStepAttribute.Milestones), i), milestones[i], milestones[i - 1]);
            }
        }

        long? length = k.Arguments.Has(nameof(MultiStepAttribute.Steps)) ? k.Length(nameof(MultiStepAttribute.Steps)) : null;
        phase.Length = length;
        long limit = length ?? long.MaxValue;
        long from = 0;
        int decays = 0;
        foreach (long milestone in milestones.Where(m => m >= 0).OrderBy(m => m))
        {
            if (milestone > from && from < limit)
            {
                phase.Body.Add((from, Math.Min(milestone, limit), new RateFunction.Constant(Formulas.StepDecay.Decayed(decays, peak, gamma))));
                from = Math.Min(milestone, limit);
            }

            if (milestone <= limit)
            {
                decays++;
            }
        }

        if (from < limit)
        {
            phase.Body.Add((from, limit, new RateFunction.Constant(Formulas.StepDecay.Decayed(decays, peak, gamma))));
        }

        phase.Hold = Formulas.StepDecay.Decayed(decays, peak, gamma);
        Grows(phase, nameof(MultiStepAttribute.Gamma), gamma, t => phase.ValueAt(t), "a factor above 1 multiplies the rate at every milestone, so use one of at most 1 or fewer milestones");
    }
}

/// <summary>[Polynomial]: PyTorch PolynomialLR with an end value.</summary>
internal sealed class PolynomialKind() : PhaseKind<PolynomialAttribute>(new(1))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        long steps = k.Length(nameof(PolynomialAttribute.Steps));
        double power = k.Arguments.Double(nameof(PolynomialAttribute.Power), Defaults.Power);
        if (!IsFinite(power) || power <= 0)
        {
            k.Report(ProblemCatalog.InvalidPower, k.Arguments.LocationOf(nameof(PolynomialAttribute.Power)), "Power", Show(power));
        }

        double final = k.FinalRate();
        var function = new RateFunction.Polynomial(peak, final, power, steps);
        phase.Length = steps;
        phase.Body.Add((0, steps, function));
        phase.Hold = function.Evaluate(steps);
    }
}

/// <summary>[Decay]: the decay of Hugging Face warmup-stable-decay, in one of three shapes.</summary>
internal sealed class DecayKind() : PhaseKind<DecayAttribute>(new(1))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        long steps = k.Length(nameof(DecayAttribute.Steps));
        double final = k.FinalRate();
        int shape = k.Shape();
        FixedLength(phase, steps, Named(Formula.Decay, D(peak), D(final), D(steps), S(shape)), final);
    }
}

/// <summary>[Tanh]: timm TanhLRScheduler.</summary>
internal sealed class TanhKind() : PhaseKind<TanhAttribute>(new(1))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        long steps = k.Length(nameof(TanhAttribute.Steps));
        double final = k.FinalRate();
        double lower = k.Finite(nameof(TanhAttribute.Lower), Defaults.Lower);
        double upper = k.Finite(nameof(TanhAttribute.Upper), Defaults.Upper);
        FixedLength(phase, steps, Named(Formula.Tanh, D(peak), D(final), D(steps), D(lower), D(upper)), final);
    }
}
