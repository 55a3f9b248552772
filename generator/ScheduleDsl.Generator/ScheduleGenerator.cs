using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Generator.Emission;
using ScheduleDsl.Generator.Model;
using ScheduleDsl.Language.Model;
using ScheduleDsl.Generator.Parsing;

namespace ScheduleDsl.Generator;

/// <summary>
/// Compiles each <c>[LearningRate]</c> type and its phase attributes into static, allocation-free schedule code.
/// An invalid schedule gets its members as stubs that throw its error (none when its type shape is the problem), so
/// that the error <see cref="Diagnostics.ScheduleAnalyzer"/> reports is the only one. One more file per compilation,
/// the <c>CompiledSchedules</c> registry (<see cref="RegistryEmitter"/>), lists the valid schedules by name.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ScheduleGenerator : IIncrementalGenerator
{
    /// <summary>Tracking name of the step that turns each attributed type into a <see cref="ScheduleModel"/>.</summary>
    public const string ModelStep = "ScheduleModel";

    /// <summary>Tracking name of the step that drops invalid schedules.</summary>
    public const string ValidStep = "ValidSchedules";

    /// <summary>Tracking name of the step that keeps the stand-ins of invalid schedules.</summary>
    public const string InvalidStep = "InvalidSchedules";

    /// <summary>Tracking name of the step that keeps the registry entry (name, kind) of each valid schedule.</summary>
    public const string RegistryEntryStep = "RegistryEntries";

    /// <summary>Tracking name of the step that collects the entries into the sorted list the registry is written from.</summary>
    public const string RegistryStep = "CompiledSchedules";

    /// <summary>Tracking name of the step that picks the registry's namespace (root namespace or assembly name).</summary>
    public const string RegistryNamespaceStep = "CompiledSchedulesNamespace";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParsedSchedule?> models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ScheduleParser.LearningRateAttributeName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, cancellationToken) => context.TargetSymbol is INamedTypeSymbol type
                    && ScheduleParser.Parse(type, cancellationToken) is var result
                    ? new ParsedSchedule(result.Model, result.Invalid, RegistryEntryOf(type, result.Model))
                    : null)
            .WithTrackingName(ModelStep);

        IncrementalValuesProvider<ScheduleModel> valid = models
            .Where(static parsed => parsed?.Model is { } model && IsComplete(model))
            .Select(static (parsed, _) => parsed!.Model!)
            .WithTrackingName(ValidStep);

        IncrementalValuesProvider<InvalidSchedule> invalid = models
            .Where(static parsed => parsed is { Model: null, Invalid: not null })
            .Select(static (parsed, _) => parsed!.Invalid!)
            .WithTrackingName(InvalidStep);

        // The registry collects only (name, full name, kind) records, so an edit that leaves them equal stops here.
        IncrementalValueProvider<EquatableArray<RegistryEntry>> registry = models
            .Select(static (parsed, _) => parsed?.Entry)
            .Where(static entry => entry is not null)
            .Select(static (entry, _) => entry!)
            .WithTrackingName(RegistryEntryStep)
            .Collect()
            .Select(static (entries, _) => RegistryEmitter.Normalize(entries))
            .WithTrackingName(RegistryStep);

        // The namespace, or null when the name CompiledSchedules is taken there (the class would not compile).
        IncrementalValueProvider<string?> registryNamespace = context.CompilationProvider
            .Combine(context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
                options.GlobalOptions.TryGetValue("build_property.RootNamespace", out string? root) ? root : null))
            .Select(static (pair, _) => RegistryEmitter.Namespace(pair.Right, pair.Left.AssemblyName) is var ns && !IsTaken(pair.Left, ns) ? ns : null)
            .WithTrackingName(RegistryNamespaceStep);

        context.RegisterSourceOutput(registry.Combine(registryNamespace), static (output, pair) =>
        {
            if (pair.Left.Count > 0 && pair.Right is not null)
            {
                output.AddSource(RegistryEmitter.HintName, RegistryEmitter.Emit(pair.Right, pair.Left));
            }
        });
        context.RegisterSourceOutput(valid, static (output, model) =>
            output.AddSource(ScheduleEmitter.HintName(model), model.BoundSource ?? ScheduleEmitter.Emit(model)));
        context.RegisterSourceOutput(invalid, static (output, schedule) =>
            output.AddSource(ScheduleEmitter.HintName(schedule), ScheduleEmitter.Emit(schedule)));
    }

    /// <summary>What the generator keeps of a parse: values only, so equal declarations cache.</summary>
    /// <param name="Model">The valid schedule, or null.</param>
    /// <param name="Invalid">The stand-in of an invalid schedule, or null.</param>
    /// <param name="Entry">The registry's entry: for a valid schedule that code elsewhere in the assembly can name.</param>
    private sealed record ParsedSchedule(ScheduleModel? Model, InvalidSchedule? Invalid, RegistryEntry? Entry);

    /// <summary>
    /// The registry entry of a schedule, or null when it has no code or the registry, an internal class of the
    /// assembly, cannot name it (the type or a containing type is private, protected or private protected).
    /// </summary>
    private static RegistryEntry? RegistryEntryOf(INamedTypeSymbol type, ScheduleModel? model)
    {
        if (model is null || !IsComplete(model))
        {
            return null;
        }

        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                return null;
            }
        }

        return RegistryEntry.Of(model);
    }

    /// <summary>
    /// Whether declaring <c>{ns}.CompiledSchedules</c> would clash with the user's code or an accessible referenced
    /// type: a type named like a part of the namespace (CS0101), or a type or namespace named CompiledSchedules in it.
    /// </summary>
    private static bool IsTaken(Compilation compilation, string ns)
    {
        INamespaceSymbol scope = compilation.GlobalNamespace;
        foreach (string part in ns.Split('.'))
        {
            if (scope.GetTypeMembers(part).Any(t => compilation.IsSymbolAccessibleWithin(t, compilation.Assembly)))
            {
                return true;
            }

            INamespaceSymbol? inner = scope.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
            if (inner is null)
            {
                return false;
            }

            scope = inner;
        }

        return scope.GetNamespaceMembers().Any(n => n.Name == RegistryEmitter.ClassName)
               || scope.GetTypeMembers(RegistryEmitter.ClassName).Any(t => compilation.IsSymbolAccessibleWithin(t, compilation.Assembly));
    }

    /// <summary>
    /// A guard against a model that slipped past validation: the pieces must cover every step from 0, contiguous,
    /// the last one open-ended unless the schedule throws past its end. Anything else would crash the emitter or
    /// generate wrong code, so no code is generated (the generator never throws).
    /// </summary>
    private static bool IsComplete(ScheduleModel? model)
    {
        if (model is null || model.Pieces.Count == 0 || model.Pieces[0].Start != 0)
        {
            return false;
        }

        for (int i = 1; i < model.Pieces.Count; i++)
        {
            if (model.Pieces[i].Start != model.Pieces[i - 1].End)
            {
                return false;
            }
        }

        Piece last = model.Pieces[model.Pieces.Count - 1];
        return last.IsOpen || (model.ThrowsPastEnd && model.TotalSteps == last.End);
    }
}
