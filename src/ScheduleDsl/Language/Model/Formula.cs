using System;
using System.Collections.Generic;
using ScheduleDsl.Formulas;

namespace ScheduleDsl.Language.Model;

/// <summary>
/// A formula of <c>ScheduleDsl.Formulas</c> that a <see cref="RateFunction.Named"/> calls, named with <c>nameof</c> so
/// that a misspelt or renamed formula does not compile; the name of its <c>FillKernels</c> kernel is derived here and
/// nowhere else (a reflection test checks that every formula and kernel exists with matching parameters).
/// </summary>
/// <param name="Class">The static class in <c>ScheduleDsl.Formulas</c>.</param>
/// <param name="Method">The method: the local step, then the constant arguments.</param>
internal sealed record Formula(string Class, string Method)
{
    public static readonly Formula Noam = new(nameof(InverseDecay), nameof(InverseDecay.Noam));
    public static readonly Formula InverseSqrt = new(nameof(InverseDecay), nameof(InverseDecay.Sqrt));
    public static readonly Formula InverseTime = new(nameof(InverseDecay), nameof(InverseDecay.Time));
    public static readonly Formula InverseScaling = new(nameof(InverseDecay), nameof(InverseDecay.Scaling));
    public static readonly Formula Warmup = new(nameof(Shapes), nameof(Shapes.Warmup));
    public static readonly Formula Decay = new(nameof(Shapes), nameof(Shapes.Decay));
    public static readonly Formula Tanh = new(nameof(Shapes), nameof(Shapes.Tanh));
    public static readonly Formula Swa = new(nameof(Shapes), nameof(Shapes.Swa));
    public static readonly Formula ShapedCosine = new(nameof(Shapes), nameof(Shapes.ShapedCosine));

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
    };

    /// <summary>The names of each formula's parameters after the step, for named arguments in the generated calls.</summary>
    private static readonly Dictionary<Formula, string[]> ParameterNames = new()
    {
        [Noam] = ["peak", "coefficient", "warmupPower"],
        [InverseSqrt] = ["peak", "timescale"],
        [InverseTime] = ["peak", "rate", "decaySteps", "staircase"],
        [InverseScaling] = ["peak", "power"],
        [Warmup] = ["peak", "startFactor", "steps", "shape"],
        [Decay] = ["peak", "final", "steps", "shape"],
        [Tanh] = ["peak", "final", "steps", "lower", "upper"],
        [Swa] = ["start", "swa", "steps", "cosine"],
        [ShapedCosine] = ["peak", "final", "steps", "exponent", "kDecay"],
    };

    /// <summary>The formula's parameters after the step, by name (the kernel's after the span and the step are the same).</summary>
    public IReadOnlyList<string> Parameters => ParameterNames[this];

    /// <summary>Every formula a <see cref="RateFunction.Named"/> may call.</summary>
    public static IEnumerable<Formula> All => Evaluators.Keys;

    /// <summary>The call target relative to <c>ScheduleDsl.Formulas</c>, e.g. "InverseDecay.Noam".</summary>
    public string Target => Class + "." + Method;

    /// <summary>The <c>ScheduleDsl.Kernels.FillKernels</c> method that fills a span with this formula: class and method joined.</summary>
    public string Kernel => Class + Method;

    /// <summary>The formula at local step <paramref name="t"/> with the given constant arguments.</summary>
    public double Evaluate(long t, EquatableArray<RateFunction.Argument> arguments) => Evaluators[this](t, arguments);
}
