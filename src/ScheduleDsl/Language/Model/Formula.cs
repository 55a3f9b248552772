using System;
using System.Collections.Generic;
using ScheduleDsl.Formulas;

namespace ScheduleDsl.Language.Model;

/// <summary>
/// A formula of <c>ScheduleDsl.Formulas</c> that a rate function calls (<see cref="RateFunction.Calls"/>), named with
/// <c>nameof</c> so that a misspelt or renamed formula does not compile; the name of its <c>FillKernels</c> kernel is
/// derived here and nowhere else (<see cref="Kernel"/>), and a reflection test checks that every formula in
/// <see cref="All"/> and its kernel exist with the parameters <see cref="Parameters"/> names.
/// </summary>
/// <param name="Class">The static class in <c>ScheduleDsl.Formulas</c>.</param>
/// <param name="Method">The method: the local step, then the constant arguments.</param>
internal sealed record Formula(string Class, string Method)
{
    // The formulas of the typed rate functions, which evaluate them directly.
    public static readonly Formula Linear = new(nameof(Formulas.Linear), nameof(Formulas.Linear.At));
    public static readonly Formula Cosine = new(nameof(Formulas.Cosine), nameof(Formulas.Cosine.At));
    public static readonly Formula CosinePeriodic = new(nameof(Formulas.Cosine), nameof(Formulas.Cosine.AtPeriodic));
    public static readonly Formula Exponential = new(nameof(Formulas.Exponential), nameof(Formulas.Exponential.At));
    public static readonly Formula StepDecay = new(nameof(Formulas.StepDecay), nameof(Formulas.StepDecay.At));
    public static readonly Formula Polynomial = new(nameof(Formulas.Polynomial), nameof(Formulas.Polynomial.At));
    public static readonly Formula Anneal = new(nameof(Formulas.Anneal), nameof(Formulas.Anneal.At));
    public static readonly Formula Cyclic = new(nameof(Formulas.Cyclic), nameof(Formulas.Cyclic.At));
    public static readonly Formula Restarts = new(nameof(Formulas.Restarts), nameof(Formulas.Restarts.At));

    // The formulas a RateFunction.Named calls with its constant arguments.
    public static readonly Formula Noam = new(nameof(InverseDecay), nameof(InverseDecay.Noam));
    public static readonly Formula InverseSqrt = new(nameof(InverseDecay), nameof(InverseDecay.Sqrt));
    public static readonly Formula InverseTime = new(nameof(InverseDecay), nameof(InverseDecay.Time));
    public static readonly Formula InverseScaling = new(nameof(InverseDecay), nameof(InverseDecay.Scaling));
    public static readonly Formula Warmup = new(nameof(Shapes), nameof(Shapes.Warmup));
    public static readonly Formula Decay = new(nameof(Shapes), nameof(Shapes.Decay));
    public static readonly Formula Tanh = new(nameof(Shapes), nameof(Shapes.Tanh));
    public static readonly Formula Swa = new(nameof(Shapes), nameof(Shapes.Swa));
    public static readonly Formula ShapedCosine = new(nameof(Shapes), nameof(Shapes.ShapedCosine));
    public static readonly Formula ExponentialDecay = new(nameof(Formulas.Exponential), nameof(Formulas.Exponential.Decay));
    public static readonly Formula CyclicPolynomial = new(nameof(Formulas.Polynomial), nameof(Formulas.Polynomial.Cyclic));
    public static readonly Formula RestartsAboveFinal = new(nameof(Formulas.Restarts), nameof(Formulas.Restarts.AboveFinal));
    public static readonly Formula Noise = new(nameof(Formulas.Noise), nameof(Formulas.Noise.Scaled));

