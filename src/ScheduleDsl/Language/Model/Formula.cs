using System;
using System.Collections.Generic;
using ScheduleDsl.Formulas;
#if NET
using ScheduleDsl.Kernels;
#endif

namespace ScheduleDsl.Language.Model;

/// <summary>
/// A formula of <c>ScheduleDsl.Formulas</c> that a rate function calls (<see cref="RateFunction.Calls"/>), named with
/// <c>nameof</c> so that a misspelt or renamed formula does not compile. This table is the one place that knows each
/// formula's parameters, how its constant arguments unpack into the call (<see cref="Evaluate"/>), and, in the runtime
/// library, which <c>FillKernels</c> kernel fills a span with it (<see cref="Fill"/>): the oracle, the generator's
/// facts and the run-time schedules all evaluate through it, so a new formula is one entry here. The name of its
/// kernel is derived here and nowhere else (<see cref="Kernel"/>), and a reflection test checks that every formula in
/// <see cref="All"/> and its kernel exist with the parameters <see cref="Parameters"/> names.
/// </summary>
/// <remarks>
/// Arguments travel as doubles in the order of <see cref="Parameters"/>: an int, a long or a bool argument is its
/// value as a double (a bool is 1 or 0), exact for every integer below 2^53.
/// </remarks>
/// <param name="Class">The static class in <c>ScheduleDsl.Formulas</c>.</param>
/// <param name="Method">The method: the local step, then the constant arguments.</param>
internal sealed record Formula(string Class, string Method)
{
    public static readonly Formula Linear = new(
        nameof(Formulas.Linear), nameof(Formulas.Linear.At), ["peak", "startFactor", "endFactor", "steps"],
        static (t, a) => Formulas.Linear.At(t, a[0], a[1], a[2], a[3])
#if NET
        , static (s, t, a) => FillKernels.Linear(s, t, a[0], a[1], a[2], a[3])
#endif
        );

    public static readonly Formula Cosine = new(
        nameof(Formulas.Cosine), nameof(Formulas.Cosine.At), ["peak", "final", "steps"],
        static (t, a) => Formulas.Cosine.At(t, a[0], a[1], a[2])
#if NET
        , static (s, t, a) => FillKernels.Cosine(s, t, a[0], a[1], a[2])
#endif
        );

    public static readonly Formula CosinePeriodic = new(
        nameof(Formulas.Cosine), nameof(Formulas.Cosine.AtPeriodic), ["peak", "final", "steps"],
        static (t, a) => Formulas.Cosine.AtPeriodic(t, a[0], a[1], (long)a[2])
#if NET
        , static (s, t, a) => FillKernels.CosinePeriodic(s, t, a[0], a[1], (long)a[2])
#endif
        );

    public static readonly Formula Exponential = new(
        nameof(Formulas.Exponential), nameof(Formulas.Exponential.At), ["peak", "gamma"],
        static (t, a) => Formulas.Exponential.At(t, a[0], a[1])
#if NET
        , static (s, t, a) => FillKernels.Exponential(s, t, a[0], a[1])
#endif
        );

    public static readonly Formula StepDecay = new(
        nameof(Formulas.StepDecay), nameof(Formulas.StepDecay.At), ["peak", "gamma", "stepSize"],
        static (t, a) => Formulas.StepDecay.At(t, a[0], a[1], (long)a[2])
#if NET
        , static (s, t, a) => FillKernels.StepDecay(s, t, a[0], a[1], (long)a[2])
#endif
        );

    public static readonly Formula Polynomial = new(
        nameof(Formulas.Polynomial), nameof(Formulas.Polynomial.At), ["peak", "final", "power", "steps"],
        static (t, a) => Formulas.Polynomial.At(t, a[0], a[1], a[2], a[3])
#if NET
        , static (s, t, a) => FillKernels.Polynomial(s, t, a[0], a[1], a[2], a[3])
#endif
        );

    public static readonly Formula Anneal = new(
        nameof(Formulas.Anneal), nameof(Formulas.Anneal.At), ["start", "end", "segmentStart", "segmentEnd", "cosine"],
        static (t, a) => Formulas.Anneal.At(t, a[0], a[1], a[2], a[3], a[4] != 0)
#if NET
        , static (s, t, a) => FillKernels.Anneal(s, t, a[0], a[1], a[2], a[3], a[4] != 0)
#endif
        );

    public static readonly Formula Cyclic = new(
        nameof(Formulas.Cyclic), nameof(Formulas.Cyclic.At), ["low", "high", "total", "ratio", "mode", "gamma"],
        static (t, a) => Formulas.Cyclic.At(t, a[0], a[1], a[2], a[3], (int)a[4], a[5])
#if NET
        , static (s, t, a) => FillKernels.Cyclic(s, t, a[0], a[1], a[2], a[3], (int)a[4], a[5])
#endif
        );

