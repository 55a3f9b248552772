using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Generator.Diagnostics;
using ScheduleDsl.Language.Kinds;
using ScheduleDsl.Generator.Model;
using ScheduleDsl.Language.Model;
using ScheduleDsl.Language;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Generator.Parsing;

/// <summary>The outcome of reading one schedule type: a model when it is valid, and every problem found.</summary>
/// <param name="Model">The schedule, or null when anything is wrong with it.</param>
/// <param name="Diagnostics">The problems, with the location of the offending argument.</param>
/// <param name="Invalid">
/// For a schedule whose arguments are wrong but whose type can take the generated members: the stub that the generator
/// emits instead, so that code using the schedule compiles and the SDL error is the only one. Null when the schedule
/// is valid, or when its type shape is itself the problem (not partial, generic, a clashing member, …).
/// </param>
internal sealed record ParseResult(ScheduleModel? Model, ImmutableArray<Diagnostic> Diagnostics, InvalidSchedule? Invalid = null);

/// <summary>
/// The one routine that reads a schedule declaration. The generator keeps the model (or, for an invalid schedule,
/// its throwing stand-in); the analyzer reports the diagnostics. It never throws on user code.
/// </summary>
internal static class ScheduleParser
{
    public const string Namespace = "ScheduleDsl";
    public const string LearningRateAttributeName = "ScheduleDsl.LearningRateAttribute";
    public const string PhaseAttributeName = "PhaseAttribute";

    /// <summary>Lengths, starts and milestones are limited to 2⁵³ so that every step converts to double exactly.</summary>
    public const long MaxSteps = NumericRange.MaxSteps;


    private const long MaxEnd = 1L << 62;

    /// <summary>The members the generator adds; a user member of the same name would clash with them.</summary>
    private static readonly string[] GeneratedMembers = ["PeakLearningRate", "TotalSteps", "At", "AtSingle", "Fill", "MomentumAt"];



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

        if (diagnostics.Count > 0 && diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            model = null;
        }

