using System;
using System.Collections.Generic;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.CodeFixes;

/// <summary>
/// SDL0009: sorts the milestones of <c>[MultiStep]</c>, or the boundaries of <c>[Piecewise]</c> and
/// <c>[Interpolate]</c>, into ascending order. Only the step values move: the other arguments, and each slot's
/// formatting, stay. Boundaries must be strictly increasing, so no fix is offered when two are equal (sorting
/// cannot tell which factor was meant to go where).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SortMilestonesCodeFix)), Shared]
public sealed class SortMilestonesCodeFix : ScheduleCodeFix
{
    /// <summary>Creates the fix.</summary>
    public SortMilestonesCodeFix()
        : base(ProblemCatalog.MilestonesNotIncreasing, "Sort")
    {
    }

    private protected override bool NeedsSemanticModel => true;

    private protected override Edit? Offer(SyntaxNode root, SemanticModel? model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (AttributeAt(root, diagnostic) is not { } attribute
            || Steps(attribute, model!, cancellationToken) is not { } steps)
        {
            return null;
        }

        List<(ExpressionSyntax Expression, long Value)> sorted = steps.Values.OrderBy(s => s.Value).ToList();
        bool strict = steps.Name != "milestones";
        bool changes = !sorted.Select(s => s.Expression).SequenceEqual(steps.Values.Select(s => s.Expression));
        bool valid = !strict || sorted.Zip(sorted.Skip(1), (a, b) => a.Value < b.Value).All(x => x);
        if (!changes || !valid)
        {
            return null;
        }

        var replacement = new Dictionary<ExpressionSyntax, ExpressionSyntax>();
        for (int i = 0; i < sorted.Count; i++)
        {
            ExpressionSyntax slot = steps.Values[i].Expression;
            replacement[slot] = sorted[i].Expression.WithTriviaFrom(slot);
        }

        return new Edit(
            $"Sort the {steps.Name} into ascending order",
            () => root.ReplaceNodes(replacement.Keys, (original, _) => replacement[original]));
    }

    /// <summary>
    /// The step-list argument of the attribute (the <c>params long[]</c> named milestones or boundaries) as its
    /// element expressions with their constant values: expanded params, or one array or collection expression.
    /// Null when the list is not there or an element is not a constant.
    /// </summary>
    private static (string Name, List<(ExpressionSyntax Expression, long Value)> Values)? Steps(AttributeSyntax attribute, SemanticModel model, CancellationToken cancellationToken)
    {
        if (attribute.ArgumentList is not { } list
            || model.GetSymbolInfo(attribute, cancellationToken).Symbol is not IMethodSymbol constructor)
        {
            return null;
        }

        int index = constructor.Parameters.IndexOf(constructor.Parameters.FirstOrDefault(p => p.Name is "milestones" or "boundaries")!);
        if (index < 0)
        {
            return null;
        }

        string name = constructor.Parameters[index].Name;
        var expressions = new List<ExpressionSyntax>();
        AttributeArgumentSyntax? named = list.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == name);
        List<AttributeArgumentSyntax> positional = list.Arguments.Where(a => a.NameColon is null && a.NameEquals is null).ToList();
        ExpressionSyntax? single = named?.Expression ?? (positional.Count == index + 1 ? positional[index].Expression : null);
        if (single is not null && Elements(single) is { } elements)
        {
            expressions.AddRange(elements);
        }
        else if (named is null)
        {
            expressions.AddRange(positional.Skip(index).Select(a => a.Expression));
        }

        var values = new List<(ExpressionSyntax, long)>();
        foreach (ExpressionSyntax expression in expressions)
        {
            Optional<object?> constant = model.GetConstantValue(expression, cancellationToken);
            if (!constant.HasValue || constant.Value is not IConvertible convertible)
            {
                return null;
            }

            try
            {
                values.Add((expression, convertible.ToInt64(CultureInfo.InvariantCulture)));
            }
            catch (Exception exception) when (exception is OverflowException or FormatException or InvalidCastException)
            {
                return null;
            }
        }

        return (name, values);
    }

    private static IEnumerable<ExpressionSyntax>? Elements(ExpressionSyntax expression) => expression switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
        ImplicitArrayCreationExpressionSyntax creation => creation.Initializer.Expressions,
        CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax)
            => collection.Elements.Cast<ExpressionElementSyntax>().Select(e => e.Expression),
        _ => null,
    };
}
