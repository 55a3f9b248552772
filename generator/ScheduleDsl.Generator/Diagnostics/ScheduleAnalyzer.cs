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
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // The attribute symbols are resolved once per compilation; a compilation that does not reference
            // ScheduleDsl registers nothing, so its types are never looked at.
            INamedTypeSymbol? learningRate = start.Compilation.GetTypeByMetadataName(ScheduleParser.LearningRateAttributeName);
            INamedTypeSymbol? phase = start.Compilation.GetTypeByMetadataName(ScheduleParser.Namespace + "." + ScheduleParser.PhaseAttributeName);
            if (learningRate is null && phase is null)
            {
                return;
            }

            start.RegisterSymbolAction(context => AnalyzeType(context, learningRate, phase), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol? learningRate, INamedTypeSymbol? phase)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        bool relevant = false;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass
                && (SymbolEqualityComparer.Default.Equals(attributeClass, learningRate) || DerivesFrom(attributeClass, phase)))
            {
                relevant = true;
                break;
            }
        }

        if (!relevant)
        {
            return;
        }

        foreach (Finding finding in ScheduleParser.Parse(type, context.CancellationToken).Findings)
        {
            context.ReportDiagnostic(finding.ToDiagnostic());
        }
    }

    private static bool DerivesFrom(INamedTypeSymbol attribute, INamedTypeSymbol? baseType)
    {
        for (INamedTypeSymbol? t = attribute.BaseType; t is not null && baseType is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