    /// <summary>Each formula with its evaluation over the constant arguments, the same call the generated code makes.</summary>
    private static readonly Dictionary<Formula, Func<long, EquatableArray<RateFunction.Argument>, double>> Evaluators = new()
    {
        [Noam] = static (t, a) => InverseDecay.Noam(t, a[0].Value, a[1].Value, a[2].Value),
        [InverseSqrt] = static (t, a) => InverseDecay.Sqrt(t, a[0].Value, a[1].Value),
        [InverseTime] = static (t, a) => InverseDecay.Time(t, a[0].Value, a[1].Value, a[2].Value, a[3].Value != 0),
        [InverseScaling] = static (t, a) => InverseDecay.Scaling(t, a[0].Value, a[1].Value),
        [Warmup] = static (t, a) => Shapes.Warmup(t, a[0].Value, a[1].Value, a[2].Value, (int)a[3].Value),
        [Decay] = static (t, a) => Shapes.Decay(t, a[0].Value, a[1].Value, a[2].Value, (int)a[3].Value),
        [Tanh] = static (t, a) => Shapes.Tanh(t, a[0].Value, a[1].Value, a[2].Value, a[3].Value, a[4].Value),
        [Swa] = static (t, a) => Shapes.Swa(t, a[0].Value, a[1].Value, a[2].Value, a[3].Value != 0),
        [ShapedCosine] = static (t, a) => Shapes.ShapedCosine(t, a[0].Value, a[1].Value, a[2].Value, a[3].Value, a[4].Value),
        [ExponentialDecay] = static (t, a) => Formulas.Exponential.Decay(t, a[0].Value, a[1].Value, a[2].Value, a[3].Value, a[4].Value != 0, a[5].Value, a[6].Value),
        [CyclicPolynomial] = static (t, a) => Formulas.Polynomial.Cyclic(t, a[0].Value, a[1].Value, a[2].Value, a[3].Value),
        [RestartsAboveFinal] = static (t, a) => Formulas.Restarts.AboveFinal(t, a[0].Value, a[1].Value, (long)a[2].Value, a[3].Value, a[4].Value, (long)a[5].Value),
        [Noise] = static (t, a) => Formulas.Noise.Scaled(t, a[0].Value, (long)a[1].Value, a[2].Value, a[3].Value != 0),
    };

    /// <summary>The names of each formula's parameters after the step, for named arguments in the generated calls.</summary>
    private static readonly Dictionary<Formula, string[]> ParameterNames = new()
    {
        [Linear] = ["peak", "startFactor", "endFactor", "steps"],
        [Cosine] = ["peak", "final", "steps"],
        [CosinePeriodic] = ["peak", "final", "steps"],
        [Exponential] = ["peak", "gamma"],
        [StepDecay] = ["peak", "gamma", "stepSize"],
        [Polynomial] = ["peak", "final", "power", "steps"],
        [Anneal] = ["start", "end", "segmentStart", "segmentEnd", "cosine"],
        [Cyclic] = ["low", "high", "total", "ratio", "mode", "gamma"],
        [Restarts] = ["peak", "final", "firstCycle", "multiplier", "decay", "cycleLimit"],
        [Noam] = ["peak", "coefficient", "warmupPower"],
        [InverseSqrt] = ["peak", "timescale"],
        [InverseTime] = ["peak", "rate", "decaySteps", "staircase"],
        [InverseScaling] = ["peak", "power"],
        [Warmup] = ["peak", "startFactor", "steps", "shape"],
        [Decay] = ["peak", "final", "steps", "shape"],
        [Tanh] = ["peak", "final", "steps", "lower", "upper"],
        [Swa] = ["start", "swa", "steps", "cosine"],
        [ShapedCosine] = ["peak", "final", "steps", "exponent", "kDecay"],
        [ExponentialDecay] = ["peak", "rate", "decaySteps", "begin", "staircase", "floor", "ceiling"],
        [CyclicPolynomial] = ["peak", "final", "power", "steps"],
        [RestartsAboveFinal] = ["peak", "final", "firstCycle", "multiplier", "decay", "cycleLimit"],
        [Noise] = ["peak", "seed", "pct", "normal"],
    };

    /// <summary>The formula's parameters after the step, by name (the kernel's after the span and the step are the same).</summary>
    public IReadOnlyList<string> Parameters => ParameterNames[this];

    /// <summary>Every formula a rate function may call.</summary>
    public static IEnumerable<Formula> All => ParameterNames.Keys;

    /// <summary>Every formula a <see cref="RateFunction.Named"/> may call (<see cref="Evaluate"/> knows them).</summary>
    public static IEnumerable<Formula> Named => Evaluators.Keys;

    /// <summary>The call target relative to <c>ScheduleDsl.Formulas</c>, e.g. "InverseDecay.Noam".</summary>
    public string Target => Class + "." + Method;

    /// <summary>
    /// The <c>ScheduleDsl.Kernels.FillKernels</c> method that fills a span with this formula: the class and the method
    /// joined, without the method's <c>At</c> prefix (<c>Linear.At</c> → <c>Linear</c>, <c>Cosine.AtPeriodic</c> →
    /// <c>CosinePeriodic</c>, <c>Shapes.Tanh</c> → <c>ShapesTanh</c>).
    /// </summary>
    public string Kernel => Class + (Method.StartsWith("At", StringComparison.Ordinal) ? Method.Substring(2) : Method);

    /// <summary>The formula at local step <paramref name="t"/> with the given constant arguments (a <see cref="Named"/> formula only).</summary>
    public double Evaluate(long t, EquatableArray<RateFunction.Argument> arguments) => Evaluators[this](t, arguments);
}
