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
/// that the error <see cref="Diagnostics.ScheduleAnalyzer"/> reports is the only one.
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

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParsedSchedule?> models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ScheduleParser.LearningRateAttributeName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, cancellationToken) => context.TargetSymbol is INamedTypeSymbol type
                    && ScheduleParser.Parse(type, cancellationToken) is var result
                    ? new ParsedSchedule(result.Model, result.Invalid)
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

        context.RegisterSourceOutput(valid, static (output, model) =>
            output.AddSource(ScheduleEmitter.HintName(model), model.BoundSource ?? ScheduleEmitter.Emit(model)));
        context.RegisterSourceOutput(invalid, static (output, schedule) =>
            output.AddSource(ScheduleEmitter.HintName(schedule), ScheduleEmitter.Emit(schedule)));
    }

    /// <summary>What the generator keeps of a parse: values only, so equal declarations cache.</summary>
    private sealed record ParsedSchedule(ScheduleModel? Model, InvalidSchedule? Invalid);

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
