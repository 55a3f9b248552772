using System;
using System.Linq;
using ScheduleDsl.Language.Model;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Language.Kinds;

/// <summary>
/// What a descriptor reads through: the attribute's arguments as an <see cref="IArgumentReader"/> (no Roslyn symbol
/// or syntax), the shared validators, and the <see cref="IProblemSink"/> its problems go to, located by
/// <see cref="ArgumentLocation"/> tokens, which only the host resolves.
/// </summary>
internal sealed class KindReader
{
    private readonly IProblemSink _sink;

    public KindReader(IArgumentReader arguments, IProblemSink sink)
    {
        Arguments = arguments;
        _sink = sink;
    }

    /// <summary>The attribute's arguments.</summary>
    public IArgumentReader Arguments { get; }

    /// <summary>Reports a problem at an argument of this attribute.</summary>
    public void Report(Problem problem, ArgumentLocation location, params object?[] args) => _sink.Report(problem, Arguments, location, args);

    public long Length(string name)
    {
        LengthSpec length = Arguments.Length(name, 0);
        if (!length.IsSteps)
        {
            // A string that is not a plain number of steps: malformed (the text form's SDL0114, same message), or a
            // length only the training run resolves, which both hosts resolve before the pass (the generator for two
            // nominal runs, the runtime for the real one); reaching here unresolved is a host's mistake.
            if (length.Unit == LengthUnit.Invalid)
            {
                Report(ProblemCatalog.InvalidLengthText, Arguments.LocationOf(name), length.Error);
            }
            else
            {
                Report(ProblemCatalog.BoundNotCompiled, Arguments.LocationOf(name), $"{Describe(name)} is {length}, which only a training run turns into steps");
            }

            return 1;
        }

        long value = (long)length.Value;
        if (value < 1 || value > NumericRange.MaxSteps)
        {
            Report(ProblemCatalog.InvalidLength, Arguments.LocationOf(name), Describe(name), 1, value);
            return 1;
        }

        return value;
    }

    /// <summary>A count of steps that may be 0 (an offset or a delay), from 0 to 2^53.</summary>
    public long Count(string name, long fallback)
    {
        long value = Arguments.Long(name, fallback);
        if (value < 0 || value > NumericRange.MaxSteps)
        {
            Report(ProblemCatalog.InvalidLength, Arguments.LocationOf(name), Describe(name), 0, value);
            return 0;
        }

        return value;
    }

    public double Factor(string name, double value)
    {
        if (!IsFinite(value) || value < 0 || value > 1)
        {
            Report(ProblemCatalog.InvalidFactor, Arguments.LocationOf(name), Describe(name), Show(value));
        }

        return value;
    }

    public double Gamma(string name)
    {
        double value = Arguments.Double(name, 0.1);
        if (!IsFinite(value) || value <= 0)
        {
            Report(ProblemCatalog.InvalidGamma, Arguments.LocationOf(name), Describe(name), Show(value));
        }

        return value;
    }

    /// <summary>An absolute end rate (<c>Final</c>): finite and non-negative, default 0.</summary>
    public double FinalRate()
    {
        double value = Arguments.Double("Final", 0.0);
        if (!IsFinite(value) || value < 0 || value > NumericRange.MaxRate)
        {
            Report(ProblemCatalog.InvalidRate, Arguments.LocationOf("Final"), Describe("Final"), "non-negative", Show(value));
        }

        return value;
    }

    public int Shape()
    {
        int shape = Arguments.Int("Shape", Formulas.Shapes.Linear);
        if (shape is < Formulas.Shapes.Linear or > Formulas.Shapes.OneMinusSqrt)
        {
            Report(ProblemCatalog.UndefinedEnumValue, Arguments.LocationOf("Shape"), Describe("Shape"), shape, nameof(CurveShape));
            return Formulas.Shapes.Linear;
        }

        return shape;
    }

    /// <summary>Reads <c>Anneal</c> (an <c>AnnealStrategy</c>), rejecting values the enum does not define.</summary>
    public bool IsCosineAnneal(int fallback)
    {
        int anneal = Arguments.Int("Anneal", fallback);
        if (anneal is not ((int)AnnealStrategy.Cosine or (int)AnnealStrategy.Linear))
        {
            Report(ProblemCatalog.UndefinedEnumValue, Arguments.LocationOf("Anneal"), Describe("Anneal"), anneal, nameof(AnnealStrategy));
        }

        return anneal == (int)AnnealStrategy.Cosine;
    }

