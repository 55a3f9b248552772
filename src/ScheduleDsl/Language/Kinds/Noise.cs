using ScheduleDsl.Language.Model;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Language.Kinds;

// Phases that modulate the rest of the schedule instead of following it: timm's learning-rate noise.

/// <summary>[Noise]: timm's noise_range_t / noise_type / noise_pct / noise_seed, as a phase that always multiplies.</summary>
internal sealed class NoiseKind() : PhaseKind<NoiseAttribute>(new())
{
    public override bool AlwaysMultiplies => true;

    public override void Read(KindReader k, Phase phase, double peak)
    {
        bool normal = !k.Arguments.Bool(nameof(NoiseAttribute.Uniform), Defaults.Uniform);
        double pct = k.Arguments.Double(nameof(NoiseAttribute.Pct), Defaults.Pct);
        double lowest = normal ? 0.05 : 0;
        if (!IsFinite(pct) || pct <= lowest || pct >= 1)
        {
            k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(nameof(NoiseAttribute.Pct)), k.Describe(nameof(NoiseAttribute.Pct)), normal ? "in (0.05, 1) for normal noise (smaller bounds reject almost every draw: use Uniform = true)" : "in (0, 1)", Show(pct));
            pct = Defaults.Pct;
        }

        // timm seeds the draw at step t with noise_seed + t; the phase sees its local step, so the seed is moved by
        // the step it starts at (a multiplying phase starts at 0 or at its Start).
        long seed = k.Arguments.Long(nameof(NoiseAttribute.Seed), Defaults.Seed);
        if (seed < -NumericRange.MaxSteps || seed > NumericRange.MaxSteps)
        {
            k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(nameof(NoiseAttribute.Seed)), k.Describe(nameof(NoiseAttribute.Seed)), "between -2^53 and 2^53", seed);
            seed = Defaults.Seed;
        }

        long start = k.Arguments.Long(nameof(PhaseAttribute.Start), Defaults.Start);
        var function = Named(Formula.Noise, D(peak), L(unchecked(seed + (start > 0 ? start : 0))), D(pct), B(normal));
        if (k.Arguments.Has(nameof(NoiseAttribute.Steps)))
        {
            // After the range the factor is 1 again: the phase holds the rate it multiplies.
            FixedLength(phase, k.Length(nameof(NoiseAttribute.Steps)), function, peak);
        }
        else
        {
            phase.Body.Add((0, long.MaxValue, function));
        }
    }
}
