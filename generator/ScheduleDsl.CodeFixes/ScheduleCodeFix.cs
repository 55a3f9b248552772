using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.CodeFixes;

/// <summary>
/// The shape every ScheduleDsl code fix shares: one problem of the catalog, batch fix-all, and for each diagnostic at
/// most one edit of the document's syntax root. A fix says only which edit it offers.
/// </summary>
public abstract class ScheduleCodeFix : CodeFixProvider
{
    private readonly string _equivalenceKey;

    private protected ScheduleCodeFix(Problem problem, string fixName)
    {
        FixableDiagnosticIds = ImmutableArray.Create(problem.Id);
        _equivalenceKey = problem.Id + "." + fixName;
    }

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <summary>Whether <see cref="Offer"/> needs the semantic model (it is null otherwise).</summary>
    private protected virtual bool NeedsSemanticModel => false;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = NeedsSemanticModel
            ? await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false)
            : null;
        if (root is null || (NeedsSemanticModel && model is null))
        {
            return;
        }

        Document document = context.Document;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (Offer(root, model, diagnostic, context.CancellationToken) is { } fix)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        fix.Title,
                        cancellationToken =>
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            return Task.FromResult(document.WithSyntaxRoot(fix.NewRoot()));
                        },
                        _equivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>The edit offered for <paramref name="diagnostic"/>, or null when none applies.</summary>
    /// <param name="root">The document's syntax root.</param>
    /// <param name="model">The semantic model when <see cref="NeedsSemanticModel"/>; null otherwise.</param>
    /// <param name="diagnostic">The diagnostic to fix.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    private protected abstract Edit? Offer(SyntaxNode root, SemanticModel? model, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>The schedule attribute the diagnostic is reported in, if it is in one.</summary>
    private protected static AttributeSyntax? AttributeAt(SyntaxNode root, Diagnostic diagnostic)
        => root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>();

    /// <summary>An offered edit: the title shown in the light bulb and the new syntax root, computed when applied.</summary>
    private protected readonly struct Edit
    {
        public Edit(string title, Func<SyntaxNode> newRoot)
        {
            Title = title;
            NewRoot = newRoot;
        }

        public string Title { get; }

        public Func<SyntaxNode> NewRoot { get; }
    }
}
