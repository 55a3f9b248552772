using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
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
public sealed class MoveEndToLastPhaseCodeFix : ScheduleCodeFix
{
    /// <summary>Creates the fix.</summary>
    public MoveEndToLastPhaseCodeFix()
        : base(ProblemCatalog.EndOnInnerPhase, "MoveEnd")
    {
    }

    private protected override bool NeedsSemanticModel => true;

    private protected override Edit? Offer(SyntaxNode root, SemanticModel? model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (AttributeAt(root, diagnostic) is not { } attribute
            || AttributeEdits.NamedArgument(attribute, "End") is not { } end
            || attribute.Parent?.Parent is not TypeDeclarationSyntax declaration)
        {
            return null;
        }

        List<(AttributeSyntax Attribute, bool Multiply)> phases = AttributeEdits.Phases(declaration, model!, cancellationToken);
        AttributeSyntax? last = phases.LastOrDefault(p => !p.Multiply).Attribute;
        bool multiplier = phases.Any(p => p.Attribute == attribute && p.Multiply);
        AttributeSyntax withoutEnd = AttributeEdits.RemoveArgument(attribute, end);
        if (last is null || last == attribute || multiplier || AttributeEdits.NamedArgument(last, "End") is not null)
        {
            return new Edit($"Remove '{end}'", () => root.ReplaceNode(attribute, withoutEnd));
        }

        AttributeSyntax lastWithEnd = AttributeEdits.AppendArgument(last, end);
        return new Edit(
            $"Move '{end}' to [{last.Name}]",
            () => root.ReplaceNodes(new[] { attribute, last }, (original, _) => original == attribute ? withoutEnd : lastWithEnd));
    }
}
