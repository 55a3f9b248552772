using System;
using System.Linq;
using ScheduleDsl.Language.Problems;
using ScheduleDsl.Language.Model;

namespace ScheduleDsl.Language.Kinds;

// Phases that decay as an inverse power of the step: Noam, inverse square root, inverse time, scikit-learn optimal and inverse scaling.

/// <summary>[Noam]: the Transformer's warmup and inverse square root.</summary>
internal sealed class NoamKind() : PhaseKind<NoamAttribute>(new(1, 1))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        long warmup = k.Length(nameof(NoamAttribute.WarmupSteps));
        long size = k.Arguments.Long(nameof(NoamAttribute.ModelSize), 0);
        if (size < 1)
        {
            k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(nameof(NoamAttribute.ModelSize)), k.Describe(nameof(NoamAttribute.ModelSize)), "positive", size);
        }

        double scale = k.Arguments.Double(nameof(NoamAttribute.Scale), Defaults.Scale);
        if (!IsFinite(scale) || scale <= 0)
        {
            k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(nameof(NoamAttribute.Scale)), k.Describe(nameof(NoamAttribute.Scale)), "finite and positive", Show(scale));
        }

        RateFunction noam = Named(Formula.Noam, D(peak), D(scale * Math.Pow(Math.Max(size, 1), -0.5)), D(Math.Pow(warmup, -1.5)));
        k.OptionalLength(phase, noam);

        // The rate rises to its highest at the end of the warmup (local step W − 1) and falls after it.
        phase.Growth.Add((nameof(NoamAttribute.Scale), scale, "the rate", t => noam.Evaluate(Math.Min(t, warmup - 1)), "lower Scale (the highest rate is peak·Scale/√(modelSize·warmupSteps))"));
    }
}

/// <summary>[InverseSqrt]: Hugging Face inverse_sqrt after the warmup.</summary>
internal sealed class InverseSqrtKind() : PhaseKind<InverseSqrtAttribute>(new(1))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        k.OptionalLength(phase, Named(Formula.InverseSqrt, D(peak), D(k.Length(nameof(InverseSqrtAttribute.Timescale)))));
    }
}

/// <summary>[InverseTime]: Keras InverseTimeDecay.</summary>
internal sealed class InverseTimeKind() : PhaseKind<InverseTimeAttribute>(new(1, 0))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        long steps = k.Length(nameof(InverseTimeAttribute.DecaySteps));
        double rate = k.NonNegative(nameof(InverseTimeAttribute.DecayRate));
        k.OptionalLength(phase, Named(Formula.InverseTime, D(peak), D(rate), D(steps), B(k.Arguments.Bool(nameof(InverseTimeAttribute.Staircase), Defaults.Staircase))));
    }
}

/// <summary>[Optimal]: scikit-learn "optimal", an inverse time decay.</summary>
internal sealed class OptimalKind() : PhaseKind<OptimalAttribute>(new(1))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        double alpha = k.Arguments.Double(nameof(OptimalAttribute.Alpha), 0);
        if (!IsFinite(alpha) || alpha <= 0)
        {
            k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(nameof(OptimalAttribute.Alpha)), k.Describe(nameof(OptimalAttribute.Alpha)), "finite and positive", Show(alpha));
        }

        // 1/(α(t₀ + t)) with t₀ = 1/(η₀α) is η₀/(1 + η₀·α·t): inverse time decay with D = 1.
        k.OptionalLength(phase, Named(Formula.InverseTime, D(peak), D(peak * alpha), D(1), B(false)));
    }
}

/// <summary>[InverseScaling]: scikit-learn invscaling.</summary>
internal sealed class InverseScalingKind() : PhaseKind<InverseScalingAttribute>(new(1))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        k.OptionalLength(phase, Named(Formula.InverseScaling, D(peak), D(k.NonNegative(nameof(InverseScalingAttribute.Power)))));
    }
}
