using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Generator.Parsing;

namespace ScheduleDsl.CodeFixes;

/// <summary>Syntax edits on schedule attributes shared by the code fixes: find, remove and append arguments.</summary>
internal static class AttributeEdits
{
    /// <summary>The named argument <paramref name="name"/> (<c>Name = value</c>) of the attribute, if written.</summary>
    public static AttributeArgumentSyntax? NamedArgument(AttributeSyntax attribute, string name)
        => attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);

    /// <summary>
    /// The attribute without <paramref name="argument"/> and its separator; without the parentheses when no
    /// argument is left.
    /// </summary>
    public static AttributeSyntax RemoveArgument(AttributeSyntax attribute, AttributeArgumentSyntax argument)
    {
        AttributeArgumentListSyntax list = attribute.ArgumentList!;
        int index = list.Arguments.IndexOf(a => a.IsEquivalentTo(argument) && a.Span == argument.Span);
        if (index < 0)
        {
            index = list.Arguments.IndexOf(a => a.IsEquivalentTo(argument));
        }

        SeparatedSyntaxList<AttributeArgumentSyntax> remaining = list.Arguments.RemoveAt(index);
        return remaining.Count == 0
            ? attribute.WithArgumentList(null).WithTrailingTrivia(attribute.GetTrailingTrivia())
            : attribute.WithArgumentList(list.WithArguments(remaining));
    }

    /// <summary>The attribute with <paramref name="argument"/> appended after its last argument (", " between).</summary>
    public static AttributeSyntax AppendArgument(AttributeSyntax attribute, AttributeArgumentSyntax argument)
    {
        AttributeArgumentSyntax added = argument.WithoutTrivia();
        if (attribute.ArgumentList is not { } list)
        {
            return attribute.WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(added)));
        }

        var nodes = list.Arguments.ToList();
        var separators = list.Arguments.GetSeparators().ToList();
        if (nodes.Count > 0)
        {
            separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            nodes[nodes.Count - 1] = nodes[nodes.Count - 1].WithoutTrailingTrivia();
        }

        nodes.Add(added.WithTrailingTrivia(list.Arguments.LastOrDefault()?.GetTrailingTrivia() ?? default));
        return attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList(nodes, separators)));
    }

    /// <summary>
    /// The phase attributes written on <paramref name="declaration"/>, in source order, with whether each
    /// multiplies the schedule (<c>Multiply = true</c>) instead of following it.
    /// </summary>
    public static List<(AttributeSyntax Attribute, bool Multiply)> Phases(TypeDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        var phases = new List<(AttributeSyntax, bool)>();
        foreach (AttributeSyntax attribute in declaration.AttributeLists.SelectMany(l => l.Attributes))
        {
            if (model.GetSymbolInfo(attribute, cancellationToken).Symbol is IMethodSymbol { ContainingType: var type }
                && ScheduleParser.IsPhaseAttribute(type))
            {
                bool multiply = NamedArgument(attribute, "Multiply") is { } argument
                    && model.GetConstantValue(argument.Expression, cancellationToken) is { HasValue: true, Value: true };
                phases.Add((attribute, multiply));
            }
        }

        return phases;
    }
}