    /// <summary>
    /// Reads <c>Convention</c> (a <see cref="PeerConvention"/>): an undefined value is SDL0031; one the kind gives no
    /// meaning is SDL0017, naming the ones it accepts and <paramref name="otherwise"/>, what to write instead.
    /// </summary>
    public PeerConvention Convention(string otherwise, params PeerConvention[] accepted)
    {
        const string Name = "Convention";
        int value = Arguments.Int(Name, (int)PeerConvention.Default);
        if (!Enum.IsDefined(typeof(PeerConvention), value))
        {
            Report(ProblemCatalog.UndefinedEnumValue, Arguments.LocationOf(Name), Describe(Name), value, nameof(PeerConvention));
            return PeerConvention.Default;
        }

        var convention = (PeerConvention)value;
        if (convention != PeerConvention.Default && Array.IndexOf(accepted, convention) < 0)
        {
            string names = string.Join(", ", accepted.Select(c => "PeerConvention." + c));
            Report(ProblemCatalog.ValueOutOfRange, Arguments.LocationOf(Name), Describe(Name), $"PeerConvention.Default, {names} ({otherwise})", "PeerConvention." + convention);
            return PeerConvention.Default;
        }

        return convention;
    }

    public double Momentum(string name, double fallback)
    {
        double value = Arguments.Double(name, fallback);
        if (!IsFinite(value) || value < 0 || value >= 1)
        {
            Report(ProblemCatalog.ValueOutOfRange, Arguments.LocationOf(name), Describe(name), "in [0, 1)", Show(value));
        }

        return value;
    }

    public double Positive(string name, double fallback)
    {
        double value = Arguments.Double(name, fallback);
        if (!IsFinite(value) || value <= 0)
        {
            Report(ProblemCatalog.ValueOutOfRange, Arguments.LocationOf(name), Describe(name), "finite and positive", Show(value));
            return fallback;
        }

        return value;
    }

    public double NonNegative(string name)
    {
        double value = Arguments.Double(name, 0);
        if (!IsFinite(value) || value < 0)
        {
            Report(ProblemCatalog.ValueOutOfRange, Arguments.LocationOf(name), Describe(name), "finite and non-negative", Show(value));
        }

        return value;
    }

    public double Finite(string name, double fallback)
    {
        double value = Arguments.Double(name, fallback);
        if (!IsFinite(value))
        {
            Report(ProblemCatalog.ValueOutOfRange, Arguments.LocationOf(name), Describe(name), "finite", Show(value));
        }

        return value;
    }

    public long[] Boundaries(int expected, string rule)
    {
        long[] boundaries = Arguments.Longs("boundaries");
        if (boundaries.Length != expected || expected < 0)
        {
            Report(ProblemCatalog.WrongValueCount, Arguments.Location, $"The number of boundaries of [{Arguments.Name}]", rule, boundaries.Length);
            return boundaries;
        }

        for (int i = 0; i < boundaries.Length; i++)
        {
            if (boundaries[i] < 0 || boundaries[i] > NumericRange.MaxSteps)
            {
                Report(ProblemCatalog.InvalidLength, Arguments.LocationOf("boundaries", i), "A boundary", 0, boundaries[i]);
            }
            else if (i > 0 && boundaries[i] <= boundaries[i - 1])
            {
                Report(ProblemCatalog.MilestonesNotIncreasing, Arguments.LocationOf("boundaries", i), boundaries[i], boundaries[i - 1]);
            }
        }

        return boundaries;
    }

    public void OptionalLength(Phase phase, RateFunction function)
    {
        if (Arguments.Has("Steps"))
        {
            long steps = Length("Steps");
            phase.Length = steps;
            phase.Body.Add((0, steps, function));
            phase.Hold = function.Evaluate(Math.Max(steps, 0));
        }
        else
        {
            phase.Body.Add((0, long.MaxValue, function));
        }
    }

    /// <summary>"Steps of [Cosine]": an argument as messages name it.</summary>
    public string Describe(string name) => Describe(Arguments.Name, name);

    /// <summary>"Steps of [Cosine]" for the argument <paramref name="name"/> of the kind <paramref name="kind"/>.</summary>
    public static string Describe(string kind, string name)
        => $"{char.ToUpperInvariant(name[0])}{name.Substring(1)} of [{kind}]";

    private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    private static string Show(double value) => Literal.Double(value);
}
