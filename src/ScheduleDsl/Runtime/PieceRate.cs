using System;

using ScheduleDsl.Kernels;
using ScheduleDsl.Language.Model;

namespace ScheduleDsl.Runtime;

/// <summary>
/// One piece's rate at run time: the call the generated code makes for a <see cref="RateFunction"/>, to the same
/// <c>ScheduleDsl.Formulas</c> method with the same argument values for <see cref="At"/>, and to the same
/// <see cref="FillKernels"/> kernel for <see cref="Fill"/>, so that a run-time schedule gives the compiled schedule's
/// bits. One small sealed class per formula: a schedule holds an array of them and dispatches once per call.
/// </summary>
internal abstract class PieceRate
{
    /// <summary>The rate at the piece-local step <paramref name="local"/>, as the generated <c>At</c> computes it.</summary>
    public abstract double At(long local);

    /// <summary>Fills <paramref name="segment"/> from the piece-local step <paramref name="local"/>, as the generated <c>Fill</c> does.</summary>
    public abstract void Fill(Span<float> segment, long local);

    /// <summary>The evaluator of <paramref name="function"/>.</summary>
    /// <exception cref="NotSupportedException">A rate function this runtime does not know (a kind added to the model but not here).</exception>
    public static PieceRate Of(RateFunction function) => function switch
    {
        RateFunction.Constant c => new ConstantRate(c.Value),
        RateFunction.Linear l => new LinearRate(l.Peak, l.StartFactor, l.EndFactor, l.Steps),
        RateFunction.Cosine { Periodic: true } c => new PeriodicCosineRate(c.Peak, c.Final, c.Steps),
        RateFunction.Cosine c => new CosineRate(c.Peak, c.Final, c.Steps),
        RateFunction.Exponential e => new ExponentialRate(e.Peak, e.Gamma),
        RateFunction.StepDecay s => new StepDecayRate(s.Peak, s.Gamma, s.StepSize),
        RateFunction.Polynomial p => new PolynomialRate(p.Peak, p.Final, p.Power, p.Steps),
        RateFunction.Anneal a => new AnnealRate(a.From, a.To, a.SegmentStart, a.SegmentEnd, a.IsCosine),
        RateFunction.Cyclic c => new CyclicRate(c.Low, c.High, c.Total, c.Ratio, c.Mode, c.Gamma),
        RateFunction.Restarts r => new RestartsRate(r.Peak, r.Final, r.FirstCycle, r.Multiplier, r.Decay, r.CycleLimit),
        RateFunction.Named n => Named(n.Formula, n.Arguments),
        RateFunction.Product p => ProductRate.Of(p),
        _ => throw new NotSupportedException($"The run-time schedule has no evaluator for {function.GetType().Name}."),
    };

    private static PieceRate Named(Formula formula, EquatableArray<RateFunction.Argument> a)
    {
        double D(int i) => a[i].Value;
        int I(int i) => (int)a[i].Value;
        bool B(int i) => a[i].Value != 0;
        if (formula == Formula.Noam)
        {
            return new NoamRate(D(0), D(1), D(2));
        }

        if (formula == Formula.InverseSqrt)
        {
            return new InverseSqrtRate(D(0), D(1));
        }

        if (formula == Formula.InverseTime)
        {
            return new InverseTimeRate(D(0), D(1), D(2), B(3));
        }

        if (formula == Formula.InverseScaling)
        {
            return new InverseScalingRate(D(0), D(1));
        }

        if (formula == Formula.Warmup)
        {
            return new WarmupRate(D(0), D(1), D(2), I(3));
        }

        if (formula == Formula.Decay)
        {
            return new DecayRate(D(0), D(1), D(2), I(3));
        }

        if (formula == Formula.Tanh)
        {
            return new TanhRate(D(0), D(1), D(2), D(3), D(4));
        }

        if (formula == Formula.Swa)
        {
            return new SwaRate(D(0), D(1), D(2), B(3));
        }

        if (formula == Formula.ExponentialDecay)
        {
            return new ExponentialDecayRate(D(0), D(1), D(2), D(3), B(4), D(5), D(6));
        }

        if (formula == Formula.CyclicPolynomial)
        {
            return new CyclicPolynomialRate(D(0), D(1), D(2), D(3));
        }

        if (formula == Formula.RestartsAboveFinal)
        {
            return new RestartsAboveFinalRate(D(0), D(1), (long)D(2), D(3), D(4), (long)D(5));
        }

        if (formula == Formula.Noise)
        {
            return new NoiseRate(D(0), (long)D(1), D(2), B(3));
        }

        return formula == Formula.ShapedCosine
            ? new ShapedCosineRate(D(0), D(1), D(2), D(3), D(4))
            : throw new NotSupportedException($"The run-time schedule has no evaluator for the formula {formula.Target}.");
    }
}

internal sealed class ConstantRate(double value) : PieceRate
{
    public override double At(long local) => value;

    public override void Fill(Span<float> segment, long local) => segment.Fill((float)value);
}

internal sealed class LinearRate(double peak, double startFactor, double endFactor, double steps) : PieceRate
{
    public override double At(long local) => Formulas.Linear.At(local, peak, startFactor, endFactor, steps);

