using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleDsl.Generator.Parsing;

namespace ScheduleDsl.Generator.Diagnostics;

/// <summary>
/// Reports every problem <see cref="ScheduleParser"/> finds in a schedule declaration, at the offending
/// argument. Kept apart from the generator so that diagnostics never enter its cached pipeline.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScheduleAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NotPartial,
        DiagnosticDescriptors.PhasesWithoutLearningRate,
        DiagnosticDescriptors.NoPhases,
        DiagnosticDescriptors.InvalidLength,
        DiagnosticDescriptors.InvalidRate,
        DiagnosticDescriptors.InvalidFactor,
        DiagnosticDescriptors.InvalidGamma,
        DiagnosticDescriptors.InvalidPower,
        DiagnosticDescriptors.MilestonesNotIncreasing,
        DiagnosticDescriptors.UnreachablePhase,
        DiagnosticDescriptors.EndOnInnerPhase,
        DiagnosticDescriptors.EndNotSupported,
        DiagnosticDescriptors.InvalidStart,
        DiagnosticDescriptors.PhasesSpreadOverDeclarations,
        DiagnosticDescriptors.UnsupportedType,
        DiagnosticDescriptors.LengthOverflow,
        DiagnosticDescriptors.ValueOutOfRange,
        DiagnosticDescriptors.RateAboveOne,
        DiagnosticDescriptors.LongWarmup,
        DiagnosticDescriptors.FinalAbovePeak,
        DiagnosticDescriptors.Discontinuity,
        DiagnosticDescriptors.PhaseCutShort,
        DiagnosticDescriptors.ShorterThanTraining,
        DiagnosticDescriptors.LongerThanTraining,
        DiagnosticDescriptors.MilestonePastEnd,
        DiagnosticDescriptors.MemberConflict,
        DiagnosticDescriptors.TypeNamedLikeMember,
        DiagnosticDescriptors.InheritedMember,
        DiagnosticDescriptors.RateOutOfRange,
        DiagnosticDescriptors.UnknownPhaseKind,
        DiagnosticDescriptors.UndefinedEnumValue,
        DiagnosticDescriptors.WrongValueCount,
        DiagnosticDescriptors.MomentumOnMultiplier,
        DiagnosticDescriptors.WarmupAfterDecay);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        bool relevant = false;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (ScheduleParser.IsLearningRateAttribute(attribute.AttributeClass) || ScheduleParser.IsPhaseAttribute(attribute.AttributeClass))
            {
                relevant = true;
                break;
            }
        }

        if (!relevant)
        {
            return;
        }

        foreach (Diagnostic diagnostic in ScheduleParser.Parse(type, context.CancellationToken).Diagnostics)
        {
            context.ReportDiagnostic(diagnostic);
        }
    }
}
