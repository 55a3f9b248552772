using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleDsl.Generator.Parsing;
using ScheduleDsl.Language.Problems;

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

            // A bound schedule (lengths or peak from the run) has no static members: where a type argument must be an
            // ISchedule, say why and what to write, beside the compiler's CS0315.
            INamedTypeSymbol? schedule = start.Compilation.GetTypeByMetadataName(ScheduleParser.Namespace + ".ISchedule");
            if (schedule is not null && learningRate is not null)
            {
                start.RegisterSyntaxNodeAction(context => AnalyzeTypeArguments(context, schedule, learningRate), SyntaxKind.GenericName);
            }
        });
    }

    private static void AnalyzeTypeArguments(SyntaxNodeAnalysisContext context, INamedTypeSymbol schedule, INamedTypeSymbol learningRate)
    {
        var name = (GenericNameSyntax)context.Node;
        SymbolInfo info = context.SemanticModel.GetSymbolInfo(name, context.CancellationToken);
        (ImmutableArray<ITypeParameterSymbol> parameters, string? generic) = (info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) switch
        {
            INamedTypeSymbol type => (type.TypeParameters, type.Name),
            IMethodSymbol method => (method.TypeParameters, method.Name),
            _ => (ImmutableArray<ITypeParameterSymbol>.Empty, null),
        };
        SeparatedSyntaxList<TypeSyntax> arguments = name.TypeArgumentList.Arguments;
        for (int i = 0; i < parameters.Length && i < arguments.Count; i++)
        {
            if (parameters[i].ConstraintTypes.Any(c => SymbolEqualityComparer.Default.Equals(c, schedule) || c.AllInterfaces.Contains(schedule, SymbolEqualityComparer.Default))
                && context.SemanticModel.GetTypeInfo(arguments[i], context.CancellationToken).Type is INamedTypeSymbol argument
                && ScheduleParser.IsBoundSchedule(argument, learningRate))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.For(ProblemCatalog.BoundWhereStaticRequired), arguments[i].GetLocation(), argument.Name, generic));
            }
        }
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