        return new ParseResult(model, diagnostics.ToImmutable(), model is null ? context.Stub() : null);
    }

    private sealed class Context : IProblemSink
    {
        private readonly INamedTypeSymbol _type;
        private readonly ImmutableArray<Diagnostic>.Builder _diagnostics;
        private bool _compilerErrors;

        /// <summary>Whether the type itself cannot take the generated members (then not even a stub is emitted).</summary>
        private bool _shapeFailed;

        /// <summary>Whether a phase cycles momentum, so that a stub implements the momentum contract too.</summary>
        private bool _cyclesMomentum;

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
            _shapeFailed = Failed;

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
                    Report(ProblemCatalog.PhasesWithoutLearningRate, typeLocation, _type.Name);
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
            if (!rate.Has("peak"))
            {
                // [LearningRate] without a rate: the peak of a bound schedule. Read the phases with the nominal peak 1
                // so that their own problems are reported too.
                Report(ProblemCatalog.BoundPeak, rate, ArgumentLocation.Attribute);
                peak = 1.0;
            }
            else if (!IsFinite(peak) || peak <= 0 || peak > NumericRange.MaxRate)
            {
                Report(ProblemCatalog.InvalidRate, rate, rate.LocationOf("peak"), "The learning rate", "positive", Show(peak));
            }

            var phases = new List<Phase>();
            foreach (AttributeReader reader in phaseReaders)
            {
                phases.Add(ReadPhase(reader, peak));
            }

            _cyclesMomentum = phases.Any(p => p.Momentum is not null);

            if (phases.Count == 0)
            {
                Report(ProblemCatalog.NoPhases, typeLocation, _type.Name, Show(peak));
            }

            cancellationToken.ThrowIfCancellationRequested();
            List<Phase> sequence = phases.Where(p => !p.Multiply).ToList();
            List<Phase> multipliers = phases.Where(p => p.Multiply).ToList();
            PlacePhases(sequence);
            foreach (Phase multiplier in multipliers)
            {
                multiplier.Start = multiplier.ExplicitStart ?? 0;
                if (multiplier.End != (int)EndBehavior.Hold)
                {
                    Report(ProblemCatalog.EndOnInnerPhase, multiplier.Reader, multiplier.Reader.LocationOf("End"), multiplier.Kind);
                }
            }

            if (multipliers.Count > 0 && sequence.Count > 0 && sequence[sequence.Count - 1].End == (int)EndBehavior.Throw)
            {
                Report(ProblemCatalog.EndNotSupported, sequence[sequence.Count - 1].Reader, sequence[sequence.Count - 1].Reader.LocationOf("End"), "Throw", sequence[sequence.Count - 1].Kind, "the schedule has a phase with Multiply = true");
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

        /// <summary>
        /// The stand-in for an invalid schedule: its members throw with the first error's message. None when the type
        /// shape is the problem, when nothing was declared as a schedule, or when no error explains the failure.
        /// </summary>
        public InvalidSchedule? Stub()
        {
            if (_shapeFailed || !_type.GetAttributes().Any(a => IsLearningRateAttribute(a.AttributeClass)))
            {
                return null;
            }

            Diagnostic? error = _diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            string message = error is not null
                ? $"{error.Id}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"
                : _compilerErrors
                    ? "its attributes do not compile"
                    : "the generator could not build it";
            return new InvalidSchedule(
                NamespaceName(_type),
                Containing(_type).ToEquatableArray(),
                Declaration(_type),
                MetadataName(_type),
                $"The schedule '{_type.Name}' is invalid and has no code ({message}).",
                _cyclesMomentum,
                HasDocumentation(_type));
        }

        /// <summary>Warnings and notes: the schedule is valid and generated, but probably not what was meant.</summary>
        private void ReportSuspicions(ScheduleModel model, AttributeReader rate, List<Phase> phases)
        {
            double peak = model.Peak;
            if (peak > 1)
            {
                Report(ProblemCatalog.RateAboveOne, rate, rate.LocationOf("peak"), Show(peak));
            }

            for (int i = 0; i < phases.Count; i++)
            {
                Phase phase = phases[i];
                IArgumentReader reader = phase.Reader;
                if (reader.Has("Final") && reader.Double("Final", 0) > peak)
                {
                    Report(ProblemCatalog.FinalAbovePeak, reader, reader.LocationOf("Final"), KindReader.Describe(reader.Name, "Final"), Show(reader.Double("Final", 0)), Show(peak));
                }

                if (phase.Descriptor is { HasMilestones: true } && phase.Length is { } steps)
                {
                    long[] milestones = reader.Longs("milestones");
                    for (int m = 0; m < milestones.Length; m++)
                    {
                        if (milestones[m] > steps)
                        {
                            Report(ProblemCatalog.MilestonePastEnd, reader, reader.LocationOf("milestones", m), milestones[m], phase.Kind, steps);
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
                    Report(ProblemCatalog.PhaseCutShort, reader, reader.LocationOf("Start"), phase.Start, previous.Kind, previous.Start + length - phase.Start, previous.Start + length);
                }

                double before = previous.ValueAt(phase.Start - previous.Start);
                double after = phase.ValueAt(0);
                double previousStart = previous.ValueAt(0);
                if (phase.Descriptor is { IsWarmup: true } && previous.Descriptor is not { IsWarmup: true } && previousStart - before > 1e-9 * peak)
                {
                    // A decay followed by a warmup: the jump back up is almost always a mistake, so a warning (it
                    // replaces the note SDL0021 on the same handover).
                    Report(ProblemCatalog.WarmupAfterDecay, reader, reader.Location, phase.Kind, phase.Start, previous.Kind, Show(previousStart), Show(before), Show(after));
                }
                else if (Math.Abs(after - before) > 1e-9 * peak)
                {
                    Report(ProblemCatalog.Discontinuity, reader, reader.Location, Show(before), Show(after), phase.Start, phase.Kind, previous.Kind);
                }
            }

            if (model.TotalSteps is { } total)
            {
                long warmup = phases.Where(p => p.Descriptor is { IsWarmup: true } && p.Length is not null).Sum(p => p.Length!.Value);
                if (warmup * 2 > total && phases.Count > 1)
                {
                    IArgumentReader first = phases.First(p => p.Descriptor is { IsWarmup: true }).Reader;
                    Report(ProblemCatalog.LongWarmup, first, first.Location, warmup, total);
                }
            }

            long training = rate.Long("TrainingSteps", 0);
            if (training < 0)
            {
                Report(ProblemCatalog.InvalidLength, rate, rate.LocationOf("TrainingSteps"), "TrainingSteps", 0, training);
            }
            else if (training > 0 && phases.Count > 0)
            {
                Phase last = phases[phases.Count - 1];
                if (model.TotalSteps is { } end && end < training)
                {
                    string rest = model.ThrowsPastEnd
                        ? $"updates from step {end} on would throw (End = EndBehavior.Throw)"
                        : $"its last {training - end} updates all use the held rate {Show(model.Evaluate(end))}";
                    Report(ProblemCatalog.ShorterThanTraining, rate, rate.LocationOf("TrainingSteps"), end, training, rest);
                }
                else if (model.TotalSteps is null && last.Descriptor is { MayBePeriodic: true } && last.End == (int)EndBehavior.Periodic)
                {
                    long half = last.Reader.Long("steps", 1);
                    if (last.Start + half < training)
                    {
                        Report(ProblemCatalog.ShorterThanTraining, rate, rate.LocationOf("TrainingSteps"), last.Start + half, training, $"the periodic cosine climbs back towards the peak after step {last.Start + half}");
                    }
                }
                else if (model.TotalSteps is { } finish && finish > training)
                {
                    Report(ProblemCatalog.LongerThanTraining, rate, rate.LocationOf("TrainingSteps"), training, finish, Show(model.Evaluate(training - 1)), Show(model.Evaluate(finish)));
                }
            }
        }

        private void CheckTypeShape(Location location)
        {
            if (!IsPartial(_type))
            {
                Report(ProblemCatalog.NotPartial, location, _type.Name);
            }

            for (INamedTypeSymbol? outer = _type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (!IsPartial(outer))
                {
                    Report(ProblemCatalog.NotPartial, outer.Locations.FirstOrDefault() ?? location, outer.Name);
                }

                if (outer.IsGenericType)
                {
                    Report(ProblemCatalog.UnsupportedType, location, _type.Name, $"its containing type '{outer.Name}' is generic");
                }
            }

            if (_type.IsGenericType)
            {
                Report(ProblemCatalog.UnsupportedType, location, _type.Name, "generic schedule types are not supported");
            }

            for (INamedTypeSymbol? t = _type; t is not null; t = t.ContainingType)
            {
                if (t.IsFileLocal)
                {
                    string which = SymbolEqualityComparer.Default.Equals(t, _type) ? "it is" : $"its containing type '{t.Name}' is";
                    Report(ProblemCatalog.UnsupportedType, location, _type.Name, $"{which} file-local, and a generated file cannot add members to a file-local type");
                    break;
                }
            }

            if (Array.IndexOf(GeneratedMembers, _type.Name) >= 0)
            {
                Report(ProblemCatalog.TypeNamedLikeMember, location, _type.Name);
            }

            CheckBaseTypes(location);

            if (_type.IsStatic)
            {
                Report(ProblemCatalog.UnsupportedType, location, _type.Name, "a static class cannot implement ISchedule");
            }

            foreach (string name in GeneratedMembers)
            {
                foreach (ISymbol member in _type.GetMembers(name))
                {
                    // The analyzer also sees this generator's own output, which starts with the auto-generated marker.
                    SyntaxReference? user = member.DeclaringSyntaxReferences.FirstOrDefault(r => !IsGeneratedHere(r.SyntaxTree));
                    if (user is not null)
                    {
                        Report(ProblemCatalog.MemberConflict, Location.Create(user.SyntaxTree, user.Span), _type.Name, name);
                    }
                }
            }

            if (_type.IsRefLikeType)
            {
                Report(ProblemCatalog.UnsupportedType, location, _type.Name, "a ref struct cannot be used as a generic argument");
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
                    Report(ProblemCatalog.InheritedMember, location, _type.Name, baseType.Name, "is itself a schedule");
                    return;
                }

                foreach (string name in GeneratedMembers)
                {
                    if (baseType.GetMembers(name).Any(m => m.DeclaredAccessibility != Accessibility.Private))
                    {
                        Report(ProblemCatalog.InheritedMember, location, _type.Name, baseType.Name, $"declares '{name}'");
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
                Report(ProblemCatalog.PhasesSpreadOverDeclarations, typeLocation, _type.Name);
            }

            return readers
                .OrderBy(r => r.Syntax?.SyntaxTree.FilePath ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(r => r.Syntax?.SpanStart ?? 0)
                .ToList();
        }

        private Phase ReadPhase(AttributeReader reader, double peak)
        {
            PhaseKind? kind = KindRegistry.Find(reader.Data.AttributeClass?.Name);
            var phase = new Phase(reader, kind);
            if (kind is null)
            {
                Report(ProblemCatalog.UnknownPhaseKind, reader, ArgumentLocation.Attribute, reader.Name);
            }
            else
            {
                kind.Read(new KindReader(reader, this), phase, peak);
            }

            phase.End = reader.Int("End", (int)EndBehavior.Hold);
            phase.Multiply = reader.Bool("Multiply", false);
            if (phase.Multiply && phase.Momentum is not null)
            {
                // About CycleMomentum: reported there when it is written, else (it defaults to true) at Multiply.
                Report(ProblemCatalog.MomentumOnMultiplier, reader, reader.LocationOf(reader.Has("CycleMomentum") ? "CycleMomentum" : "Multiply"), reader.Name);
            }
            if (reader.Has("Start"))
            {
                long start = reader.Long("Start", -1);
                if (start != -1)
                {
                    if (start < 0 || start > MaxSteps)
                    {
                        Report(ProblemCatalog.InvalidLength, reader, reader.LocationOf("Start"), "Start", 0, start);
                    }

                    phase.ExplicitStart = start;
                }
            }

            return phase;
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
                        Report(ProblemCatalog.RateOutOfRange, phase.Reader, phase.Reader.LocationOf(growth.Argument), $"{KindReader.Describe(phase.Reader.Name, growth.Argument)} = {Show(growth.Value)}", growth.What, phase.Start + local, Show(growth.Envelope(local)), growth.Remedy);
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
                            Report(ProblemCatalog.RateOutOfRange, location, $"The schedule '{_type.Name}'", pieces == model.Pieces ? "the rate" : "the momentum", step, Show(value), "change the phase in force at that step");
                            return;
                        }
                    }
                }
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
                        Report(ProblemCatalog.InvalidStart, phase.Reader, phase.Reader.LocationOf("Start"), phase.Kind, phase.ExplicitStart, "but the first phase must start at step 0");
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
                            Report(ProblemCatalog.InvalidStart, phase.Reader, phase.Reader.LocationOf("Start"), phase.Kind, start, $"which is not after the start of [{previous.Kind}] at step {previous.Start}");
                        }

                        phase.Start = start;
                    }
                    else if (previous.Length is { } length)
                    {
                        phase.Start = previous.Start + length;
                    }
                    else
                    {
                        Report(ProblemCatalog.UnreachablePhase, phase.Reader, phase.Reader.Location, phase.Kind, previous.Kind);
                        phase.Start = previous.Start;
                    }
                }

                if (phase.Start > MaxEnd || (phase.Length is { } l && phase.Start + l > MaxEnd))
                {
                    Report(ProblemCatalog.LengthOverflow, phase.Reader, phase.Reader.Location, _type.Name);
                    return;
                }

                if (phase.End != (int)EndBehavior.Hold && !last)
                {
                    Report(ProblemCatalog.EndOnInnerPhase, phase.Reader, phase.Reader.LocationOf("End"), phase.Kind);
                }
                else if (phase.End == (int)EndBehavior.Periodic && !phase.CanBePeriodic)
                {
                    Report(ProblemCatalog.EndNotSupported, phase.Reader, phase.Reader.LocationOf("End"), "Periodic", phase.Kind, "only [Cosine] has a periodic continuation");
                }
                else if (phase.End == (int)EndBehavior.Throw && phase.Length is null)
                {
                    Report(ProblemCatalog.EndNotSupported, phase.Reader, phase.Reader.LocationOf("End"), "Throw", phase.Kind, "the phase never ends; give it a length with Steps = ...");
                }
                else if (phase.End is < (int)EndBehavior.Hold or > (int)EndBehavior.Throw)
                {
                    Report(ProblemCatalog.EndNotSupported, phase.Reader, phase.Reader.LocationOf("End"), phase.End, phase.Kind, "it is not a defined EndBehavior value");
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
                summaries.Add(new PhaseSummary(phase.Kind, phase.Start, SegmentEnd(phases, i), phase.Descriptor?.IsWarmup ?? false));
                if (i == phases.Count - 1 && phase.Length is { } length)
                {
                    total = phase.Start + length;
                    throws = phase.End == (int)EndBehavior.Throw;
                }

                if (phase.Swa is { } swa)
                {
                    // SWALR anneals from the rate in force: where the previous phase has got to, or the peak.
                    double start = i == 0 ? peak : phases[i - 1].ValueAt(phase.Start - phases[i - 1].Start);
                    long steps = phase.Length!.Value;
                    phase.Body.Add((0, steps, new RateFunction.Named(Formula.Swa, new RateFunction.Argument[] { new(start, RateFunction.ArgumentKind.Double), new(swa.Rate, RateFunction.ArgumentKind.Double), new(steps, RateFunction.ArgumentKind.Double), new(swa.Cosine ? 1 : 0, RateFunction.ArgumentKind.Bool) }.ToEquatableArray())));
                }
            }

            List<Piece> pieces = phases.Count == 0
                ? [new Piece(0, long.MaxValue, 0, new RateFunction.Constant(peak))]
                : Curve(phases, p => p.Body, p => p.Hold, throws);

            foreach (Phase multiplier in multipliers)
            {
                long end = multiplier.Length is { } length ? multiplier.Start + length : long.MaxValue;
                summaries.Add(new PhaseSummary(multiplier.Kind, multiplier.Start, end, IsMultiplier: true));
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
                MomentumPieces: Merge(momentum).ToEquatableArray(),
                HasUserDocumentation: HasDocumentation(_type));
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

        /// <summary>
        /// Whether a declaration of the type carries a documentation comment (/// or /**), whatever the documentation
        /// mode (with none, the compiler keeps doc comments as plain comment trivia).
        /// </summary>
        private static bool HasDocumentation(INamedTypeSymbol type)
            => type.DeclaringSyntaxReferences.Any(r => r.GetSyntax().GetLeadingTrivia().Any(t =>
                t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || t.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia)
                || (t.IsKind(SyntaxKind.SingleLineCommentTrivia) && t.ToString().StartsWith("///", StringComparison.Ordinal))
                || (t.IsKind(SyntaxKind.MultiLineCommentTrivia) && t.ToString().StartsWith("/**", StringComparison.Ordinal))));

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

        private void Report(Problem problem, Location location, params object?[] args)
            => _diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.For(problem), location, args));

        private void Report(Problem problem, IArgumentReader? attribute, ArgumentLocation location, params object?[] args)
            => Report(problem, attribute is AttributeReader reader ? reader.Resolve(location) : _type.Locations.FirstOrDefault() ?? Location.None, args);

        void IProblemSink.Report(Problem problem, IArgumentReader? attribute, ArgumentLocation location, object?[] args)
            => Report(problem, attribute, location, args);
    }

    private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    private static string Show(double value) => Literal.Double(value);
}
