using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Generator.Diagnostics;
using ScheduleDsl.Generator.Model;

namespace ScheduleDsl.Generator.Parsing;

/// <summary>The outcome of reading one schedule type: a model when it is valid, and every problem found.</summary>
/// <param name="Model">The schedule, or null when anything is wrong with it.</param>
/// <param name="Diagnostics">The problems, with the location of the offending argument.</param>
internal sealed record ParseResult(ScheduleModel? Model, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// The one routine that reads a schedule declaration. The generator keeps only the model (and emits nothing
/// when there is none); the analyzer reports the diagnostics. It never throws on user code.
/// </summary>
internal static class ScheduleParser
{
    public const string Namespace = "ScheduleDsl";
    public const string LearningRateAttributeName = "ScheduleDsl.LearningRateAttribute";
    public const string PhaseAttributeName = "PhaseAttribute";

    /// <summary>Lengths, starts and milestones are limited to 2⁵³ so that every step converts to double exactly.</summary>
    public const long MaxSteps = NumericRange.MaxSteps;

    private const string FactorRemedy = "a factor above 1 grows without bound, so use one of at most 1 or end the phase earlier with Steps = ...";

    private const long MaxEnd = 1L << 62;

    /// <summary>The members the generator adds; a user member of the same name would clash with them.</summary>
    private static readonly string[] GeneratedMembers = ["PeakLearningRate", "TotalSteps", "At", "AtSingle", "Fill", "MomentumAt"];

    // Values of ScheduleDsl.AnnealStrategy.
    private const int AnnealCosine = 0;
    private const int AnnealLinear = 1;

    // Values of ScheduleDsl.EndBehavior.
    private const int EndHold = 0;
    private const int EndPeriodic = 1;
    private const int EndThrow = 2;

    public static bool IsPhaseAttribute(INamedTypeSymbol? attribute)
    {
        for (INamedTypeSymbol? type = attribute?.BaseType; type is not null; type = type.BaseType)
        {
            if (type.Name == PhaseAttributeName && type.ContainingNamespace is { Name: Namespace, ContainingNamespace.IsGlobalNamespace: true })
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsLearningRateAttribute(INamedTypeSymbol? attribute)
        => attribute is { Name: "LearningRateAttribute", ContainingNamespace: { Name: Namespace, ContainingNamespace.IsGlobalNamespace: true } };

    public static ParseResult Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var context = new Context(type, diagnostics);
        ScheduleModel? model = null;
        try
        {
            model = context.Run(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception) when (exception is OverflowException or ArgumentException or InvalidOperationException)
        {
            // Defensive: a malformed declaration that slipped past validation produces no code rather than
            // crashing the compiler. The validation tests aim to keep this unreachable.
            model = null;
        }

        return new ParseResult(diagnostics.Count == 0 || diagnostics.All(d => d.Severity != DiagnosticSeverity.Error) ? model : null, diagnostics.ToImmutable());
    }

    /// <summary>One declared phase after validation: where it lies and what it computes.</summary>
    private sealed class Phase
    {
        public Phase(AttributeReader reader) => Reader = reader;

        public AttributeReader Reader { get; }

        public string Kind => Reader.Name;

        /// <summary>The nominal length, or null when the phase never ends on its own.</summary>
        public long? Length { get; set; }

        public long? ExplicitStart { get; set; }

        public int End { get; set; }

        public bool CanBePeriodic { get; set; }

        /// <summary>Local pieces within [0, Length): (from, to, function), to = long.MaxValue for open.</summary>
        public List<(long From, long To, RateFunction Function)> Body { get; } = new();

        /// <summary>The value held past <see cref="Length"/>: the formula at local step Length.</summary>
        public double Hold { get; set; }

        public long Start { get; set; }

        /// <summary>The momentum curve over the phase's local steps, for phases that cycle momentum.</summary>
        public List<(long From, long To, RateFunction Function)>? Momentum { get; set; }

        /// <summary>Multiplies the rest of the schedule instead of following it (PyTorch ChainedScheduler).</summary>
        public bool Multiply { get; set; }

        /// <summary>For [SwaAnneal]: the SWA rate and the anneal shape; the body is built once the start rate is known.</summary>
        public (double Rate, bool Cosine)? Swa { get; set; }

        /// <summary>The momentum at local step 0.</summary>
        public double MomentumFirst { get; set; }

        /// <summary>The momentum held past the phase's end.</summary>
        public double MomentumHold { get; set; }

        /// <summary>
        /// For a phase whose rate (or momentum) can grow: the argument that makes it grow, what grows, a bound of it over
        /// the local steps that, once out of <see cref="NumericRange"/>, stays out, and what to do about it; checked once
        /// the phase is placed.
        /// </summary>
        public List<(string Argument, double Value, string What, Func<long, double> Envelope, string Remedy)> Growth { get; } = new();
    }

    private sealed class Context
    {
        private readonly INamedTypeSymbol _type;
        private readonly ImmutableArray<Diagnostic>.Builder _diagnostics;
        private bool _compilerErrors;

        public Context(INamedTypeSymbol type, ImmutableArray<Diagnostic>.Builder diagnostics)
        {
            _type = type;
            _diagnostics = diagnostics;
        }

        private bool Failed => _compilerErrors || _diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

        public ScheduleModel? Run(CancellationToken cancellationToken)
        {
            Location typeLocation = _type.Locations.FirstOrDefault() ?? Location.None;
            CheckTypeShape(typeLocation);

            AttributeReader? rate = null;
            var phaseReaders = new List<AttributeReader>();
            foreach (AttributeData attribute in _type.GetAttributes())
            {
                if (IsLearningRateAttribute(attribute.AttributeClass))
                {
                    rate = new AttributeReader(attribute);
                }
                else if (IsPhaseAttribute(attribute.AttributeClass))
                {
                    phaseReaders.Add(new AttributeReader(attribute));
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (rate is null)
            {
                if (phaseReaders.Count > 0)
                {
                    Report(DiagnosticDescriptors.PhasesWithoutLearningRate, typeLocation, _type.Name);
                }

                return null;
            }

            if (rate.HasErrors || phaseReaders.Any(r => r.HasErrors))
            {
                _compilerErrors = true;
                return null;
            }

            phaseReaders = OrderBySource(phaseReaders, typeLocation);

            double peak = rate.Double("peak", double.NaN);
            if (!IsFinite(peak) || peak <= 0 || peak > NumericRange.MaxRate)
            {
                Report(DiagnosticDescriptors.InvalidRate, rate.ArgumentLocation("peak"), "The learning rate", "positive", Show(peak));
            }

            var phases = new List<Phase>();
            foreach (AttributeReader reader in phaseReaders)
            {
                phases.Add(ReadPhase(reader, peak));
            }

            if (phases.Count == 0)
            {
                Report(DiagnosticDescriptors.NoPhases, typeLocation, _type.Name, Show(peak));
            }

            cancellationToken.ThrowIfCancellationRequested();
            List<Phase> sequence = phases.Where(p => !p.Multiply).ToList();
            List<Phase> multipliers = phases.Where(p => p.Multiply).ToList();
            PlacePhases(sequence);
            foreach (Phase multiplier in multipliers)
            {
                multiplier.Start = multiplier.ExplicitStart ?? 0;
                if (multiplier.End != EndHold)
                {
                    Report(DiagnosticDescriptors.EndOnInnerPhase, multiplier.Reader.ArgumentLocation("End"), multiplier.Kind);
                }
            }

            if (multipliers.Count > 0 && sequence.Count > 0 && sequence[sequence.Count - 1].End == EndThrow)
            {
                Report(DiagnosticDescriptors.EndNotSupported, sequence[sequence.Count - 1].Reader.ArgumentLocation("End"), "Throw", sequence[sequence.Count - 1].Kind, "the schedule has a phase with Multiply = true");
            }

            if (!Failed)
            {
                CheckGrowth(sequence, multipliers);
            }

            if (Failed)
            {
                return null;
            }

            ScheduleModel model = Build(peak, sequence, multipliers);
            CheckPieces(model, typeLocation);
            if (Failed)
            {
                return null;
            }

            ReportSuspicions(model, rate, sequence);
            return model;
        }

        /// <summary>Warnings and notes: the schedule is valid and generated, but probably not what was meant.</summary>
        private void ReportSuspicions(ScheduleModel model, AttributeReader rate, List<Phase> phases)
        {
            double peak = model.Peak;
            if (peak > 1)
            {
                Report(DiagnosticDescriptors.RateAboveOne, rate.ArgumentLocation("peak"), Show(peak));
            }

            for (int i = 0; i < phases.Count; i++)
            {
                Phase phase = phases[i];
                AttributeReader reader = phase.Reader;
                if (reader.Has("Final") && reader.Double("Final", 0) > peak)
                {
                    Report(DiagnosticDescriptors.FinalAbovePeak, reader.ArgumentLocation("Final"), Describe(reader, "Final"), Show(reader.Double("Final", 0)), Show(peak));
                }

                if (phase.Kind == "MultiStep" && phase.Length is { } steps)
                {
                    long[] milestones = reader.Longs("milestones");
                    for (int m = 0; m < milestones.Length; m++)
                    {
                        if (milestones[m] > steps)
                        {
                            Report(DiagnosticDescriptors.MilestonePastEnd, reader.ArgumentLocation("milestones", m), milestones[m], phase.Kind, steps);
                        }
                    }
                }

                if (i == 0)
                {
                    continue;
                }

                Phase previous = phases[i - 1];
                if (previous.Length is { } length && phase.Start < previous.Start + length)
                {
                    Report(DiagnosticDescriptors.PhaseCutShort, reader.ArgumentLocation("Start"), phase.Start, previous.Kind, previous.Start + length - phase.Start, previous.Start + length);
                }

                double before = ValueAt(previous, phase.Start - previous.Start);
                double after = ValueAt(phase, 0);
                if (Math.Abs(after - before) > 1e-9 * peak)
                {
                    Report(DiagnosticDescriptors.Discontinuity, reader.Location, Show(before), Show(after), phase.Start, phase.Kind, previous.Kind);
                }
            }

            if (model.TotalSteps is { } total)
            {
                long warmup = phases.Where(p => p.Kind == "Warmup" && p.Length is not null).Sum(p => p.Length!.Value);
                if (warmup * 2 > total && phases.Count > 1)
                {
                    Report(DiagnosticDescriptors.LongWarmup, phases.First(p => p.Kind == "Warmup").Reader.Location, warmup, total);
                }
            }

            long training = rate.Long("TrainingSteps", 0);
            if (training < 0)
            {
                Report(DiagnosticDescriptors.InvalidLength, rate.ArgumentLocation("TrainingSteps"), "TrainingSteps", 0, training);
            }
            else if (training > 0 && phases.Count > 0)
            {
                Phase last = phases[phases.Count - 1];
                if (model.TotalSteps is { } end && end < training)
                {
                    string rest = model.ThrowsPastEnd
                        ? $"updates from step {end} on would throw (End = EndBehavior.Throw)"
                        : $"its last {training - end} updates all use the held rate {Show(model.Evaluate(end))}";
                    Report(DiagnosticDescriptors.ShorterThanTraining, rate.ArgumentLocation("TrainingSteps"), end, training, rest);
                }
                else if (model.TotalSteps is null && last.Kind == "Cosine" && last.End == EndPeriodic)
                {
                    long half = last.Reader.Long("steps", 1);
                    if (last.Start + half < training)
                    {
                        Report(DiagnosticDescriptors.ShorterThanTraining, rate.ArgumentLocation("TrainingSteps"), last.Start + half, training, $"the periodic cosine climbs back towards the peak after step {last.Start + half}");
                    }
                }
                else if (model.TotalSteps is { } finish && finish > training)
                {
                    Report(DiagnosticDescriptors.LongerThanTraining, rate.ArgumentLocation("TrainingSteps"), training, finish, Show(model.Evaluate(training - 1)), Show(model.Evaluate(finish)));
                }
            }
        }

        private void CheckTypeShape(Location location)
        {
            if (!IsPartial(_type))
            {
                Report(DiagnosticDescriptors.NotPartial, location, _type.Name);
            }

            for (INamedTypeSymbol? outer = _type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (!IsPartial(outer))
                {
                    Report(DiagnosticDescriptors.NotPartial, outer.Locations.FirstOrDefault() ?? location, outer.Name);
                }

                if (outer.IsGenericType)
                {
                    Report(DiagnosticDescriptors.UnsupportedType, location, _type.Name, $"its containing type '{outer.Name}' is generic");
                }
            }

            if (_type.IsGenericType)
            {
                Report(DiagnosticDescriptors.UnsupportedType, location, _type.Name, "generic schedule types are not supported");
            }

            for (INamedTypeSymbol? t = _type; t is not null; t = t.ContainingType)
            {
                if (t.IsFileLocal)
                {
                    string which = SymbolEqualityComparer.Default.Equals(t, _type) ? "it is" : $"its containing type '{t.Name}' is";
                    Report(DiagnosticDescriptors.UnsupportedType, location, _type.Name, $"{which} file-local, and a generated file cannot add members to a file-local type");
                    break;
                }
            }

            if (Array.IndexOf(GeneratedMembers, _type.Name) >= 0)
            {
                Report(DiagnosticDescriptors.TypeNamedLikeMember, location, _type.Name);
            }

            CheckBaseTypes(location);

            if (_type.IsStatic)
            {
                Report(DiagnosticDescriptors.UnsupportedType, location, _type.Name, "a static class cannot implement ISchedule");
            }

            foreach (string name in GeneratedMembers)
            {
                foreach (ISymbol member in _type.GetMembers(name))
                {
                    // The analyzer also sees this generator's own output, which starts with the auto-generated marker.
                    SyntaxReference? user = member.DeclaringSyntaxReferences.FirstOrDefault(r => !IsGeneratedHere(r.SyntaxTree));
                    if (user is not null)
                    {
                        Report(DiagnosticDescriptors.MemberConflict, Location.Create(user.SyntaxTree, user.Span), _type.Name, name);
                    }
                }
            }

            if (_type.IsRefLikeType)
            {
                Report(DiagnosticDescriptors.UnsupportedType, location, _type.Name, "a ref struct cannot be used as a generic argument");
            }
        }

        /// <summary>
        /// A base class that is itself a schedule, or that has an accessible member named like a generated one, would
        /// have that member hidden by the generated code (CS0108 in the generated file): reported instead.
        /// </summary>
        private void CheckBaseTypes(Location location)
        {
            for (INamedTypeSymbol? baseType = _type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
            {
                if (baseType.GetAttributes().Any(a => IsLearningRateAttribute(a.AttributeClass)))
                {
                    Report(DiagnosticDescriptors.InheritedMember, location, _type.Name, baseType.Name, "is itself a schedule");
                    return;
                }

                foreach (string name in GeneratedMembers)
                {
                    if (baseType.GetMembers(name).Any(m => m.DeclaredAccessibility != Accessibility.Private))
                    {
                        Report(DiagnosticDescriptors.InheritedMember, location, _type.Name, baseType.Name, $"declares '{name}'");
                        return;
                    }
                }
            }
        }

        /// <summary>Whether the tree is this generator's output: its first token carries the marker the emitter writes (no text is materialised).</summary>
        private static bool IsGeneratedHere(SyntaxTree tree)
            => tree.GetRoot().GetLeadingTrivia() is { Count: > 0 } trivia
               && trivia[0].IsKind(SyntaxKind.SingleLineCommentTrivia)
               && trivia[0].ToString() == "// <auto-generated/>";

        private static bool IsPartial(INamedTypeSymbol type)
            => type.DeclaringSyntaxReferences.Length > 0
               && type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax declaration
                   && declaration.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)));

        /// <summary>Orders phases as written; phases on more than one partial declaration have no defined order.</summary>
        private List<AttributeReader> OrderBySource(List<AttributeReader> readers, Location typeLocation)
        {
            var declarations = readers
                .Select(r => r.Syntax?.FirstAncestorOrSelf<TypeDeclarationSyntax>())
                .Where(d => d is not null)
                .Distinct()
                .Count();
            if (declarations > 1)
            {
                Report(DiagnosticDescriptors.PhasesSpreadOverDeclarations, typeLocation, _type.Name);
            }

            return readers
                .OrderBy(r => r.Syntax?.SyntaxTree.FilePath ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(r => r.Syntax?.SpanStart ?? 0)
                .ToList();
        }

        private Phase ReadPhase(AttributeReader reader, double peak)
        {
            var phase = new Phase(reader);
            switch (reader.Name)
            {
                case "Warmup":
                {
                    long steps = Length(reader, "steps");
                    double start = Factor(reader, "StartFactor", reader.Has("StartFactor") ? reader.Double("StartFactor", 0) : 1.0 / (steps + 1.0));
                    int shape = Shape(reader);
                    if (shape == Formulas.Shapes.Linear)
                    {
                        LinearBody(phase, peak, start, 1.0, steps);
                    }
                    else
                    {
                        FixedLength(phase, steps, Named("Shapes.Warmup", D(peak), D(start), D(steps), S(shape)), peak);
                    }

                    break;
                }

                case "Linear":
                {
                    long steps = Length(reader, "steps");
                    double start = Factor(reader, "startFactor", reader.Double("startFactor", 1.0));
                    double end = Factor(reader, "endFactor", reader.Double("endFactor", 1.0));
                    LinearBody(phase, peak, start, end, steps);
                    break;
                }

                case "Constant":
                {
                    long steps = Length(reader, "steps");
                    double factor = Factor(reader, "Factor", reader.Double("Factor", 1.0));
                    phase.Length = steps;
                    phase.Body.Add((0, steps, new RateFunction.Constant(peak * factor)));
                    phase.Hold = peak;
                    break;
                }

                case "Cosine":
                {
                    long steps = Length(reader, "steps");
                    double final = FinalRate(reader);
                    double exponent = Positive(reader, "Exponent", 1.0);
                    double kDecay = Positive(reader, "KDecay", 1.0);
                    phase.CanBePeriodic = exponent == 1.0 && kDecay == 1.0;
                    if (phase.CanBePeriodic && reader.Int("End", EndHold) == EndPeriodic)
                    {
                        phase.Length = null;
                        phase.Body.Add((0, long.MaxValue, new RateFunction.Cosine(peak, final, steps, Periodic: true)));
                    }
                    else if (exponent != 1.0 || kDecay != 1.0)
                    {
                        FixedLength(phase, steps, Named("Shapes.ShapedCosine", D(peak), D(final), D(steps), D(exponent), D(kDecay)), final);
                    }
                    else
                    {
                        phase.Length = steps;
                        var function = new RateFunction.Cosine(peak, final, steps, Periodic: false);
                        phase.Body.Add((0, steps, function));
                        phase.Hold = function.Evaluate(steps);
                    }

                    break;
                }

                case "Exponential":
                {
                    double gamma = Gamma(reader, "gamma");
                    var function = new RateFunction.Exponential(peak, gamma);
                    OptionalLength(phase, reader, function);
                    Grows(phase, "gamma", gamma, function.Evaluate, FactorRemedy);
                    break;
                }

                case "StepDecay":
                {
                    long stepSize = Length(reader, "stepSize");
                    double gamma = Gamma(reader, "gamma");
                    var function = new RateFunction.StepDecay(peak, gamma, Math.Max(stepSize, 1));
                    OptionalLength(phase, reader, function);
                    Grows(phase, "gamma", gamma, function.Evaluate, FactorRemedy);
                    break;
                }

                case "MultiStep":
                {
                    double gamma = Gamma(reader, "gamma");
                    long[] milestones = reader.Longs("milestones");
                    for (int i = 0; i < milestones.Length; i++)
                    {
                        if (milestones[i] < 0 || milestones[i] > MaxSteps)
                        {
                            Report(DiagnosticDescriptors.InvalidLength, reader.ArgumentLocation("milestones", i), "A milestone", 0, milestones[i]);
                        }
                        else if (i > 0 && milestones[i] < milestones[i - 1])
                        {
                            Report(DiagnosticDescriptors.MilestonesNotIncreasing, reader.ArgumentLocation("milestones", i), milestones[i], milestones[i - 1]);
                        }
                    }

                    long? length = reader.Has("Steps") ? Length(reader, "Steps") : null;
                    phase.Length = length;
                    long limit = length ?? long.MaxValue;
                    long from = 0;
                    int decays = 0;
                    foreach (long milestone in milestones.Where(m => m >= 0).OrderBy(m => m))
                    {
                        if (milestone > from && from < limit)
                        {
                            phase.Body.Add((from, Math.Min(milestone, limit), new RateFunction.Constant(Formulas.StepDecay.Decayed(decays, peak, gamma))));
                            from = Math.Min(milestone, limit);
                        }

                        if (milestone <= limit)
                        {
                            decays++;
                        }
                    }

                    if (from < limit)
                    {
                        phase.Body.Add((from, limit, new RateFunction.Constant(Formulas.StepDecay.Decayed(decays, peak, gamma))));
                    }

                    phase.Hold = Formulas.StepDecay.Decayed(decays, peak, gamma);
                    Grows(phase, "gamma", gamma, t => ValueAt(phase, t), "a factor above 1 multiplies the rate at every milestone, so use one of at most 1 or fewer milestones");
                    break;
                }

                case "Polynomial":
                {
                    long steps = Length(reader, "steps");
                    double power = reader.Double("Power", 1.0);
                    if (!IsFinite(power) || power <= 0)
                    {
                        Report(DiagnosticDescriptors.InvalidPower, reader.ArgumentLocation("Power"), "Power", Show(power));
                    }

                    double final = FinalRate(reader);
                    var function = new RateFunction.Polynomial(peak, final, power, steps);
                    phase.Length = steps;
                    phase.Body.Add((0, steps, function));
                    phase.Hold = function.Evaluate(steps);
                    break;
                }

                case "OneCycle":
                    ReadOneCycle(phase, reader, peak);
                    break;

                case "Cyclic":
                {
                    long up = Length(reader, "stepsUp");
                    long down = reader.Has("StepsDown") ? Length(reader, "StepsDown") : up;
                    double low = reader.Double("minRate", 0);
                    if (!IsFinite(low) || low < 0 || low > peak)
                    {
                        Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation("minRate"), Describe(reader, "minRate"), "finite, non-negative and at most the learning rate", Show(low));
                    }

                    int mode = reader.Int("Mode", Formulas.Cyclic.Triangular);
                    if (mode is < Formulas.Cyclic.Triangular or > Formulas.Cyclic.ExpRange)
                    {
                        Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation("Mode"), Describe(reader, "Mode"), "a defined CyclicMode", mode);
                    }

                    double gamma = reader.Has("Gamma") ? Gamma(reader, "Gamma") : 1.0;
                    double total = (double)up + down;
                    double ratio = up / total;
                    var rate = new RateFunction.Cyclic(low, peak, total, ratio, mode, gamma);
                    OptionalLength(phase, reader, rate);
                    if (mode == Formulas.Cyclic.ExpRange)
                    {
                        // The amplitude grows as γ^t: the rate's top is low + (peak − low)·γ^t, the momentum's bottom
                        // max − (max − base)·γ^t.
                        const string Remedy = "in exp_range mode a Gamma above 1 grows the amplitude without bound, so use one of at most 1 or end the phase earlier with Steps = ...";
                        Grows(phase, "Gamma", gamma, t => Math.Max(peak, low + ((peak - low) * Math.Pow(gamma, t))), Remedy);
                        if (phase.Momentum is { Count: 1 } && phase.Momentum[0].Function is RateFunction.Cyclic momentum)
                        {
                            Grows(phase, "Gamma", gamma, t => momentum.Low - ((momentum.Low - momentum.High) * Math.Pow(gamma, t)), Remedy, "the momentum");
                        }
                    }
                    if (reader.Bool("CycleMomentum", true))
                    {
                        double baseMomentum = Momentum(reader, "BaseMomentum", 0.8);
                        double maxMomentum = Momentum(reader, "MaxMomentum", 0.9);
                        var momentum = new RateFunction.Cyclic(maxMomentum, baseMomentum, total, ratio, mode, gamma);
                        phase.Momentum = [(0, phase.Length ?? long.MaxValue, momentum)];
                        phase.MomentumFirst = momentum.Evaluate(0);
                        phase.MomentumHold = phase.Length is { } l ? momentum.Evaluate(l) : phase.MomentumFirst;
                    }

                    break;
                }

                case "CosineRestarts":
                {
                    long first = Length(reader, "firstCycle");
                    double multiplier = reader.Double("Multiplier", 1.0);
                    if (!IsFinite(multiplier) || multiplier < 1 || multiplier > 16)
                    {
                        Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation("Multiplier"), Describe(reader, "Multiplier"), "between 1 and 16", Show(multiplier));
                        multiplier = 1;
                    }

                    double final = FinalRate(reader);
                    double decay = reader.Has("Decay") ? Gamma(reader, "Decay") : 1.0;
                    long limit = reader.Has("CycleLimit") ? Length(reader, "CycleLimit") : 0;
                    var function = new RateFunction.Restarts(peak, final, first, multiplier, decay, limit);
                    Grows(phase, "Decay", decay, t => limit > 0 && Formulas.Restarts.Cycle(t, first, multiplier) >= limit ? final : Math.Max(final, Formulas.StepDecay.Decayed(Formulas.Restarts.Cycle(t, first, multiplier), peak, decay)), "a Decay above 1 raises the peak at every restart, so use one of at most 1 or set CycleLimit");
                    if (!reader.Has("Steps") && limit > 0)
                    {
                        // The cycles end; the phase ends with them and holds the final rate.
                        double end = multiplier == 1 ? (double)first * limit : first * (Math.Pow(multiplier, limit) - 1) / (multiplier - 1);
                        long steps = end > MaxSteps ? MaxSteps : (long)Math.Ceiling(end);
                        phase.Length = steps;
                        phase.Body.Add((0, steps, function));
                        phase.Hold = final;
                    }
                    else
                    {
                        OptionalLength(phase, reader, function);
                    }

                    break;
                }

                case "Noam":
                {
                    long warmup = Length(reader, "warmupSteps");
                    long size = reader.Long("modelSize", 0);
                    if (size < 1)
                    {
                        Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation("modelSize"), Describe(reader, "modelSize"), "positive", size);
                    }

                    double scale = reader.Double("Scale", 1.0);
                    if (!IsFinite(scale) || scale <= 0)
                    {
                        Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation("Scale"), Describe(reader, "Scale"), "finite and positive", Show(scale));
                    }

                    RateFunction noam = Named("InverseDecay.Noam", D(peak), D(scale * Math.Pow(Math.Max(size, 1), -0.5)), D(Math.Pow(warmup, -1.5)));
                    OptionalLength(phase, reader, noam);

                    // The rate rises to its highest at the end of the warmup (local step W − 1) and falls after it.
                    phase.Growth.Add(("Scale", scale, "the rate", t => noam.Evaluate(Math.Min(t, warmup - 1)), "lower Scale (the highest rate is peak·Scale/√(modelSize·warmupSteps))"));
                    break;
                }

                case "InverseSqrt":
                    OptionalLength(phase, reader, Named("InverseDecay.Sqrt", D(peak), D(Length(reader, "timescale"))));
                    break;

                case "InverseTime":
                {
                    long steps = Length(reader, "decaySteps");
                    double rate = NonNegative(reader, "decayRate");
                    OptionalLength(phase, reader, Named("InverseDecay.Time", D(peak), D(rate), D(steps), B(reader.Bool("Staircase", false))));
                    break;
                }

                case "Optimal":
                {
                    double alpha = reader.Double("alpha", 0);
                    if (!IsFinite(alpha) || alpha <= 0)
                    {
                        Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation("alpha"), Describe(reader, "alpha"), "finite and positive", Show(alpha));
                    }

                    // 1/(α(t₀ + t)) with t₀ = 1/(η₀α) is η₀/(1 + η₀·α·t): inverse time decay with D = 1.
                    OptionalLength(phase, reader, Named("InverseDecay.Time", D(peak), D(peak * alpha), D(1), B(false)));
                    break;
                }

                case "InverseScaling":
                    OptionalLength(phase, reader, Named("InverseDecay.Scaling", D(peak), D(NonNegative(reader, "power"))));
                    break;

                case "Decay":
                {
                    long steps = Length(reader, "steps");
                    double final = FinalRate(reader);
                    int shape = Shape(reader);
                    FixedLength(phase, steps, Named("Shapes.Decay", D(peak), D(final), D(steps), S(shape)), final);
                    break;
                }

                case "Tanh":
                {
                    long steps = Length(reader, "steps");
                    double final = FinalRate(reader);
                    double lower = Finite(reader, "Lower", -7.0);
                    double upper = Finite(reader, "Upper", 3.0);
                    FixedLength(phase, steps, Named("Shapes.Tanh", D(peak), D(final), D(steps), D(lower), D(upper)), final);
                    break;
                }

                case "SwaAnneal":
                {
                    long steps = Length(reader, "steps");
                    double swa = reader.Double("swaRate", 0);
                    if (!IsFinite(swa) || swa <= 0 || swa > NumericRange.MaxRate)
                    {
                        Report(DiagnosticDescriptors.InvalidRate, reader.ArgumentLocation("swaRate"), Describe(reader, "swaRate"), "positive", Show(swa));
                    }

                    // The starting rate is only known once the phases are placed: see Build.
                    phase.Length = steps;
                    phase.Hold = swa;
                    phase.Swa = (swa, IsCosineAnneal(reader, AnnealCosine));
                    break;
                }

                case "Piecewise":
                {
                    double[] factors = reader.Doubles("factors");
                    long[] boundaries = Boundaries(reader, factors.Length - 1, "one fewer than the factors");
                    bool after = reader.Bool("ChangeAfterBoundary", false);
                    long from = 0;
                    for (int i = 0; i < factors.Length; i++)
                    {
                        Factor(reader, "factors", factors[i]);
                        long to = i < boundaries.Length ? boundaries[i] + (after ? 1 : 0) : long.MaxValue;
                        if (to > from)
                        {
                            phase.Body.Add((from, to, new RateFunction.Constant(peak * factors[i])));
                            from = to;
                        }
                    }

                    break;
                }

                case "Interpolate":
                {
                    double[] factors = reader.Doubles("factors");
                    if (factors.Length == 0)
                    {
                        Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation("factors"), "The number of factors of [Interpolate]", "at least 1", 0);
                    }

                    long[] boundaries = Boundaries(reader, factors.Length, "as many as the factors");
                    bool cosine = IsCosineAnneal(reader, AnnealLinear);
                    for (int i = 0; i < factors.Length; i++)
                    {
                        Factor(reader, "factors", factors[i]);
                    }

                    if (factors.Length > 0 && boundaries.Length == factors.Length)
                    {
                        if (boundaries[0] > 0)
                        {
                            phase.Body.Add((0, boundaries[0], new RateFunction.Constant(peak * factors[0])));
                        }

                        for (int i = 0; i + 1 < factors.Length; i++)
                        {
                            if (boundaries[i + 1] > boundaries[i])
                            {
                                phase.Body.Add((boundaries[i], boundaries[i + 1], new RateFunction.Anneal(peak * factors[i], peak * factors[i + 1], boundaries[i], boundaries[i + 1], cosine)));
                            }
                        }

                        phase.Body.Add((boundaries[boundaries.Length - 1], long.MaxValue, new RateFunction.Constant(peak * factors[factors.Length - 1])));
                    }

                    break;
                }

                default:
                    Report(DiagnosticDescriptors.UnsupportedType, reader.Location, _type.Name, $"[{reader.Name}] is not a phase this version of the generator knows");
                    break;
            }

            phase.End = reader.Int("End", EndHold);
            phase.Multiply = reader.Bool("Multiply", false);
            if (phase.Multiply && phase.Momentum is not null)
            {
                Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation("Multiply"), Describe(reader, "CycleMomentum"), "false on a phase with Multiply = true", "true");
            }
            if (reader.Has("Start"))
            {
                long start = reader.Long("Start", -1);
                if (start != -1)
                {
                    if (start < 0 || start > MaxSteps)
                    {
                        Report(DiagnosticDescriptors.InvalidLength, reader.ArgumentLocation("Start"), "Start", 0, start);
                    }

                    phase.ExplicitStart = start;
                }
            }

            return phase;
        }

        /// <summary>Registers a phase that grows when its factor is above 1.</summary>
        private static void Grows(Phase phase, string argument, double factor, Func<long, double> envelope, string remedy, string what = "the rate")
        {
            if (factor > 1)
            {
                phase.Growth.Add((argument, factor, what, envelope, remedy));
            }
        }

        /// <summary>
        /// Reports the first step at which a growing phase leaves <see cref="NumericRange"/>: over its local steps up
        /// to where the next phase takes over, or through its held value forever when it is the last.
        /// </summary>
        private void CheckGrowth(List<Phase> phases, List<Phase> multipliers)
        {
            foreach (Phase phase in phases.Concat(multipliers))
            {
                int index = phases.IndexOf(phase);
                long end = index >= 0 ? SegmentEnd(phases, index) : long.MaxValue;
                long last = end == long.MaxValue ? long.MaxValue - phase.Start : end - 1 - phase.Start;
                if (phase.Length is { } length)
                {
                    last = Math.Min(last, length);
                }

                foreach (var growth in phase.Growth)
                {
                    if (NumericRange.FirstStepOutOfRange(growth.Envelope, last) is { } local)
                    {
                        Report(DiagnosticDescriptors.RateOutOfRange, phase.Reader.ArgumentLocation(growth.Argument), $"{Describe(phase.Reader, growth.Argument)} = {Show(growth.Value)}", growth.What, phase.Start + local, Show(growth.Envelope(local)), growth.Remedy);
                        break;
                    }
                }
            }
        }

        /// <summary>
        /// The last line of defence: every piece of the built schedule is a rate at its first and last step. The
        /// checks while reading should make this unreachable; if not, the schedule gets an error, not a silent Inf.
        /// </summary>
        private void CheckPieces(ScheduleModel model, Location location)
        {
            foreach (EquatableArray<Piece> pieces in new[] { model.Pieces, model.MomentumPieces })
            {
                foreach (Piece piece in pieces)
                {
                    foreach (long step in new[] { piece.Start, piece.IsOpen ? long.MaxValue : piece.End - 1 })
                    {
                        double value = piece.Function.Evaluate(step - piece.Origin);
                        if (!NumericRange.IsRate(value))
                        {
                            Report(DiagnosticDescriptors.RateOutOfRange, location, $"The schedule '{_type.Name}'", pieces == model.Pieces ? "the rate" : "the momentum", step, Show(value), "change the phase in force at that step");
                            return;
                        }
                    }
                }
            }
        }

        private static void LinearBody(Phase phase, double peak, double start, double end, long steps)
        {
            var function = new RateFunction.Linear(peak, start, end, steps);
            phase.Length = steps;
            phase.Body.Add((0, steps, function));
            phase.Hold = function.Evaluate(steps);
        }

        private void ReadOneCycle(Phase phase, AttributeReader reader, double peak)
        {
            long total = Length(reader, "totalSteps");
            bool threePhase = reader.Bool("ThreePhase", false);
            double pct = reader.Double("PctStart", 0.3);
            double maxPct = threePhase ? 0.5 : 1.0;
            if (!IsFinite(pct) || pct <= 0 || pct >= maxPct)
            {
                Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation("PctStart"), Describe(reader, "PctStart"), threePhase ? "in (0, 0.5) for three phases" : "in (0, 1)", Show(pct));
                pct = maxPct / 2;
            }

            double div = reader.Double("DivFactor", 25.0);
            double finalDiv = reader.Double("FinalDivFactor", 1e4);
            foreach ((string name, double value) in new[] { ("DivFactor", div), ("FinalDivFactor", finalDiv) })
            {
                if (!IsFinite(value) || value < 1)
                {
                    Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation(name), Describe(reader, name), "finite and at least 1", Show(value));
                }
            }

            bool cosine = IsCosineAnneal(reader, AnnealCosine);
            double initial = peak / div;
            double minimum = initial / finalDiv;

            // PyTorch's phase ends, as floats: pct·T − 1, (2·pct·T − 2), T − 1; a step belongs to the first phase
            // whose end it does not pass, and each phase anneals over [previous end, its end].
            double[] ends = threePhase
                ? [(pct * total) - 1, (2 * pct * total) - 2, total - 1]
                : [(pct * total) - 1, total - 1];
            double[] rates = threePhase ? [initial, peak, initial, minimum] : [initial, peak, minimum];
            bool momentum = reader.Bool("CycleMomentum", true);
            double baseMomentum = momentum ? Momentum(reader, "BaseMomentum", 0.85) : 0;
            double maxMomentum = momentum ? Momentum(reader, "MaxMomentum", 0.95) : 0;
            double[] momenta = threePhase
                ? [maxMomentum, baseMomentum, maxMomentum, maxMomentum]
                : [maxMomentum, baseMomentum, maxMomentum];

            phase.Length = total;
            phase.Hold = minimum;
            if (momentum)
            {
                phase.Momentum = [];
                phase.MomentumFirst = maxMomentum;
                phase.MomentumHold = maxMomentum;
            }

            long from = 0;
            double segmentStart = 0;
            for (int i = 0; i < ends.Length; i++)
            {
                long to = i == ends.Length - 1 ? total : Math.Max(from, (long)Math.Floor(ends[i]) + 1);
                if (to > from && ends[i] == segmentStart)
                {
                    // PctStart·T = 1: a phase from step 0 to step 0, which divides 0 by 0 (PyTorch raises
                    // ZeroDivisionError at its first step).
                    Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation("PctStart"), Describe(reader, "PctStart"), $"such that PctStart·totalSteps is not 1 (the phase ending at step {Show(ends[i])} would have zero length)", Show(pct));
                    return;
                }

                if (to > from)
                {
                    phase.Body.Add((from, to, new RateFunction.Anneal(rates[i], rates[i + 1], segmentStart, ends[i], cosine)));
                    phase.Momentum?.Add((from, to, new RateFunction.Anneal(momenta[i], momenta[i + 1], segmentStart, ends[i], cosine)));
                }

                from = to;
                segmentStart = ends[i];
            }
        }

        private void FixedLength(Phase phase, long steps, RateFunction function, double hold)
        {
            phase.Length = steps;
            phase.Body.Add((0, steps, function));
            phase.Hold = hold;
        }

        private static RateFunction.Named Named(string method, params RateFunction.Argument[] arguments)
            => new(method, arguments.ToEquatableArray());

        private static RateFunction.Argument D(double value) => new(value, RateFunction.ArgumentKind.Double);

        private static RateFunction.Argument S(int shape) => new(shape, RateFunction.ArgumentKind.Shape);

        private static RateFunction.Argument B(bool value) => new(value ? 1 : 0, RateFunction.ArgumentKind.Bool);

        private int Shape(AttributeReader reader)
        {
            int shape = reader.Int("Shape", Formulas.Shapes.Linear);
            if (shape is < Formulas.Shapes.Linear or > Formulas.Shapes.OneMinusSqrt)
            {
                Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation("Shape"), Describe(reader, "Shape"), "a defined CurveShape", shape);
                return Formulas.Shapes.Linear;
            }

            return shape;
        }

        /// <summary>Reads <c>Anneal</c> (an <c>AnnealStrategy</c>), rejecting values the enum does not define.</summary>
        private bool IsCosineAnneal(AttributeReader reader, int fallback)
        {
            int anneal = reader.Int("Anneal", fallback);
            if (anneal is not (AnnealCosine or AnnealLinear))
            {
                Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation("Anneal"), Describe(reader, "Anneal"), "a defined AnnealStrategy", anneal);
            }

            return anneal == AnnealCosine;
        }

        private double Momentum(AttributeReader reader, string name, double fallback)
        {
            double value = reader.Double(name, fallback);
            if (!IsFinite(value) || value < 0 || value >= 1)
            {
                Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation(name), Describe(reader, name), "in [0, 1)", Show(value));
            }

            return value;
        }

        private double Positive(AttributeReader reader, string name, double fallback)
        {
            double value = reader.Double(name, fallback);
            if (!IsFinite(value) || value <= 0)
            {
                Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation(name), Describe(reader, name), "finite and positive", Show(value));
                return fallback;
            }

            return value;
        }

        private double NonNegative(AttributeReader reader, string name)
        {
            double value = reader.Double(name, 0);
            if (!IsFinite(value) || value < 0)
            {
                Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation(name), Describe(reader, name), "finite and non-negative", Show(value));
            }

            return value;
        }

        private double Finite(AttributeReader reader, string name, double fallback)
        {
            double value = reader.Double(name, fallback);
            if (!IsFinite(value))
            {
                Report(DiagnosticDescriptors.ValueOutOfRange, reader.ArgumentLocation(name), Describe(reader, name), "finite", Show(value));
            }

            return value;
        }

        private long[] Boundaries(AttributeReader reader, int expected, string rule)
        {
            long[] boundaries = reader.Longs("boundaries");
            if (boundaries.Length != expected || expected < 0)
            {
                Report(DiagnosticDescriptors.ValueOutOfRange, reader.Location, $"The number of boundaries of [{reader.Name}]", rule, boundaries.Length);
                return boundaries;
            }

            for (int i = 0; i < boundaries.Length; i++)
            {
                if (boundaries[i] < 0 || boundaries[i] > MaxSteps)
                {
                    Report(DiagnosticDescriptors.InvalidLength, reader.ArgumentLocation("boundaries", i), "A boundary", 0, boundaries[i]);
                }
                else if (i > 0 && boundaries[i] <= boundaries[i - 1])
                {
                    Report(DiagnosticDescriptors.MilestonesNotIncreasing, reader.ArgumentLocation("boundaries", i), boundaries[i], boundaries[i - 1]);
                }
            }

            return boundaries;
        }

        private void OptionalLength(Phase phase, AttributeReader reader, RateFunction function)
        {
            if (reader.Has("Steps"))
            {
                long steps = Length(reader, "Steps");
                phase.Length = steps;
                phase.Body.Add((0, steps, function));
                phase.Hold = function.Evaluate(Math.Max(steps, 0));
            }
            else
            {
                phase.Body.Add((0, long.MaxValue, function));
            }
        }

        /// <summary>Assigns each phase its start and checks the order and the end behaviour.</summary>
        private void PlacePhases(List<Phase> phases)
        {
            for (int i = 0; i < phases.Count; i++)
            {
                Phase phase = phases[i];
                bool last = i == phases.Count - 1;
                if (i == 0)
                {
                    if (phase.ExplicitStart is > 0)
                    {
                        Report(DiagnosticDescriptors.InvalidStart, phase.Reader.ArgumentLocation("Start"), phase.Kind, phase.ExplicitStart, "but the first phase must start at step 0");
                    }

                    phase.Start = 0;
                }
                else
                {
                    Phase previous = phases[i - 1];
                    if (phase.ExplicitStart is { } start)
                    {
                        if (start <= previous.Start)
                        {
                            Report(DiagnosticDescriptors.InvalidStart, phase.Reader.ArgumentLocation("Start"), phase.Kind, start, $"which is not after the start of [{previous.Kind}] at step {previous.Start}");
                        }

                        phase.Start = start;
                    }
                    else if (previous.Length is { } length)
                    {
                        phase.Start = previous.Start + length;
                    }
                    else
                    {
                        Report(DiagnosticDescriptors.UnreachablePhase, phase.Reader.Location, phase.Kind, previous.Kind);
                        phase.Start = previous.Start;
                    }
                }

                if (phase.Start > MaxEnd || (phase.Length is { } l && phase.Start + l > MaxEnd))
                {
                    Report(DiagnosticDescriptors.LengthOverflow, phase.Reader.Location, _type.Name);
                    return;
                }

                if (phase.End != EndHold && !last)
                {
                    Report(DiagnosticDescriptors.EndOnInnerPhase, phase.Reader.ArgumentLocation("End"), phase.Kind);
                }
                else if (phase.End == EndPeriodic && !phase.CanBePeriodic)
                {
                    Report(DiagnosticDescriptors.EndNotSupported, phase.Reader.ArgumentLocation("End"), "Periodic", phase.Kind, "only [Cosine] has a periodic continuation");
                }
                else if (phase.End == EndThrow && phase.Length is null)
                {
                    Report(DiagnosticDescriptors.EndNotSupported, phase.Reader.ArgumentLocation("End"), "Throw", phase.Kind, "the phase never ends; give it a length with Steps = ...");
                }
                else if (phase.End is < EndHold or > EndThrow)
                {
                    Report(DiagnosticDescriptors.EndNotSupported, phase.Reader.ArgumentLocation("End"), phase.End, phase.Kind, "it is not a defined EndBehavior value");
                }
            }
        }

        private ScheduleModel Build(double peak, List<Phase> phases, List<Phase> multipliers)
        {
            var summaries = new List<PhaseSummary>();
            long? total = null;
            bool throws = false;
            for (int i = 0; i < phases.Count; i++)
            {
                Phase phase = phases[i];
                summaries.Add(new PhaseSummary(phase.Kind, phase.Start, SegmentEnd(phases, i)));
                if (i == phases.Count - 1 && phase.Length is { } length)
                {
                    total = phase.Start + length;
                    throws = phase.End == EndThrow;
                }

                if (phase.Swa is { } swa)
                {
                    // SWALR anneals from the rate in force: where the previous phase has got to, or the peak.
                    double start = i == 0 ? peak : ValueAt(phases[i - 1], phase.Start - phases[i - 1].Start);
                    long steps = phase.Length!.Value;
                    phase.Body.Add((0, steps, Named("Shapes.Swa", D(start), D(swa.Rate), D(steps), B(swa.Cosine))));
                }
            }

            List<Piece> pieces = phases.Count == 0
                ? [new Piece(0, long.MaxValue, 0, new RateFunction.Constant(peak))]
                : Curve(phases, p => p.Body, p => p.Hold, throws);

            foreach (Phase multiplier in multipliers)
            {
                long end = multiplier.Length is { } length ? multiplier.Start + length : long.MaxValue;
                summaries.Add(new PhaseSummary(multiplier.Kind + " (Multiply)", multiplier.Start, end));
                total = total is { } t && end != long.MaxValue ? Math.Max(t, end) : null;
                pieces = Multiply(pieces, FactorCurve(multiplier, peak), peak);
            }

            // The momentum co-schedule exists when a phase cycles momentum; the other phases keep the momentum
            // in force at their start (the first cycling phase's initial value before it).
            List<Piece> momentum = [];
            if (phases.Any(p => p.Momentum is not null))
            {
                double carried = phases.First(p => p.Momentum is not null).MomentumFirst;
                foreach (Phase phase in phases)
                {
                    if (phase.Momentum is null)
                    {
                        phase.Momentum = [(0, long.MaxValue, new RateFunction.Constant(carried))];
                        phase.MomentumHold = carried;
                    }
                    else
                    {
                        carried = phase.MomentumHold;
                    }
                }

                momentum = Curve(phases, p => p.Momentum!, p => p.MomentumHold, throws);
            }

            return new ScheduleModel(
                Namespace: NamespaceName(_type),
                ContainingTypes: Containing(_type).ToEquatableArray(),
                Type: Declaration(_type),
                FullyQualifiedMetadataName: MetadataName(_type),
                Peak: peak,
                Pieces: Merge(pieces).ToEquatableArray(),
                TotalSteps: total,
                ThrowsPastEnd: throws,
                Phases: summaries.ToEquatableArray(),
                MomentumPieces: Merge(momentum).ToEquatableArray());
        }

        /// <summary>A phase's own value at its local step, holding its final value past its length.</summary>
        private static double ValueAt(Phase phase, long local)
        {
            if (phase.Length is { } length && local >= length)
            {
                return phase.Hold;
            }

            foreach ((long from, long to, RateFunction function) in phase.Body)
            {
                if (local >= from && local < to)
                {
                    return function.Evaluate(local);
                }
            }

            return phase.Hold;
        }

        /// <summary>A multiplying phase as a curve over all steps: the peak (factor 1) before it, then its own curve and final value.</summary>
        private static List<Piece> FactorCurve(Phase phase, double peak)
        {
            var pieces = new List<Piece>();
            if (phase.Start > 0)
            {
                pieces.Add(new Piece(0, phase.Start, 0, new RateFunction.Constant(peak)));
            }

            pieces.AddRange(Curve([phase], p => p.Body, p => p.Hold, throwsPastEnd: false));
            return pieces;
        }

        /// <summary>The pointwise product of two curves divided by the peak, split at the union of their boundaries.</summary>
        private static List<Piece> Multiply(List<Piece> left, List<Piece> right, double peak)
        {
            var product = new List<Piece>();
            int i = 0;
            int j = 0;
            long start = 0;
            while (i < left.Count && j < right.Count)
            {
                Piece a = left[i];
                Piece b = right[j];
                long end = Math.Min(a.End, b.End);
                if (end > start)
                {
                    product.Add(a.Function is RateFunction.Constant ca && b.Function is RateFunction.Constant cb
                        ? new Piece(start, end, start, new RateFunction.Constant(ca.Value * cb.Value / peak))
                        : new Piece(start, end, 0, new RateFunction.Product(a.Function, a.Origin, b.Function, b.Origin, peak)));
                }

                if (end == long.MaxValue)
                {
                    break;
                }

                start = end;
                if (a.End == end)
                {
                    i++;
                }

                if (b.End == end)
                {
                    j++;
                }
            }

            return product;
        }

        /// <summary>Where phase i hands over: the next phase's start, else its own end (or never).</summary>
        private static long SegmentEnd(List<Phase> phases, int i)
            => i + 1 < phases.Count
                ? phases[i + 1].Start
                : phases[i].Length is { } length ? phases[i].Start + length : long.MaxValue;

        /// <summary>
        /// Flattens one curve (the rate, or the momentum) into contiguous pieces from step 0: each phase's body clipped
        /// to where the next phase takes over, its final value held across a gap, and past the last phase's end.
        /// </summary>
        private static List<Piece> Curve(
            List<Phase> phases,
            Func<Phase, List<(long From, long To, RateFunction Function)>> body,
            Func<Phase, double> hold,
            bool throwsPastEnd)
        {
            var pieces = new List<Piece>();
            for (int i = 0; i < phases.Count; i++)
            {
                Phase phase = phases[i];
                long nominalEnd = phase.Length is { } length ? phase.Start + length : long.MaxValue;
                long end = SegmentEnd(phases, i);
                foreach ((long from, long to, RateFunction function) in body(phase))
                {
                    long pieceStart = phase.Start + from;
                    long pieceEnd = to == long.MaxValue ? end : Math.Min(phase.Start + to, end);
                    if (pieceStart < pieceEnd)
                    {
                        // A constant reads no step; counting it from its own start keeps the generated code plain.
                        pieces.Add(new Piece(pieceStart, pieceEnd, function is RateFunction.Constant ? pieceStart : phase.Start, function));
                    }
                }

                if (nominalEnd < end)
                {
                    // A later Start leaves a gap: the phase holds its final value until then.
                    pieces.Add(new Piece(nominalEnd, end, nominalEnd, new RateFunction.Constant(hold(phase))));
                }

                if (i == phases.Count - 1 && phase.Length is not null && !throwsPastEnd)
                {
                    pieces.Add(new Piece(nominalEnd, long.MaxValue, nominalEnd, new RateFunction.Constant(hold(phase))));
                }
            }

            return pieces;
        }

        /// <summary>Joins neighbouring constant pieces of equal value, so the generated branch tree has fewer leaves.</summary>
        private static List<Piece> Merge(List<Piece> pieces)
        {
            var merged = new List<Piece>();
            foreach (Piece piece in pieces)
            {
                if (merged.Count > 0
                    && merged[merged.Count - 1] is { Function: RateFunction.Constant previous } last
                    && piece.Function is RateFunction.Constant current
                    && previous.Value.Equals(current.Value)
                    && last.End == piece.Start)
                {
                    merged[merged.Count - 1] = last with { End = piece.End };
                }
                else
                {
                    merged.Add(piece);
                }
            }

            return merged;
        }

        private static IEnumerable<TypeDeclaration> Containing(INamedTypeSymbol type)
        {
            var chain = new List<TypeDeclaration>();
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                chain.Add(Declaration(outer));
            }

            chain.Reverse();
            return chain;
        }

        private static TypeDeclaration Declaration(INamedTypeSymbol type)
        {
            string keyword = (type.IsRecord, type.TypeKind) switch
            {
                (true, TypeKind.Struct) => "record struct",
                (true, _) => "record",
                (false, TypeKind.Struct) => "struct",
                (false, TypeKind.Interface) => "interface",
                _ => "class",
            };
            return new TypeDeclaration(keyword, type.Name);
        }

        private static string MetadataName(INamedTypeSymbol type)
        {
            var parts = new List<string>();
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                parts.Add(t.MetadataName);
            }

            parts.Reverse();
            string name = string.Join("+", parts);
            return NamespaceName(type) is { } ns ? ns + "." + name : name;
        }

        /// <summary>The namespace's parts as declared (no <c>@</c>), joined by '.'; null for the global namespace.</summary>
        private static string? NamespaceName(INamedTypeSymbol type)
        {
            var parts = new List<string>();
            for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                parts.Add(ns.MetadataName);
            }

            parts.Reverse();
            return parts.Count == 0 ? null : string.Join(".", parts);
        }

        private long Length(AttributeReader reader, string name)
        {
            long value = reader.Long(name, 0);
            if (value < 1 || value > MaxSteps)
            {
                Report(DiagnosticDescriptors.InvalidLength, reader.ArgumentLocation(name), Describe(reader, name), 1, value);
                return 1;
            }

            return value;
        }

        private double Factor(AttributeReader reader, string name, double value)
        {
            if (!IsFinite(value) || value < 0 || value > 1)
            {
                Report(DiagnosticDescriptors.InvalidFactor, reader.ArgumentLocation(name), Describe(reader, name), Show(value));
            }

            return value;
        }

        private double Gamma(AttributeReader reader, string name)
        {
            double value = reader.Double(name, 0.1);
            if (!IsFinite(value) || value <= 0)
            {
                Report(DiagnosticDescriptors.InvalidGamma, reader.ArgumentLocation(name), Describe(reader, name), Show(value));
            }

            return value;
        }

        /// <summary>An absolute end rate (<c>Final</c>): finite and non-negative, default 0.</summary>
        private double FinalRate(AttributeReader reader)
        {
            double value = reader.Double("Final", 0.0);
            if (!IsFinite(value) || value < 0 || value > NumericRange.MaxRate)
            {
                Report(DiagnosticDescriptors.InvalidRate, reader.ArgumentLocation("Final"), Describe(reader, "Final"), "non-negative", Show(value));
            }

            return value;
        }

        private static string Describe(AttributeReader reader, string name)
            => $"{char.ToUpperInvariant(name[0])}{name.Substring(1)} of [{reader.Name}]";

        private void Report(DiagnosticDescriptor descriptor, Location location, params object?[] args)
            => _diagnostics.Add(Diagnostic.Create(descriptor, location, args));
    }

    private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    private static string Show(double value) => Emission.Literal.Double(value);
}
