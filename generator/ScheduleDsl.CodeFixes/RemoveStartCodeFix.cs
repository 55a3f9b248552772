using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.CodeFixes;

/// <summary>
/// SDL0013: removes the offending <c>Start = ...</c>, so that the phase starts where the previous one ends
/// (the first phase at step 0).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveStartCodeFix)), Shared]
public sealed class RemoveStartCodeFix : ScheduleCodeFix
{
    /// <summary>Creates the fix.</summary>
    public RemoveStartCodeFix()
        : base(ProblemCatalog.InvalidStart, "RemoveStart")
    {
    }

    private protected override Edit? Offer(SyntaxNode root, SemanticModel? model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (AttributeAt(root, diagnostic) is not { } attribute
            || AttributeEdits.NamedArgument(attribute, "Start") is not { } start)
        {
            return null;
        }

        return new Edit($"Remove '{start}'", () => root.ReplaceNode(attribute, AttributeEdits.RemoveArgument(attribute, start)));
    }
}
