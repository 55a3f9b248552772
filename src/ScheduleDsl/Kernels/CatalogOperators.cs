using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using ScheduleDsl.Formulas;

namespace ScheduleDsl.Kernels;

/// <summary>Evaluates a scalar rate lane by lane, for kinds whose vector form would not reproduce the scalar bits.</summary>
internal static class LaneByLane
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> PerLane<TOp>(in TOp op, Vector<double> t)
        where TOp : struct, IRateOperator
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        t.CopyTo(lanes);
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = op.Scalar((long)lanes[i]); // exact: the vector path only runs below 2⁵³
        }

        return new Vector<double>(lanes);
    }
}

/// <summary>See <see cref="Formulas.Anneal.At"/>; the linear form is vectorized, the cosine form runs per lane.</summary>
internal readonly struct AnnealOperator(double from, double to, double segmentStart, double segmentEnd, bool cosine) : IRateOperator
{
    public double Scalar(long t) => Anneal.At(t, from, to, segmentStart, segmentEnd, cosine);

    public Vector<double> Vector(Vector<double> t)
    {
        if (cosine)
        {
            return LaneByLane.PerLane(this, t);
        }

        Vector<double> pct = (t - new Vector<double>(segmentStart)) / new Vector<double>(segmentEnd - segmentStart);
        return (new Vector<double>(to - from) * pct) + new Vector<double>(from);
    }
}

/// <summary>See <see cref="Formulas.Cyclic.At"/>, per lane.</summary>
internal readonly struct CyclicOperator(double low, double high, double total, double ratio, int mode, double gamma) : IRateOperator
{
    public double Scalar(long t) => Formulas.Cyclic.At(t, low, high, total, ratio, mode, gamma);

    public Vector<double> Vector(Vector<double> t) => LaneByLane.PerLane(this, t);
}

/// <summary>See <see cref="Formulas.Restarts.At"/>, per lane.</summary>
internal readonly struct RestartsOperator(double peak, double final, long firstCycle, double multiplier, double decay, long cycleLimit) : IRateOperator
{
    public double Scalar(long t) => Formulas.Restarts.At(t, peak, final, firstCycle, multiplier, decay, cycleLimit);

    public Vector<double> Vector(Vector<double> t) => LaneByLane.PerLane(this, t);
}

/// <summary>See <see cref="InverseDecay.Noam"/>, per lane.</summary>
internal readonly struct NoamOperator(double peak, double coefficient, double warmupPower) : IRateOperator
{
    public double Scalar(long t) => InverseDecay.Noam(t, peak, coefficient, warmupPower);

    public Vector<double> Vector(Vector<double> t) => LaneByLane.PerLane(this, t);
}

/// <summary>See <see cref="InverseDecay.Sqrt"/>: vectorized (square root and division are correctly rounded).</summary>
internal readonly struct InverseSqrtOperator(double peak, double timescale) : IRateOperator
{
    public double Scalar(long t) => InverseDecay.Sqrt(t, peak, timescale);

    public Vector<double> Vector(Vector<double> t)
    {
        var tau = new Vector<double>(timescale);
        return new Vector<double>(peak) * (Vector<double>.One / System.Numerics.Vector.SquareRoot((t + tau) / tau));
    }
}

/// <summary>See <see cref="InverseDecay.Time"/>: vectorized.</summary>
internal readonly struct InverseTimeOperator(double peak, double rate, double decaySteps, bool staircase) : IRateOperator
{
    public double Scalar(long t) => InverseDecay.Time(t, peak, rate, decaySteps, staircase);

    public Vector<double> Vector(Vector<double> t)
    {
        Vector<double> p = t / new Vector<double>(decaySteps);
        if (staircase)
        {
            p = System.Numerics.Vector.Floor(p);
        }

        return new Vector<double>(peak) / (Vector<double>.One + (new Vector<double>(rate) * p));
    }
}

