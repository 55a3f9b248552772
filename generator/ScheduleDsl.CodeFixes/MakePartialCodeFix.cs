using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.CodeFixes;

/// <summary>SDL0001: adds <c>partial</c> to the schedule type, or to the containing type the diagnostic names.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : ScheduleCodeFix
{
    /// <summary>Creates the fix.</summary>
    public MakePartialCodeFix()
        : base(ProblemCatalog.NotPartial, "MakePartial")
    {
    }

    private protected override Edit? Offer(SyntaxNode root, SemanticModel? model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not TypeDeclarationSyntax declaration
            || declaration.Identifier.Span != diagnostic.Location.SourceSpan
            || declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return null;
        }

        return new Edit($"Make '{declaration.Identifier.ValueText}' partial", () => WithPartial(root, declaration));
    }

    private static SyntaxNode WithPartial(SyntaxNode root, TypeDeclarationSyntax declaration)
    {
        TypeDeclarationSyntax fixedDeclaration;
        if (declaration.Modifiers.Count == 0)
        {
            // `partial` takes the place (and the indentation) of the type keyword.
            SyntaxToken keyword = declaration.Keyword;
            SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            fixedDeclaration = declaration
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }
        else
        {
            // `partial` must come last, right before class, struct, record or interface.
            fixedDeclaration = declaration.WithModifiers(declaration.Modifiers.Add(
                SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
        }

        return root.ReplaceNode(declaration, fixedDeclaration);
    }
}
