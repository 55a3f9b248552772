using ScheduleDsl.Language.Problems;
using ScheduleDsl.Language.Model;

namespace ScheduleDsl.Language.Kinds;

// Phases that rise to the peak or hold a fraction of it: warmup, linear and constant.

/// <summary>[Warmup]: a linear (or shaped) rise from StartFactor·peak to the peak.</summary>
internal sealed class WarmupKind() : PhaseKind<WarmupAttribute>(new(1))
{
    public override bool IsWarmup => true;

    public override void Read(KindReader k, Phase phase, double peak)
    {
        long steps = k.Length(nameof(WarmupAttribute.Steps));
        // A start factor above 1 is a warmup from above the peak (Optax warmup_*_schedule with init_value > peak_value):
        // the same line, falling. The attribute's initialiser 1/(W + 1) is the default.
        double start = k.Arguments.Has(nameof(WarmupAttribute.StartFactor)) ? k.Arguments.Double(nameof(WarmupAttribute.StartFactor), 0) : new WarmupAttribute(steps).StartFactor;
        if (!IsFinite(start) || start < 0 || start * peak > NumericRange.MaxRate)
        {
            k.Report(ProblemCatalog.ValueOutOfRange, k.Arguments.LocationOf(nameof(WarmupAttribute.StartFactor)), k.Describe(nameof(WarmupAttribute.StartFactor)), "finite and non-negative (above 1 the warmup comes down to the peak)", Show(start));
            start = 0;
        }

        int shape = k.Shape();
        if (shape == Formulas.Shapes.Linear)
        {
            LinearBody(phase, peak, start, 1.0, steps);
        }
        else
        {
            FixedLength(phase, steps, Named(Formula.Warmup, D(peak), D(start), D(steps), S(shape)), peak);
        }
    }
}

/// <summary>[Linear]: PyTorch LinearLR, from startFactor·peak to endFactor·peak.</summary>
internal sealed class LinearKind() : PhaseKind<LinearAttribute>(new(1, 1, 1))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        long steps = k.Length(nameof(LinearAttribute.Steps));
        double start = k.Factor(nameof(LinearAttribute.StartFactor), k.Arguments.Double(nameof(LinearAttribute.StartFactor), 1.0));
        double end = k.Factor(nameof(LinearAttribute.EndFactor), k.Arguments.Double(nameof(LinearAttribute.EndFactor), 1.0));
        LinearBody(phase, peak, start, end, steps);
    }
}

/// <summary>[Constant]: PyTorch ConstantLR, Factor·peak for its steps, then the peak.</summary>
internal sealed class ConstantKind() : PhaseKind<ConstantAttribute>(new(1))
{
    public override void Read(KindReader k, Phase phase, double peak)
    {
        long steps = k.Length(nameof(ConstantAttribute.Steps));
        double factor = k.Factor(nameof(ConstantAttribute.Factor), k.Arguments.Double(nameof(ConstantAttribute.Factor), Defaults.Factor));
        phase.Length = steps;
        phase.Body.Add((0, steps, new RateFunction.Constant(peak * factor)));
        phase.Hold = peak;
    }
}
