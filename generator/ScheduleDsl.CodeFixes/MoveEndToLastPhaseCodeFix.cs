using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.CodeFixes;

/// <summary>
/// SDL0011: an <c>End = ...</c> on a phase that is not the last moves to the last phase, where it applies. When
/// the last phase already has its own <c>End</c>, or the phase is a multiplier (<c>Multiply = true</c>, which
/// never ends the schedule), the misplaced one is removed instead: the last phase's choice stands.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveEndToLastPhaseCodeFix)), Shared]
public sealed class MoveEndToLastPhaseCodeFix : CodeFixProvider
{
    private const string Key = "SDL0011.MoveEnd";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(ProblemCatalog.EndOnInnerPhase.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute
                || AttributeEdits.NamedArgument(attribute, "End") is not { } end
                || attribute.Parent?.Parent is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            List<(AttributeSyntax Attribute, bool Multiply)> phases = AttributeEdits.Phases(declaration, model, context.CancellationToken);
            AttributeSyntax? last = phases.LastOrDefault(p => !p.Multiply).Attribute;
            bool multiplier = phases.Any(p => p.Attribute == attribute && p.Multiply);
            AttributeSyntax withoutEnd = AttributeEdits.RemoveArgument(attribute, end);
            if (last is null || last == attribute || multiplier || AttributeEdits.NamedArgument(last, "End") is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Remove '{end}'",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute, withoutEnd))),
                        Key),
                    diagnostic);
            }
            else
            {
                AttributeSyntax lastWithEnd = AttributeEdits.AppendArgument(last, end);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Move '{end}' to [{last.Name}]",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNodes(
                            new[] { attribute, last },
                            (original, _) => original == attribute ? withoutEnd : lastWithEnd))),
                        Key),
                    diagnostic);
            }
        }
    }
}
