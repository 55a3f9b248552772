using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using ScheduleDsl.Language.Model;

namespace ScheduleDsl.Language.Kinds;

/// <summary>
/// One schedule kind, keyed by its attribute type: it reads the attribute's arguments (through
/// <see cref="KindReader"/>, which knows no Roslyn symbol), validates them, and lays out the phase's curve. Its traits
/// replace comparisons against kind names elsewhere. Descriptors are static singletons, never part of a cached model.
/// </summary>
internal abstract class PhaseKind
{
    /// <summary>What the text form reads of an attribute class by reflection (kept by the trimmer).</summary>
    protected const DynamicallyAccessedMemberTypes AttributeMembers = DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties;

    private const string Suffix = "Attribute";

    /// <summary>The remedy of a decay factor above 1 on a phase that may run for ever.</summary>
    protected const string FactorRemedy = "a factor above 1 grows without bound, so use one of at most 1 or end the phase earlier with Steps = ...";

    private protected PhaseKind(string attributeName)
    {
        AttributeName = attributeName;
        Name = attributeName.Substring(0, attributeName.Length - Suffix.Length);
    }

    /// <summary>The attribute class's name, from <c>nameof</c>: the key the registry finds the kind by.</summary>
    public string AttributeName { get; }

    /// <summary>The attribute's name as written in documentation and messages, e.g. "Cosine".</summary>
    public string Name { get; }

    /// <summary>The attribute class, whose constructors and properties the text form binds arguments to.</summary>
    [DynamicallyAccessedMembers(AttributeMembers)]
    public abstract Type AttributeType { get; }

    /// <summary>
    /// The argument that is the phase's own length (its duration in the sequence), e.g. <c>Steps</c>; null when the
    /// kind has none. A length the training run resolves (<c>"rest"</c>, docs/text-form.md) may only be this one.
    /// </summary>
    public virtual string? LengthArgument => "Steps";

    /// <summary>A warmup: counted by the long-warmup suspicion and named in the hover landmarks.</summary>
    public virtual bool IsWarmup => false;

    /// <summary>Has a sorted array of milestones that may lie past the phase's end (SDL0025).</summary>
    public virtual bool HasMilestones => false;

    /// <summary>May continue periodically past its end (<c>End = EndBehavior.Periodic</c>).</summary>
    public virtual bool MayBePeriodic => false;

    /// <summary>Reads and validates the arguments and fills the phase's length, body, final value and momentum.</summary>
    /// <param name="k">The arguments and the validators, which report at the offending argument.</param>
    /// <param name="phase">The phase to fill.</param>
    /// <param name="peak">The schedule's peak rate.</param>
    public abstract void Read(KindReader k, Phase phase, double peak);

    protected static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    protected static string Show(double value) => Literal.Double(value);

    protected static RateFunction.Named Named(Formula formula, params RateFunction.Argument[] arguments)
        => new(formula, arguments.ToEquatableArray());

    protected static RateFunction.Argument D(double value) => new(value, RateFunction.ArgumentKind.Double);

    protected static RateFunction.Argument S(int shape) => new(shape, RateFunction.ArgumentKind.Shape);

    protected static RateFunction.Argument B(bool value) => new(value ? 1 : 0, RateFunction.ArgumentKind.Bool);

    protected static void LinearBody(Phase phase, double peak, double start, double end, long steps)
    {
        var function = new RateFunction.Linear(peak, start, end, steps);
        phase.Length = steps;
        phase.Body.Add((0, steps, function));
        phase.Hold = function.Evaluate(steps);
    }

    protected static void FixedLength(Phase phase, long steps, RateFunction function, double hold)
    {
        phase.Length = steps;
        phase.Body.Add((0, steps, function));
        phase.Hold = hold;
    }

    /// <summary>Registers a phase that grows when its factor is above 1 (checked against <see cref="NumericRange"/> once placed).</summary>
    protected static void Grows(Phase phase, string argument, double factor, Func<long, double> envelope, string remedy, string what = "the rate")
    {
        if (factor > 1)
        {
            phase.Growth.Add((argument, factor, what, envelope, remedy));
        }
    }
}

/// <summary>A kind keyed by its attribute type, with that attribute's defaults.</summary>
/// <typeparam name="TAttribute">The phase attribute, linked into the generator from the runtime library.</typeparam>
/// <param name="defaults">The attribute with no optional argument: its initialisers are the defaults (one source of truth).</param>
internal abstract class PhaseKind<[DynamicallyAccessedMembers(AttributeMembers)] TAttribute>(TAttribute defaults) : PhaseKind(typeof(TAttribute).Name)
    where TAttribute : PhaseAttribute
{
    /// <inheritdoc/>
    [DynamicallyAccessedMembers(AttributeMembers)]
    public override Type AttributeType => typeof(TAttribute);

    /// <summary>The attribute with no optional argument set.</summary>
    protected TAttribute Defaults { get; } = defaults;
}

/// <summary>The one list of schedule kinds. Adding a kind is a descriptor and a line here.</summary>
internal static class KindRegistry
{
    public static readonly IReadOnlyList<PhaseKind> All =
    [
        new WarmupKind(),
        new ConstantKind(),
        new LinearKind(),
        new CosineKind(),
        new ExponentialKind(),
        new StepDecayKind(),
        new MultiStepKind(),
        new PolynomialKind(),
        new OneCycleKind(),
        new CyclicKind(),
        new CosineRestartsKind(),
        new NoamKind(),
        new InverseSqrtKind(),
        new InverseTimeKind(),
        new OptimalKind(),
        new InverseScalingKind(),
        new DecayKind(),
        new TanhKind(),
        new SwaAnnealKind(),
        new PiecewiseKind(),
        new InterpolateKind(),
    ];

    private static readonly Dictionary<string, PhaseKind> ByAttributeName = Index();

    /// <summary>The kind of an attribute class, by its name (the caller has checked that it derives from PhaseAttribute).</summary>
    public static PhaseKind? Find(string? attributeName)
        => attributeName is not null && ByAttributeName.TryGetValue(attributeName, out PhaseKind? kind) ? kind : null;

    private static Dictionary<string, PhaseKind> Index()
    {
        var index = new Dictionary<string, PhaseKind>(StringComparer.Ordinal);
        foreach (PhaseKind kind in All)
        {
            index.Add(kind.AttributeName, kind);
        }

        return index;
    }
}