    public static readonly Formula Restarts = new(
        nameof(Formulas.Restarts), nameof(Formulas.Restarts.At), ["peak", "final", "firstCycle", "multiplier", "decay", "cycleLimit"],
        static (t, a) => Formulas.Restarts.At(t, a[0], a[1], (long)a[2], a[3], a[4], (long)a[5])
#if NET
        , static (s, t, a) => FillKernels.Restarts(s, t, a[0], a[1], (long)a[2], a[3], a[4], (long)a[5])
#endif
        );

    public static readonly Formula Noam = new(
        nameof(InverseDecay), nameof(InverseDecay.Noam), ["peak", "coefficient", "warmupPower"],
        static (t, a) => InverseDecay.Noam(t, a[0], a[1], a[2])
#if NET
        , static (s, t, a) => FillKernels.InverseDecayNoam(s, t, a[0], a[1], a[2])
#endif
        );

    public static readonly Formula InverseSqrt = new(
        nameof(InverseDecay), nameof(InverseDecay.Sqrt), ["peak", "timescale"],
        static (t, a) => InverseDecay.Sqrt(t, a[0], a[1])
#if NET
        , static (s, t, a) => FillKernels.InverseDecaySqrt(s, t, a[0], a[1])
#endif
        );

    public static readonly Formula InverseTime = new(
        nameof(InverseDecay), nameof(InverseDecay.Time), ["peak", "rate", "decaySteps", "staircase"],
        static (t, a) => InverseDecay.Time(t, a[0], a[1], a[2], a[3] != 0)
#if NET
        , static (s, t, a) => FillKernels.InverseDecayTime(s, t, a[0], a[1], a[2], a[3] != 0)
#endif
        );

    public static readonly Formula InverseScaling = new(
        nameof(InverseDecay), nameof(InverseDecay.Scaling), ["peak", "power"],
        static (t, a) => InverseDecay.Scaling(t, a[0], a[1])
#if NET
        , static (s, t, a) => FillKernels.InverseDecayScaling(s, t, a[0], a[1])
#endif
        );

    public static readonly Formula Warmup = new(
        nameof(Shapes), nameof(Shapes.Warmup), ["peak", "startFactor", "steps", "shape"],
        static (t, a) => Shapes.Warmup(t, a[0], a[1], a[2], (int)a[3])
#if NET
        , static (s, t, a) => FillKernels.ShapesWarmup(s, t, a[0], a[1], a[2], (int)a[3])
#endif
        );

    public static readonly Formula Decay = new(
        nameof(Shapes), nameof(Shapes.Decay), ["peak", "final", "steps", "shape"],
        static (t, a) => Shapes.Decay(t, a[0], a[1], a[2], (int)a[3])
#if NET
        , static (s, t, a) => FillKernels.ShapesDecay(s, t, a[0], a[1], a[2], (int)a[3])
#endif
        );

    public static readonly Formula Tanh = new(
        nameof(Shapes), nameof(Shapes.Tanh), ["peak", "final", "steps", "lower", "upper"],
        static (t, a) => Shapes.Tanh(t, a[0], a[1], a[2], a[3], a[4])
#if NET
        , static (s, t, a) => FillKernels.ShapesTanh(s, t, a[0], a[1], a[2], a[3], a[4])
#endif
        );

    public static readonly Formula Swa = new(
        nameof(Shapes), nameof(Shapes.Swa), ["start", "swa", "steps", "cosine"],
        static (t, a) => Shapes.Swa(t, a[0], a[1], a[2], a[3] != 0)
#if NET
        , static (s, t, a) => FillKernels.ShapesSwa(s, t, a[0], a[1], a[2], a[3] != 0)
#endif
        );

    public static readonly Formula ShapedCosine = new(
        nameof(Shapes), nameof(Shapes.ShapedCosine), ["peak", "final", "steps", "exponent", "kDecay"],
        static (t, a) => Shapes.ShapedCosine(t, a[0], a[1], a[2], a[3], a[4])
#if NET
        , static (s, t, a) => FillKernels.ShapesShapedCosine(s, t, a[0], a[1], a[2], a[3], a[4])
#endif
        );

    public static readonly Formula ExponentialDecay = new(
        nameof(Formulas.Exponential), nameof(Formulas.Exponential.Decay), ["peak", "rate", "decaySteps", "begin", "staircase", "floor", "ceiling"],
        static (t, a) => Formulas.Exponential.Decay(t, a[0], a[1], a[2], a[3], a[4] != 0, a[5], a[6])
#if NET
        , static (s, t, a) => FillKernels.ExponentialDecay(s, t, a[0], a[1], a[2], a[3], a[4] != 0, a[5], a[6])
#endif
        );