    public override void Fill(Span<float> segment, long local) => FillKernels.Linear(segment, local, peak, startFactor, endFactor, steps);
}

internal sealed class CosineRate(double peak, double final, double steps) : PieceRate
{
    public override double At(long local) => Formulas.Cosine.At(local, peak, final, steps);

    public override void Fill(Span<float> segment, long local) => FillKernels.Cosine(segment, local, peak, final, steps);
}

internal sealed class PeriodicCosineRate(double peak, double final, long steps) : PieceRate
{
    public override double At(long local) => Formulas.Cosine.AtPeriodic(local, peak, final, steps);

    public override void Fill(Span<float> segment, long local) => FillKernels.CosinePeriodic(segment, local, peak, final, steps);
}

internal sealed class ExponentialRate(double peak, double gamma) : PieceRate
{
    public override double At(long local) => Formulas.Exponential.At(local, peak, gamma);

    public override void Fill(Span<float> segment, long local) => FillKernels.Exponential(segment, local, peak, gamma);
}

internal sealed class StepDecayRate(double peak, double gamma, long stepSize) : PieceRate
{
    public override double At(long local) => Formulas.StepDecay.At(local, peak, gamma, stepSize);

    public override void Fill(Span<float> segment, long local) => FillKernels.StepDecay(segment, local, peak, gamma, stepSize);
}

internal sealed class PolynomialRate(double peak, double final, double power, double steps) : PieceRate
{
    public override double At(long local) => Formulas.Polynomial.At(local, peak, final, power, steps);

    public override void Fill(Span<float> segment, long local) => FillKernels.Polynomial(segment, local, peak, final, power, steps);
}

internal sealed class AnnealRate(double start, double end, double segmentStart, double segmentEnd, bool cosine) : PieceRate
{
    public override double At(long local) => Formulas.Anneal.At(local, start, end, segmentStart, segmentEnd, cosine);

    public override void Fill(Span<float> segment, long local) => FillKernels.Anneal(segment, local, start, end, segmentStart, segmentEnd, cosine);
}

internal sealed class CyclicRate(double low, double high, double total, double ratio, int mode, double gamma) : PieceRate
{
    public override double At(long local) => Formulas.Cyclic.At(local, low, high, total, ratio, mode, gamma);

    public override void Fill(Span<float> segment, long local) => FillKernels.Cyclic(segment, local, low, high, total, ratio, mode, gamma);
}

internal sealed class RestartsRate(double peak, double final, long firstCycle, double multiplier, double decay, long cycleLimit) : PieceRate
{
    public override double At(long local) => Formulas.Restarts.At(local, peak, final, firstCycle, multiplier, decay, cycleLimit);

    public override void Fill(Span<float> segment, long local) => FillKernels.Restarts(segment, local, peak, final, firstCycle, multiplier, decay, cycleLimit);
}

internal sealed class NoamRate(double peak, double coefficient, double warmupPower) : PieceRate
{
    public override double At(long local) => Formulas.InverseDecay.Noam(local, peak, coefficient, warmupPower);

    public override void Fill(Span<float> segment, long local) => FillKernels.InverseDecayNoam(segment, local, peak, coefficient, warmupPower);
}

internal sealed class InverseSqrtRate(double peak, double timescale) : PieceRate
{
    public override double At(long local) => Formulas.InverseDecay.Sqrt(local, peak, timescale);

    public override void Fill(Span<float> segment, long local) => FillKernels.InverseDecaySqrt(segment, local, peak, timescale);
}

internal sealed class InverseTimeRate(double peak, double rate, double decaySteps, bool staircase) : PieceRate
{
    public override double At(long local) => Formulas.InverseDecay.Time(local, peak, rate, decaySteps, staircase);

    public override void Fill(Span<float> segment, long local) => FillKernels.InverseDecayTime(segment, local, peak, rate, decaySteps, staircase);
}

internal sealed class InverseScalingRate(double peak, double power) : PieceRate
{
    public override double At(long local) => Formulas.InverseDecay.Scaling(local, peak, power);

    public override void Fill(Span<float> segment, long local) => FillKernels.InverseDecayScaling(segment, local, peak, power);
}

internal sealed class WarmupRate(double peak, double startFactor, double steps, int shape) : PieceRate
{
    public override double At(long local) => Formulas.Shapes.Warmup(local, peak, startFactor, steps, shape);

    public override void Fill(Span<float> segment, long local) => FillKernels.ShapesWarmup(segment, local, peak, startFactor, steps, shape);
}

internal sealed class DecayRate(double peak, double final, double steps, int shape) : PieceRate
{
    public override double At(long local) => Formulas.Shapes.Decay(local, peak, final, steps, shape);

    public override void Fill(Span<float> segment, long local) => FillKernels.ShapesDecay(segment, local, peak, final, steps, shape);
}

internal sealed class TanhRate(double peak, double final, double steps, double lower, double upper) : PieceRate
{
    public override double At(long local) => Formulas.Shapes.Tanh(local, peak, final, steps, lower, upper);

