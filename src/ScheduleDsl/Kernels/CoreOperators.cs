using System;
using System.Numerics;
using ScheduleDsl.Formulas;

namespace ScheduleDsl.Kernels;

/// <summary>peak·(s + (e − s)·t/T); see <see cref="Linear.At"/>.</summary>
internal readonly struct LinearOperator(double peak, double startFactor, double endFactor, double steps) : IRateOperator
{
    public double Scalar(long t) => Linear.At(t, peak, startFactor, endFactor, steps);

    public Vector<double> Vector(Vector<double> t)
        => new Vector<double>(peak)
           * (new Vector<double>(startFactor) + new Vector<double>(endFactor - startFactor) * t / new Vector<double>(steps));
}

/// <summary>final + (peak − final)·sin²(π·(T − t)/(2T)); see <see cref="Cosine.At"/>.</summary>
internal readonly struct CosineOperator(double peak, double final, double steps) : IRateOperator
{
    public double Scalar(long t) => Cosine.At(t, peak, final, steps);

    public Vector<double> Vector(Vector<double> t)
    {
        Vector<double> s = VectorMath.Sin(new Vector<double>(Math.PI) * (new Vector<double>(steps) - t) / new Vector<double>(2.0 * steps));
        return new Vector<double>(final) + new Vector<double>(peak - final) * (s * s);
    }
}

/// <summary>The cosine of t mod 2T; see <see cref="Cosine.AtPeriodic"/>. Steps must stay below 2⁵³.</summary>
internal readonly struct PeriodicCosineOperator(double peak, double final, long steps) : IRateOperator
{
    private readonly CosineOperator _cosine = new(peak, final, steps);

    public double Scalar(long t) => Cosine.AtPeriodic(t, peak, final, steps);

    public Vector<double> Vector(Vector<double> t)
    {
        // t − P·⌊t/P⌋ is exact for integer t < 2⁵³: the quotient cannot round up to the next integer.
        var period = new Vector<double>(2.0 * steps);
        return _cosine.Vector(t - period * System.Numerics.Vector.Floor(t / period));
    }
}

/// <summary>peak·γ^t evaluated as peak·exp(t·ln γ); see <see cref="Exponential.At"/>.</summary>
internal readonly struct ExponentialOperator(double peak, double gamma) : IRateOperator
{
    private readonly double _logGamma = Math.Log(gamma);

    public double Scalar(long t) => Exponential.At(t, peak, gamma);

    public Vector<double> Vector(Vector<double> t)
        => new Vector<double>(peak) * VectorMath.Exp(t * new Vector<double>(_logGamma));
}

/// <summary>(peak − final)·(1 − t/T)^p + final, the power as exp(p·ln x) unless p is 1 or 2; see <see cref="Polynomial.At"/>.</summary>
internal readonly struct PolynomialOperator(double peak, double final, double power, double steps) : IRateOperator
{
    public double Scalar(long t) => Polynomial.At(t, peak, final, power, steps);

    public Vector<double> Vector(Vector<double> t)
    {
        Vector<double> x = Vector<double>.One - t / new Vector<double>(steps);
        Vector<double> powered = power switch
        {
            1.0 => x,
            2.0 => x * x,
            _ => VectorMath.Exp(new Vector<double>(power) * VectorMath.Log(x)),
        };
        return new Vector<double>(peak - final) * powered + new Vector<double>(final);
    }
}