    public static readonly Formula CyclicPolynomial = new(
        nameof(Formulas.Polynomial), nameof(Formulas.Polynomial.Cyclic), ["peak", "final", "power", "steps"],
        static (t, a) => Formulas.Polynomial.Cyclic(t, a[0], a[1], a[2], a[3])
#if NET
        , static (s, t, a) => FillKernels.PolynomialCyclic(s, t, a[0], a[1], a[2], a[3])
#endif
        );

    public static readonly Formula RestartsAboveFinal = new(
        nameof(Formulas.Restarts), nameof(Formulas.Restarts.AboveFinal), ["peak", "final", "firstCycle", "multiplier", "decay", "cycleLimit"],
        static (t, a) => Formulas.Restarts.AboveFinal(t, a[0], a[1], (long)a[2], a[3], a[4], (long)a[5])
#if NET
        , static (s, t, a) => FillKernels.RestartsAboveFinal(s, t, a[0], a[1], (long)a[2], a[3], a[4], (long)a[5])
#endif
        );

    public static readonly Formula Noise = new(
        nameof(Formulas.Noise), nameof(Formulas.Noise.Scaled), ["peak", "seed", "pct", "normal"],
        static (t, a) => Formulas.Noise.Scaled(t, a[0], (long)a[1], a[2], a[3] != 0)
#if NET
        , static (s, t, a) => FillKernels.NoiseScaled(s, t, a[0], (long)a[1], a[2], a[3] != 0)
#endif
        );

    /// <summary>Every formula a rate function may call.</summary>
    public static readonly IReadOnlyList<Formula> All =
    [
        Linear, Cosine, CosinePeriodic, Exponential, StepDecay, Polynomial, Anneal, Cyclic, Restarts,
        Noam, InverseSqrt, InverseTime, InverseScaling, Warmup, Decay, Tanh, Swa, ShapedCosine, ExponentialDecay,
        CyclicPolynomial, RestartsAboveFinal, Noise,
    ];

    private readonly string[] _parameters = [];
    private readonly Evaluator _evaluate = static (_, _) => double.NaN;

#if NET
    private readonly FillKernel _fill = static (_, _, _) => { };

    private Formula(string @class, string method, string[] parameters, Evaluator evaluate, FillKernel fill)
        : this(@class, method)
    {
        _parameters = parameters;
        _evaluate = evaluate;
        _fill = fill;
    }
#else
    private Formula(string @class, string method, string[] parameters, Evaluator evaluate)
        : this(@class, method)
    {
        _parameters = parameters;
        _evaluate = evaluate;
    }
#endif

    /// <summary>The formula at a local step with its constant arguments, in the order of <see cref="Parameters"/>.</summary>
    /// <param name="t">The local step.</param>
    /// <param name="arguments">The arguments after the step, as doubles.</param>
    /// <returns>The rate: the formula's own result, bit for bit.</returns>
    public delegate double Evaluator(long t, double[] arguments);

    /// <summary>The formula's parameters after the step, by name (the kernel's after the span and the step are the same).</summary>
    public IReadOnlyList<string> Parameters => _parameters;

    /// <summary>The evaluation of this formula over its constant arguments: the call the generated code makes.</summary>
    public Evaluator Evaluate => _evaluate;

    /// <summary>The call target relative to <c>ScheduleDsl.Formulas</c>, e.g. "InverseDecay.Noam".</summary>
    public string Target => Class + "." + Method;

    /// <summary>
    /// The <c>ScheduleDsl.Kernels.FillKernels</c> method that fills a span with this formula: the class and the method
    /// joined, without the method's <c>At</c> prefix (<c>Linear.At</c> → <c>Linear</c>, <c>Cosine.AtPeriodic</c> →
    /// <c>CosinePeriodic</c>, <c>Shapes.Tanh</c> → <c>ShapesTanh</c>).
    /// </summary>
    public string Kernel => Class + (Method.StartsWith("At", StringComparison.Ordinal) ? Method.Substring(2) : Method);

#if NET
    /// <summary>Fills a span from a local step with the formula's <c>FillKernels</c> kernel over its constant arguments.</summary>
    /// <param name="destination">The elements to write.</param>
    /// <param name="firstStep">The local step of the first element.</param>
    /// <param name="arguments">The arguments after the step, as for <see cref="Evaluator"/>.</param>
    public delegate void FillKernel(Span<float> destination, long firstStep, double[] arguments);

    /// <summary>The <see cref="Kernel"/> call of this formula (the runtime library only; the generator writes the call as text).</summary>
    public FillKernel Fill => _fill;
#endif

    /// <summary>Formulas are equal by their target; the evaluators are fixed by it.</summary>
    /// <param name="other">The other formula.</param>
    /// <returns>Whether both name the same method.</returns>
    public bool Equals(Formula? other) => other is not null && Class == other.Class && Method == other.Method;

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Class) ^ StringComparer.Ordinal.GetHashCode(Method);
}