    public override void Fill(Span<float> segment, long local) => FillKernels.ShapesTanh(segment, local, peak, final, steps, lower, upper);
}

internal sealed class SwaRate(double start, double swa, double steps, bool cosine) : PieceRate
{
    public override double At(long local) => Formulas.Shapes.Swa(local, start, swa, steps, cosine);

    public override void Fill(Span<float> segment, long local) => FillKernels.ShapesSwa(segment, local, start, swa, steps, cosine);
}

internal sealed class ShapedCosineRate(double peak, double final, double steps, double exponent, double kDecay) : PieceRate
{
    public override double At(long local) => Formulas.Shapes.ShapedCosine(local, peak, final, steps, exponent, kDecay);

    public override void Fill(Span<float> segment, long local) => FillKernels.ShapesShapedCosine(segment, local, peak, final, steps, exponent, kDecay);
}

internal sealed class ExponentialDecayRate(double peak, double rate, double decaySteps, double begin, bool staircase, double floor, double ceiling) : PieceRate
{
    public override double At(long local) => Formulas.Exponential.Decay(local, peak, rate, decaySteps, begin, staircase, floor, ceiling);

    public override void Fill(Span<float> segment, long local) => FillKernels.ExponentialDecay(segment, local, peak, rate, decaySteps, begin, staircase, floor, ceiling);
}

internal sealed class CyclicPolynomialRate(double peak, double final, double power, double steps) : PieceRate
{
    public override double At(long local) => Formulas.Polynomial.Cyclic(local, peak, final, power, steps);

    public override void Fill(Span<float> segment, long local) => FillKernels.PolynomialCyclic(segment, local, peak, final, power, steps);
}

internal sealed class RestartsAboveFinalRate(double peak, double final, long firstCycle, double multiplier, double decay, long cycleLimit) : PieceRate
{
    public override double At(long local) => Formulas.Restarts.AboveFinal(local, peak, final, firstCycle, multiplier, decay, cycleLimit);

    public override void Fill(Span<float> segment, long local) => FillKernels.RestartsAboveFinal(segment, local, peak, final, firstCycle, multiplier, decay, cycleLimit);
}

internal sealed class NoiseRate(double peak, long seed, double pct, bool normal) : PieceRate
{
    public override double At(long local) => Formulas.Noise.Scaled(local, peak, seed, pct, normal);

    public override void Fill(Span<float> segment, long local) => FillKernels.NoiseScaled(segment, local, peak, seed, pct, normal);
}

/// <summary>
/// A multiplying phase times the rest of the schedule, as the generated expression: a constant factor folded to
/// its value divided by the peak (the right one first, as the generator matches), else left·right/peak; filled
/// element by element, as the generated loop does.
/// </summary>
internal sealed class ProductRate : PieceRate
{
    private readonly PieceRate _left;
    private readonly long _leftOrigin;
    private readonly PieceRate _right;
    private readonly long _rightOrigin;
    private readonly double _peak;

    /// <summary>0: both curves; 1: the right factor is the constant <see cref="_folded"/>; 2: the left is.</summary>
    private readonly int _mode;
    private readonly double _folded;

    private ProductRate(PieceRate left, long leftOrigin, PieceRate right, long rightOrigin, double peak, int mode, double folded)
    {
        _left = left;
        _leftOrigin = leftOrigin;
        _right = right;
        _rightOrigin = rightOrigin;
        _peak = peak;
        _mode = mode;
        _folded = folded;
    }

    public static ProductRate Of(RateFunction.Product p) => (p.Left, p.Right) switch
    {
        (_, RateFunction.Constant right) => new ProductRate(PieceRate.Of(p.Left), p.LeftOrigin, PieceRate.Of(p.Right), p.RightOrigin, p.Peak, 1, right.Value / p.Peak),
        (RateFunction.Constant left, _) => new ProductRate(PieceRate.Of(p.Left), p.LeftOrigin, PieceRate.Of(p.Right), p.RightOrigin, p.Peak, 2, left.Value / p.Peak),
        _ => new ProductRate(PieceRate.Of(p.Left), p.LeftOrigin, PieceRate.Of(p.Right), p.RightOrigin, p.Peak, 0, double.NaN),
    };

    public override double At(long local) => _mode switch
    {
        1 => _left.At(local - _leftOrigin) * _folded,
        2 => _folded * _right.At(local - _rightOrigin),
        _ => _left.At(local - _leftOrigin) * _right.At(local - _rightOrigin) / _peak,
    };

    public override void Fill(Span<float> segment, long local)
    {
        for (int i = 0; i < segment.Length; i++)
        {
            segment[i] = (float)At(local + i);
        }
    }
}

/// <summary>The leaf past the end of a schedule declared with <c>End = EndBehavior.Throw</c>: it throws as the generated one does.</summary>
internal sealed class PastEndRate(long totalSteps, string name) : PieceRate
{
    public override double At(long local) => ScheduleGuard.RatePastEnd(local + totalSteps, totalSteps, name);

    public override void Fill(Span<float> segment, long local) => throw new InvalidOperationException("FillCursor rejects a range past the end before any piece is filled.");
}
