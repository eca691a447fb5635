using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LiveKit.Analyzers.CodeFixes;

/// <summary>
/// Fix All that applies one fix after the other, each on the solution the previous ones left, instead of computing
/// every fix on the original solution and merging their text changes as the batch fixer does.
/// </summary>
/// <remarks>
/// The LK1xxx fixes add fields whose names must differ, insert members at the same place, add the same using, and
/// change a method's declaration as well as its use: independent fixes of one document collide there, and the batch
/// fixer then drops some of them. Each fix's target node is first marked with an annotation, so that it is found again
/// after the earlier fixes have changed the tree.
/// </remarks>
internal sealed class SequentialFixAllProvider : FixAllProvider
{
    private readonly Func<SyntaxNode, Diagnostic, SyntaxNode?> _findTarget;
    private readonly Func<Document, SyntaxNode, string, CancellationToken, Task<Solution?>> _applyFix;

    /// <summary>Creates the provider.</summary>
    /// <param name="findTarget">The node a diagnostic's fix works on, found in the document's root.</param>
    /// <param name="applyFix">
    /// Applies the fix with the given equivalence key to the target node of the given document; null when it no longer
    /// applies.
    /// </param>
    public SequentialFixAllProvider(
        Func<SyntaxNode, Diagnostic, SyntaxNode?> findTarget,
        Func<Document, SyntaxNode, string, CancellationToken, Task<Solution?>> applyFix)
    {
        _findTarget = findTarget;
        _applyFix = applyFix;
    }

    /// <inheritdoc/>
    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
        [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

    /// <inheritdoc/>
    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        if (fixAllContext.CodeActionEquivalenceKey is not { } equivalenceKey)
        {
            return null;
        }

        IEnumerable<Document> documents = fixAllContext.Scope switch
        {
            FixAllScope.Document when fixAllContext.Document is { } document => [document],
            FixAllScope.Project => fixAllContext.Project.Documents,
            FixAllScope.Solution => fixAllContext.Solution.Projects.SelectMany(project => project.Documents),
            _ => [],
        };

        var work = new List<(DocumentId Document, ImmutableArray<Diagnostic> Diagnostics)>();
        foreach (var document in documents)
        {
            var diagnostics = await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
            if (!diagnostics.IsEmpty)
            {
                work.Add((document.Id, diagnostics));
            }
        }

        if (work.Count == 0)
        {
            return null;
        }

        return CodeAction.Create(
            "Fix all occurrences",
            cancellationToken => FixAllAsync(fixAllContext.Solution, work, equivalenceKey, cancellationToken),
            equivalenceKey);
    }

    private async Task<Solution> FixAllAsync(
        Solution solution,
        List<(DocumentId Document, ImmutableArray<Diagnostic> Diagnostics)> work,
        string equivalenceKey,
        CancellationToken cancellationToken)
    {
        // Mark every target first, in every document, while the diagnostics' locations are still right.
        var marks = new List<(DocumentId Document, SyntaxAnnotation Mark)>();
        foreach (var (documentId, diagnostics) in work)
        {
            var root = await solution.GetDocument(documentId)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                continue;
            }

            var targets = new Dictionary<SyntaxNode, SyntaxAnnotation>();
            foreach (var diagnostic in diagnostics.OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start))
            {
                if (_findTarget(root, diagnostic) is { } target && !targets.ContainsKey(target))
                {
                    var mark = new SyntaxAnnotation();
                    targets.Add(target, mark);
                    marks.Add((documentId, mark));
                }
            }

            solution = solution.WithDocumentSyntaxRoot(
                documentId,
                root.ReplaceNodes(targets.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(targets[original])));
        }

        // Then fix them one after the other.
        foreach (var (documentId, mark) in marks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var document = solution.GetDocument(documentId)!;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root?.GetAnnotatedNodes(mark).FirstOrDefault() is { } target
                && await _applyFix(document, target, equivalenceKey, cancellationToken).ConfigureAwait(false) is { } fixedSolution)
            {
                solution = fixedSolution;
            }
        }

        return solution;
    }
}
