using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Generator.Model;
using ScheduleDsl.Language;
using ScheduleDsl.Language.Kinds;
using ScheduleDsl.Language.Lowering;
using ScheduleDsl.Language.Model;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Generator.Parsing;

/// <summary>The outcome of reading one schedule type: a model when it is valid, and every problem found.</summary>
/// <param name="Model">The schedule, or null when anything is wrong with it.</param>
/// <param name="Findings">
/// The problems, as values: the analyzer turns each into a <see cref="Diagnostic"/> at the offending argument
/// (<see cref="Finding.ToDiagnostic"/>); the generator builds none.
/// </param>
/// <param name="Invalid">
/// For a schedule whose arguments are wrong but whose type can take the generated members: the stub that the generator
/// emits instead, so that code using the schedule compiles and the SDL error is the only one. Null when the schedule
/// is valid, or when its type shape is itself the problem (not partial, generic, a clashing member, …).
/// </param>
internal sealed record ParseResult(ScheduleModel? Model, ImmutableArray<Finding> Findings, InvalidSchedule? Invalid = null);

/// <summary>
/// The Roslyn side of reading a schedule declaration: the type's shape, the attributes and their source order, and the
/// symbol helpers. Everything after reading the attributes is the shared <see cref="SchedulePass"/>, which the runtime
/// library runs over schedule text too. The generator keeps the model (or, for an invalid schedule, its throwing
/// stand-in); the analyzer reports the findings. It never throws on user code.
/// </summary>
internal static partial class ScheduleParser
{
    public const string Namespace = "ScheduleDsl";
    public const string LearningRateAttributeName = "ScheduleDsl.LearningRateAttribute";
    public const string PhaseAttributeName = "PhaseAttribute";

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
        var findings = ImmutableArray.CreateBuilder<Finding>();
        var context = new Context(type, findings);
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

        if (findings.Any(f => f.Problem.IsError))
        {
            model = null;
        }

        return new ParseResult(model, findings.ToImmutable(), model is null ? context.Stub() : null);
    }

    private sealed partial class Context : IProblemSink
    {
        private readonly INamedTypeSymbol _type;
        private readonly ImmutableArray<Finding>.Builder _findings;
        private bool _compilerErrors;

        /// <summary>Whether the type itself cannot take the generated members (then not even a stub is emitted).</summary>
        private bool _shapeFailed;

        /// <summary>The shared pass, once the attributes are read; it knows whether a phase cycles momentum.</summary>
        private SchedulePass? _pass;

        public Context(INamedTypeSymbol type, ImmutableArray<Finding>.Builder findings)
        {
            _type = type;
            _findings = findings;
        }

        private bool Failed => _compilerErrors || _findings.Any(f => f.Problem.IsError);

        /// <summary>Where problems about the schedule as a whole go: the type's name (no location is created).</summary>
        private Location TypeLocation => _type.Locations.FirstOrDefault() ?? Location.None;

        public ScheduleModel? Run(CancellationToken cancellationToken)
        {
            Location typeLocation = TypeLocation;
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
                _pass = new SchedulePass(_type.Name, this, Failed);
                _pass.Lower(null, Declared(phaseReaders), cancellationToken);
                return null;
            }

            if (rate.HasErrors || phaseReaders.Any(r => r.HasErrors))
            {
                _compilerErrors = true;
                return null;
            }

            phaseReaders = OrderBySource(phaseReaders, typeLocation);
            if (IsBound(rate, phaseReaders))
            {
                return RunBound(rate, phaseReaders, cancellationToken);
            }

            _pass = new SchedulePass(_type.Name, this, Failed);
            LoweredSchedule? schedule = _pass.Lower(rate, Declared(phaseReaders), cancellationToken);
            if (schedule is null || Failed)
            {
                return null;
            }

            return Model(schedule);
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

            Finding? error = _findings.Where(f => f.Problem.IsError).Cast<Finding?>().FirstOrDefault();
            string message = error is { } first
                ? $"{first.Problem.Id}: {first.Message}"
                : _compilerErrors
                    ? "its attributes do not compile"
                    : "the generator could not build it";
            return new InvalidSchedule(
                NamespaceName(_type),
                Containing(_type).ToEquatableArray(),
                Declaration(_type),
                MetadataName(_type),
                $"The schedule '{_type.Name}' is invalid and has no code ({message}).",
                _pass?.CyclesMomentum ?? false,
                HasDocumentation(_type));
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
                        _findings.Add(Finding.At(ProblemCatalog.MemberConflict, user, _type.Name, name));
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
               && trivia[0].Span.Length == Emission.ScheduleEmitter.GeneratedMarker.Length
               && trivia[0].ToString() == Emission.ScheduleEmitter.GeneratedMarker;

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

        /// <summary>Each phase attribute with the descriptor of its class, found by the class's name.</summary>
        private static List<DeclaredPhase> Declared(List<AttributeReader> readers)
            => readers.Select(r => new DeclaredPhase(r, KindRegistry.Find(r.Data.AttributeClass?.Name))).ToList();

        private void Report(Problem problem, Location location, params object?[] args) => _findings.Add(Finding.At(problem, location, args));

        void IProblemSink.Report(Problem problem, IArgumentReader? attribute, ArgumentLocation location, object?[] args)
            => _findings.Add(attribute is AttributeReader reader ? Finding.At(problem, reader, location, args) : Finding.At(problem, TypeLocation, args));
    }
}