/// <summary>See <see cref="InverseDecay.Scaling"/>, per lane.</summary>
internal readonly struct InverseScalingOperator(double peak, double power) : IRateOperator
{
    public double Scalar(long t) => InverseDecay.Scaling(t, peak, power);

    public Vector<double> Vector(Vector<double> t) => LaneByLane.PerLane(this, t);
}

/// <summary>See <see cref="Shapes.Warmup"/>, per lane.</summary>
internal readonly struct WarmupShapeOperator(double peak, double startFactor, double steps, int shape) : IRateOperator
{
    public double Scalar(long t) => Shapes.Warmup(t, peak, startFactor, steps, shape);

    public Vector<double> Vector(Vector<double> t) => LaneByLane.PerLane(this, t);
}

/// <summary>See <see cref="Shapes.Decay"/>, per lane.</summary>
internal readonly struct DecayShapeOperator(double peak, double final, double steps, int shape) : IRateOperator
{
    public double Scalar(long t) => Shapes.Decay(t, peak, final, steps, shape);

    public Vector<double> Vector(Vector<double> t) => LaneByLane.PerLane(this, t);
}

/// <summary>See <see cref="Shapes.Tanh"/>, per lane.</summary>
internal readonly struct TanhOperator(double peak, double final, double steps, double lower, double upper) : IRateOperator
{
    public double Scalar(long t) => Shapes.Tanh(t, peak, final, steps, lower, upper);

    public Vector<double> Vector(Vector<double> t) => LaneByLane.PerLane(this, t);
}

/// <summary>See <see cref="Shapes.Swa"/>, per lane.</summary>
internal readonly struct SwaOperator(double start, double swa, double steps, bool cosine) : IRateOperator
{
    public double Scalar(long t) => Shapes.Swa(t, start, swa, steps, cosine);

    public Vector<double> Vector(Vector<double> t) => LaneByLane.PerLane(this, t);
}

/// <summary>See <see cref="Shapes.ShapedCosine"/>, per lane.</summary>
internal readonly struct ShapedCosineOperator(double peak, double final, double steps, double exponent, double kDecay) : IRateOperator
{
    public double Scalar(long t) => Shapes.ShapedCosine(t, peak, final, steps, exponent, kDecay);

    public Vector<double> Vector(Vector<double> t) => LaneByLane.PerLane(this, t);
}

/// <summary>See <see cref="Exponential.Decay"/>, per lane.</summary>
internal readonly struct ExponentialDecayOperator(double peak, double rate, double decaySteps, double begin, bool staircase, double floor, double ceiling) : IRateOperator
{
    public double Scalar(long t) => Exponential.Decay(t, peak, rate, decaySteps, begin, staircase, floor, ceiling);

    public Vector<double> Vector(Vector<double> t) => LaneByLane.PerLane(this, t);
}

/// <summary>See <see cref="Polynomial.Cyclic"/>, per lane.</summary>
internal readonly struct CyclicPolynomialOperator(double peak, double final, double power, double steps) : IRateOperator
{
    public double Scalar(long t) => Polynomial.Cyclic(t, peak, final, power, steps);

    public Vector<double> Vector(Vector<double> t) => LaneByLane.PerLane(this, t);
}

/// <summary>See <see cref="Formulas.Restarts.AboveFinal"/>, per lane.</summary>
internal readonly struct RestartsAboveFinalOperator(double peak, double final, long firstCycle, double multiplier, double decay, long cycleLimit) : IRateOperator
{
    public double Scalar(long t) => Formulas.Restarts.AboveFinal(t, peak, final, firstCycle, multiplier, decay, cycleLimit);

    public Vector<double> Vector(Vector<double> t) => LaneByLane.PerLane(this, t);
}

/// <summary>See <see cref="Noise.Scaled"/>, per lane.</summary>
internal readonly struct NoiseOperator(double peak, long seed, double pct, bool normal) : IRateOperator
{
    public double Scalar(long t) => Noise.Scaled(t, peak, seed, pct, normal);

    public Vector<double> Vector(Vector<double> t) => LaneByLane.PerLane(this, t);
}
