using System;
using System.Linq;
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
        double start = k.Factor(nameof(WarmupAttribute.StartFactor), k.Arguments.Has(nameof(WarmupAttribute.StartFactor)) ? k.Arguments.Double(nameof(WarmupAttribute.StartFactor), 0) : 1.0 / (steps + 1.0));
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
