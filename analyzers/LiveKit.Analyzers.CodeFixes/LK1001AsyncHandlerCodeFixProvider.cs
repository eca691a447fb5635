using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;

namespace LiveKit.Analyzers.CodeFixes;

/// <summary>
/// Fixes LK1001: makes the handler synchronous; it starts the asynchronous work as a task that catches and logs its
/// exceptions.
/// </summary>
/// <remarks>
/// <para>
/// An async lambda or anonymous method <c>async (a, b) =&gt; { body }</c> becomes
/// <c>(a, b) =&gt; { _ = HandleAsync(); async Task HandleAsync() { try { body } catch (Exception exception) {
/// Console.Error.WriteLine(exception); } } }</c>: the body moves unchanged into an async local function that is called
/// at once, so its synchronous part still runs on the emitting thread, as before, and an exception is written to
/// standard error instead of being lost or crashing the process.
/// </para>
/// <para>
/// A method group <c>M</c> of an <c>async void</c> method becomes <c>(a, b) =&gt; _ = M(a, b)</c>, and the method
/// returns <c>Task</c> instead of <c>void</c> and catches and logs its exceptions the same way. That is offered only
/// when the method can change: declared in source, in one part, not virtual, abstract, override or interface
/// implementation, and this handler argument is its only reference (changing the return type would break other uses),
/// and when the method group is <c>M</c>, <c>this.M</c> or <c>Type.M</c>.
/// </para>
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LK1001AsyncHandlerCodeFixProvider)), Shared]
public sealed class LK1001AsyncHandlerCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the fix (Fix All applies it to every LK1001 in scope).</summary>
    public const string EquivalenceKey = "LK1001.StartTaskAndLogExceptions";

    private const string Title = "Start the work as a task that logs its exceptions";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("LK1001");

    /// <inheritdoc/>
    /// <remarks>
    /// Sequential rather than the batch fixer: the fixes of one document may add the same using and change a method's
    /// declaration and use, which the batch fixer's merge of independently computed changes drops.
    /// </remarks>
    public override FixAllProvider GetFixAllProvider() => new SequentialFixAllProvider(FindTarget, ApplyToTargetAsync);

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            switch (FindTarget(root, diagnostic))
            {
                case AnonymousFunctionExpressionSyntax function:
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, cancellationToken => FixAnonymousFunctionAsync(context.Document, function, cancellationToken), EquivalenceKey),
                        diagnostic);
                    break;
                case SimpleNameSyntax name when await MethodGroupFix.TryCreateAsync(context.Document, name, context.CancellationToken).ConfigureAwait(false) is { } fix:
                    context.RegisterCodeFix(CodeAction.Create(Title, fix.ApplyAsync, EquivalenceKey), diagnostic);
                    break;
            }
        }
    }

    /// <summary>The reported lambda or anonymous method (located by its <c>async</c>), or the method group's name.</summary>
    private static SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic)
    {
        var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        if (token.IsKind(SyntaxKind.AsyncKeyword))
        {
            return token.Parent as AnonymousFunctionExpressionSyntax;
        }

        return root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as SimpleNameSyntax;
    }

    private static async Task<Solution?> ApplyToTargetAsync(Document document, SyntaxNode target, string equivalenceKey, CancellationToken cancellationToken)
    {
        switch (target)
        {
            case AnonymousFunctionExpressionSyntax function:
                return (await FixAnonymousFunctionAsync(document, function, cancellationToken).ConfigureAwait(false)).Project.Solution;
            case SimpleNameSyntax name when await MethodGroupFix.TryCreateAsync(document, name, cancellationToken).ConfigureAwait(false) is { } fix:
                return await fix.ApplyAsync(cancellationToken).ConfigureAwait(false);
            default:
                return null;
        }
    }

    private static async Task<Document> FixAnonymousFunctionAsync(Document document, AnonymousFunctionExpressionSyntax function, CancellationToken cancellationToken)
    {
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var semanticModel = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        var newLine = CodeFixHelpers.GetNewLine(root);

        var taken = CodeFixHelpers.IdentifiersIn(function);
        var localName = CodeFixHelpers.UniqueName("HandleAsync", semanticModel, function.SpanStart, taken);
        taken.Add(localName);
        var exceptionName = CodeFixHelpers.UniqueName("exception", semanticModel, function.SpanStart, taken);

        // async Task HandleAsync() { try { body } catch (Exception exception) { Console.Error.WriteLine(exception); } }
        var generator = SyntaxGenerator.GetGenerator(document);
        var guarded = CodeFixHelpers.CatchAndLog(
            CodeFixHelpers.BodyStatements(function.Block, function.ExpressionBody), exceptionName, generator, semanticModel.Compilation, newLine);
        var localFunction = SyntaxFactory.LocalFunctionStatement(CodeFixHelpers.TaskType(generator, semanticModel.Compilation), SyntaxFactory.Identifier(localName))
            .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.AsyncKeyword)))
            .WithBody(CodeFixHelpers.MultiLineBlock([guarded], newLine))
            .WithLeadingTrivia(SyntaxFactory.EndOfLine(newLine));

        // _ = HandleAsync();
        var start = SyntaxFactory.ParseStatement($"_ = {localName}();").WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine));
        var newBody = SyntaxFactory.Block(start, localFunction);

        var asyncKeyword = function.AsyncKeyword;
        var isFirstToken = function.GetFirstToken() == asyncKeyword;
        var newFunction = function
            .WithModifiers(SyntaxFactory.TokenList(function.Modifiers.Where(modifier => !modifier.IsKind(SyntaxKind.AsyncKeyword))))
            .WithBlock(newBody)
            .WithExpressionBody(null);
        if (newFunction is LambdaExpressionSyntax lambda)
        {
            // `x => expr` kept its trailing space after the arrow; a block starts on its own line.
            newFunction = lambda.WithArrowToken(lambda.ArrowToken.WithTrailingTrivia());
        }

        if (isFirstToken)
        {
            newFunction = newFunction.WithLeadingTrivia(asyncKeyword.LeadingTrivia);
        }

        newFunction = newFunction.WithTrailingTrivia(function.GetTrailingTrivia()).WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(function, newFunction));
    }

    /// <summary>The method group fix, once checked applicable.</summary>
    private sealed class MethodGroupFix
    {
        private readonly Document _document;
        private readonly ExpressionSyntax _methodGroup;
        private readonly IMethodSymbol _method;
        private readonly SyntaxReference _declaration;

        private MethodGroupFix(Document document, ExpressionSyntax methodGroup, IMethodSymbol method, SyntaxReference declaration)
        {
            _document = document;
            _methodGroup = methodGroup;
            _method = method;
            _declaration = declaration;
        }

        public static async Task<MethodGroupFix?> TryCreateAsync(Document document, SimpleNameSyntax name, CancellationToken cancellationToken)
        {
            var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (semanticModel is null)
            {
                return null;
            }

            ExpressionSyntax methodGroup = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;

            // `obj.M` would read `obj` at every event instead of once: only `M`, `this.M` and `Type.M` keep their meaning.
            if (methodGroup is MemberAccessExpressionSyntax memberAccess
                && memberAccess.Expression is not ThisExpressionSyntax
                && semanticModel.GetSymbolInfo(memberAccess.Expression, cancellationToken).Symbol is not INamedTypeSymbol)
            {
                return null;
            }

            if (semanticModel.GetSymbolInfo(methodGroup, cancellationToken).Symbol is not IMethodSymbol method
                || method.ReducedFrom is not null
                || !method.IsAsync
                || !method.ReturnsVoid
                || method.IsOverride
                || method.IsVirtual
                || method.IsAbstract
                || method.IsExtern
                || !method.ExplicitInterfaceImplementations.IsEmpty
                || ImplementsInterfaceMember(method)
                || method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var declaration = method.DeclaringSyntaxReferences[0];
            var declarationSyntax = await declaration.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
            if (declarationSyntax is not (MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null }
                or LocalFunctionStatementSyntax { Body: not null } or LocalFunctionStatementSyntax { ExpressionBody: not null })
                || document.Project.Solution.GetDocument(declaration.SyntaxTree) is null)
            {
                return null;
            }

            // Changing the return type breaks every other use of the method: offered only when this is the only one.
            var references = await SymbolFinder.FindReferencesAsync(method, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            var locations = references.SelectMany(reference => reference.Locations).ToList();
            if (locations.Count != 1 || locations[0].Location.SourceSpan != name.Span || locations[0].Document.Id != document.Id)
            {
                return null;
            }

            return new MethodGroupFix(document, methodGroup, method, declaration);
        }

        public async Task<Solution> ApplyAsync(CancellationToken cancellationToken)
        {
            var solution = _document.Project.Solution;
            var root = (await _document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            var semanticModel = (await _document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
            var position = _methodGroup.SpanStart;

            // (a, b) => _ = M(a, b)
            var taken = new HashSet<string>(System.StringComparer.Ordinal);
            var parameterNames = new List<string>();
            foreach (var parameter in _method.Parameters)
            {
                var parameterName = CodeFixHelpers.UniqueName(parameter.Name, semanticModel, position, taken);
                taken.Add(parameterName);
                parameterNames.Add(EscapeIdentifier(parameterName));
            }

            var arguments = string.Join(", ", parameterNames);
            var lambda = SyntaxFactory.ParseExpression($"({arguments}) => _ = {_methodGroup.WithoutTrivia().ToFullString()}({arguments})")
                .WithTriviaFrom(_methodGroup)
                .WithAdditionalAnnotations(Formatter.Annotation);

            var declarationDocument = solution.GetDocument(_declaration.SyntaxTree)!;
            var declarationRoot = (await declarationDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            var declarationModel = (await declarationDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
            var declaration = declarationRoot.FindNode(_declaration.Span, getInnermostNodeForTie: true);
            var newDeclaration = ReturnTaskAndCatch(declaration, declarationModel, SyntaxGenerator.GetGenerator(declarationDocument));

            if (declarationDocument.Id == _document.Id)
            {
                var newRoot = root.ReplaceNodes(
                    [_methodGroup, declaration],
                    (original, _) => original == _methodGroup ? lambda : newDeclaration);
                return solution.WithDocumentSyntaxRoot(_document.Id, newRoot);
            }

            return solution
                .WithDocumentSyntaxRoot(_document.Id, root.ReplaceNode(_methodGroup, lambda))
                .WithDocumentSyntaxRoot(declarationDocument.Id, declarationRoot.ReplaceNode(declaration, newDeclaration));
        }

        private static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.UnderscoreToken
                ? "@" + name
                : name;

        /// <summary><c>async void M(...) { body }</c> becomes <c>async Task M(...) { try { body } catch ... }</c>.</summary>
        private static SyntaxNode ReturnTaskAndCatch(SyntaxNode declaration, SemanticModel semanticModel, SyntaxGenerator generator)
        {
            var (returnType, block, expression) = declaration switch
            {
                MethodDeclarationSyntax method => (method.ReturnType, method.Body, method.ExpressionBody?.Expression),
                LocalFunctionStatementSyntax local => (local.ReturnType, local.Body, local.ExpressionBody?.Expression),
                _ => (null!, null, null),
            };
            if (returnType is null)
            {
                return declaration;
            }

            var taken = CodeFixHelpers.IdentifiersIn(declaration);
            var position = block?.SpanStart ?? expression!.SpanStart;
            var exceptionName = CodeFixHelpers.UniqueName("exception", semanticModel, position, taken);
            var newLine = CodeFixHelpers.GetNewLine(declaration.SyntaxTree.GetRoot());
            var guarded = CodeFixHelpers.CatchAndLog(
                CodeFixHelpers.BodyStatements(block, expression), exceptionName, generator, semanticModel.Compilation, newLine);
            var body = CodeFixHelpers.MultiLineBlock([guarded], newLine)
                .WithAdditionalAnnotations(Formatter.Annotation);
            var task = CodeFixHelpers.TaskType(generator, semanticModel.Compilation).WithTriviaFrom(returnType);
            return declaration switch
            {
                MethodDeclarationSyntax method => method
                    .WithReturnType(task)
                    .WithExpressionBody(null)
                    .WithSemicolonToken(default)
                    .WithBody(body)
                    .WithTrailingTrivia(method.GetTrailingTrivia()),
                LocalFunctionStatementSyntax local => local
                    .WithReturnType(task)
                    .WithExpressionBody(null)
                    .WithSemicolonToken(default)
                    .WithBody(body)
                    .WithTrailingTrivia(local.GetTrailingTrivia()),
                _ => declaration,
            };
        }

        private static bool ImplementsInterfaceMember(IMethodSymbol method)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.ContainingType is not { } type)
            {
                return false;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
