using System;
using System.Linq;
using ScheduleDsl.Language.Problems;
using ScheduleDsl.Language.Model;

namespace ScheduleDsl.Language.Kinds;

// Phases given as a table of factors at boundaries: piecewise constant and interpolated.

/// <summary>[Piecewise]: Optax piecewise_constant_schedule.</summary>
internal sealed class PiecewiseKind() : PhaseKind<PiecewiseAttribute>(new([]))
{
    public override string? LengthArgument => null;

    public override void Read(KindReader k, Phase phase, double peak)
    {
        double[] factors = k.Arguments.Doubles(nameof(PiecewiseAttribute.Factors));
        long[] boundaries = k.Boundaries(factors.Length - 1, "one fewer than the factors");
        bool after = k.Arguments.Bool(nameof(PiecewiseAttribute.ChangeAfterBoundary), Defaults.ChangeAfterBoundary);
        long from = 0;
        for (int i = 0; i < factors.Length; i++)
        {
            k.Factor(nameof(PiecewiseAttribute.Factors), factors[i]);
            long to = i < boundaries.Length ? boundaries[i] + (after ? 1 : 0) : long.MaxValue;
            if (to > from)
            {
                phase.Body.Add((from, to, new RateFunction.Constant(peak * factors[i])));
                from = to;
            }
        }
    }
}

/// <summary>[Interpolate]: Optax piecewise_interpolate_schedule.</summary>
internal sealed class InterpolateKind() : PhaseKind<InterpolateAttribute>(new([]))
{
    public override string? LengthArgument => null;

    public override void Read(KindReader k, Phase phase, double peak)
    {
        double[] factors = k.Arguments.Doubles(nameof(InterpolateAttribute.Factors));
        if (factors.Length == 0)
        {
            k.Report(ProblemCatalog.WrongValueCount, k.Arguments.LocationOf(nameof(InterpolateAttribute.Factors)), "The number of factors of [Interpolate]", "at least 1", 0);
        }

        long[] boundaries = k.Boundaries(factors.Length, "as many as the factors");
        bool cosine = k.IsCosineAnneal((int)Defaults.Anneal);
        for (int i = 0; i < factors.Length; i++)
        {
            k.Factor(nameof(InterpolateAttribute.Factors), factors[i]);
        }

        if (factors.Length > 0 && boundaries.Length == factors.Length)
        {
            if (boundaries[0] > 0)
            {
                phase.Body.Add((0, boundaries[0], new RateFunction.Constant(peak * factors[0])));
            }

            for (int i = 0; i + 1 < factors.Length; i++)
            {
                if (boundaries[i + 1] > boundaries[i])
                {
                    phase.Body.Add((boundaries[i], boundaries[i + 1], new RateFunction.Anneal(peak * factors[i], peak * factors[i + 1], boundaries[i], boundaries[i + 1], cosine)));
                }
            }

            phase.Body.Add((boundaries[boundaries.Length - 1], long.MaxValue, new RateFunction.Constant(peak * factors[factors.Length - 1])));
        }
    }
}
