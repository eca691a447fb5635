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
using Microsoft.CodeAnalysis.Operations;

namespace LiveKit.Analyzers.CodeFixes;

/// <summary>
/// Fixes LK1003 in one of two ways: store the handler in a new field (<c>room.On(key, _onTrackSubscribed = (...) =&gt; ...)</c>,
/// and an <c>Off</c> of the same event in the same type declaration that passes the same lambda, token for token, passes
/// <c>_onTrackSubscribed</c> instead, so that it removes the handler), or keep the returned subscription in a new field
/// (<c>_trackSubscribedSubscription = room.On(key, ...)</c>, so that it can be disposed).
/// </summary>
/// <remarks>
/// Field names come from the event key type (<c>TrackSubscribedKey</c>: <c>_onTrackSubscribed</c>,
/// <c>_trackSubscribedSubscription</c>), numbered when taken; the field is static when the call is in a static context,
/// nullable when nullable annotations are on, and goes after the type's last field. The handler is assigned where it
/// is created, so a lambda that captures locals or parameters is stored as well. Offered in classes and record classes
/// (a struct's copy would hold the field). Fix All applies the fixes one after the other so that every new field gets its
/// own name.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LK1003DiscardedSubscriptionCodeFixProvider)), Shared]
public sealed class LK1003DiscardedSubscriptionCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of "Store the handler in a field".</summary>
    public const string StoreHandlerEquivalenceKey = "LK1003.StoreHandlerInField";

    /// <summary>The equivalence key of "Keep the subscription in a field".</summary>
    public const string KeepSubscriptionEquivalenceKey = "LK1003.KeepSubscriptionInField";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("LK1003");

    /// <inheritdoc/>
    /// <remarks>
    /// Sequential rather than the batch fixer: fixes computed independently would all pick the same field name for the
    /// same event, and their field insertions land at the same place.
    /// </remarks>
    public override FixAllProvider GetFixAllProvider() => new SequentialFixAllProvider(
        (root, diagnostic) => FindFunction(root, diagnostic),
        async (document, target, equivalenceKey, cancellationToken) =>
            (await ApplyAsync(document, (AnonymousFunctionExpressionSyntax)target, equivalenceKey, cancellationToken).ConfigureAwait(false)).Project.Solution);

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
            if (FindFunction(root, diagnostic) is not { } function
                || await Target.FindAsync(context.Document, function, context.CancellationToken).ConfigureAwait(false) is not { } target)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Store the handler in field '{target.HandlerFieldName}'",
                    cancellationToken => ApplyAsync(context.Document, function, StoreHandlerEquivalenceKey, cancellationToken),
                    StoreHandlerEquivalenceKey),
                diagnostic);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Keep the subscription in field '{target.SubscriptionFieldName}'",
                    cancellationToken => ApplyAsync(context.Document, function, KeepSubscriptionEquivalenceKey, cancellationToken),
                    KeepSubscriptionEquivalenceKey),
                diagnostic);
        }
    }

    private static AnonymousFunctionExpressionSyntax? FindFunction(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindToken(diagnostic.Location.SourceSpan.Start).Parent as AnonymousFunctionExpressionSyntax;

    private static async Task<Document> ApplyAsync(Document document, AnonymousFunctionExpressionSyntax function, string equivalenceKey, CancellationToken cancellationToken)
    {
        if (await Target.FindAsync(document, function, cancellationToken).ConfigureAwait(false) is not { } target)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var generator = editor.Generator;
        FieldDeclarationSyntax field;
        if (equivalenceKey == StoreHandlerEquivalenceKey)
        {
            // room.On(key, _onX = (...) => ...)
            var handler = target.Argument.Expression;
            var assignment = SyntaxFactory.AssignmentExpression(
                    SyntaxKind.SimpleAssignmentExpression,
                    SyntaxFactory.IdentifierName(target.HandlerFieldName),
                    handler.WithoutTrivia())
                .WithTriviaFrom(handler);
            editor.ReplaceNode(handler, assignment);

            // ...and room.Off(key, <the same lambda>) -> room.Off(key, _onX): the field serves both places.
            foreach (var offHandler in target.MatchingOffHandlers)
            {
                editor.ReplaceNode(offHandler, SyntaxFactory.IdentifierName(target.HandlerFieldName).WithTriviaFrom(offHandler));
            }

            field = CodeFixHelpers.PrivateField(CodeFixHelpers.TypeReference(target.HandlerType, generator), target.HandlerFieldName, target.IsStatic, target.Nullable);
        }
        else
        {
            if (target.DiscardTarget is { } discard)
            {
                // _ = room.On(...)  ->  _xSubscription = room.On(...)
                editor.ReplaceNode(discard, SyntaxFactory.IdentifierName(target.SubscriptionFieldName).WithTriviaFrom(discard));
            }
            else
            {
                // room.On(...);  ->  _xSubscription = room.On(...);
                var call = target.DiscardedExpression;
                editor.ReplaceNode(
                    call,
                    SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(target.SubscriptionFieldName), call.WithoutTrivia())
                        .WithTriviaFrom(call));
            }

            field = CodeFixHelpers.PrivateField(CodeFixHelpers.TypeReference(target.SubscriptionType, generator), target.SubscriptionFieldName, target.IsStatic, target.Nullable);
        }

        editor.ReplaceNode(target.TypeDeclaration, (node, _) => CodeFixHelpers.AddField((TypeDeclarationSyntax)node, field));
        return editor.GetChangedDocument();
    }

    /// <summary>Everything a fix of one LK1003 needs, found from the reported lambda.</summary>
    private sealed class Target
    {
        private Target(
            ArgumentSyntax argument,
            ExpressionSyntax discardedExpression,
            ExpressionSyntax? discardTarget,
            TypeDeclarationSyntax typeDeclaration,
            ITypeSymbol handlerType,
            ITypeSymbol subscriptionType,
            string handlerFieldName,
            string subscriptionFieldName,
            bool isStatic,
            bool nullable,
            ImmutableArray<ExpressionSyntax> matchingOffHandlers)
        {
            Argument = argument;
            DiscardedExpression = discardedExpression;
            DiscardTarget = discardTarget;
            TypeDeclaration = typeDeclaration;
            HandlerType = handlerType;
            SubscriptionType = subscriptionType;
            HandlerFieldName = handlerFieldName;
            SubscriptionFieldName = subscriptionFieldName;
            IsStatic = isStatic;
            Nullable = nullable;
            MatchingOffHandlers = matchingOffHandlers;
        }

        public ArgumentSyntax Argument { get; }

        public ExpressionSyntax DiscardedExpression { get; }

        public ExpressionSyntax? DiscardTarget { get; }

        public TypeDeclarationSyntax TypeDeclaration { get; }

        public ITypeSymbol HandlerType { get; }

        public ITypeSymbol SubscriptionType { get; }

        public string HandlerFieldName { get; }

        public string SubscriptionFieldName { get; }

        public bool IsStatic { get; }

        public bool Nullable { get; }

        /// <summary>The handler arguments of <c>Off</c> calls for the same event that repeat the registered lambda.</summary>
        public ImmutableArray<ExpressionSyntax> MatchingOffHandlers { get; }

        public static async Task<Target?> FindAsync(Document document, AnonymousFunctionExpressionSyntax function, CancellationToken cancellationToken)
        {
            var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (semanticModel is null || EventApi.TryCreate(semanticModel.Compilation) is not { } api)
            {
                return null;
            }

            // The handler argument of the On/Once call: the outermost argument around the lambda that belongs to one.
            IArgumentOperation? argument = null;
            IInvocationOperation? invocation = null;
            foreach (var candidate in function.Ancestors().OfType<ArgumentSyntax>())
            {
                if (semanticModel.GetOperation(candidate, cancellationToken) is IArgumentOperation { Parent: IInvocationOperation call } operation
                    && api.GetKind(call.TargetMethod) is EventMethodKind.On or EventMethodKind.Once)
                {
                    argument = operation;
                    invocation = call;
                    break;
                }
            }

            if (argument?.Syntax is not ArgumentSyntax argumentSyntax
                || argument.Parameter is not { } parameter
                || invocation is null
                || invocation.Type is not { } subscriptionType
                || EventApi.GetKeyType(invocation.TargetMethod) is not { } keyType
                || !LK1003DiscardedSubscriptionAnalyzer.IsDiscarded(invocation))
            {
                return null;
            }

            // The expression whose value is dropped (the call, or `room?.On(...)`), and the `_` it may be assigned to.
            IOperation discarded = invocation;
            while (discarded.Parent is IConditionalAccessOperation conditionalAccess && conditionalAccess.WhenNotNull == discarded)
            {
                discarded = conditionalAccess;
            }

            var discardTarget = discarded.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation target } ? target.Syntax as ExpressionSyntax : null;
            if (discarded.Syntax is not ExpressionSyntax discardedExpression)
            {
                return null;
            }

            // A field needs a class to live in (not top-level statements, not a struct whose copies would each hold one).
            var typeDeclaration = argumentSyntax.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (typeDeclaration is not (ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword })
                || semanticModel.GetDeclaredSymbol(typeDeclaration, cancellationToken) is not { } type)
            {
                return null;
            }

            var taken = new HashSet<string>(type.MemberNames, System.StringComparer.Ordinal) { type.Name };
            var eventName = CodeFixHelpers.EventNameOf(keyType);
            var position = argumentSyntax.SpanStart;
            return new Target(
                argumentSyntax,
                discardedExpression,
                discardTarget,
                typeDeclaration,
                parameter.Type,
                subscriptionType,
                CodeFixHelpers.UniqueName("_on" + eventName, semanticModel, position, taken),
                CodeFixHelpers.UniqueName("_" + CodeFixHelpers.CamelCase(eventName) + "Subscription", semanticModel, position, taken),
                CodeFixHelpers.IsInStaticContext(semanticModel, argumentSyntax),
                semanticModel.GetNullableContext(typeDeclaration.OpenBraceToken.SpanStart).AnnotationsEnabled(),
                FindMatchingOffHandlers(semanticModel, api, typeDeclaration, keyType, function, cancellationToken));
        }

        // Off(key, x => ...) with the same key type and a lambda equivalent to the registered one: it can never match
        // (LK1002), and it is what the user meant to remove.
        private static ImmutableArray<ExpressionSyntax> FindMatchingOffHandlers(
            SemanticModel semanticModel,
            EventApi api,
            TypeDeclarationSyntax typeDeclaration,
            ITypeSymbol keyType,
            AnonymousFunctionExpressionSyntax function,
            CancellationToken cancellationToken)
        {
            var matches = ImmutableArray.CreateBuilder<ExpressionSyntax>();
            foreach (var call in typeDeclaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (semanticModel.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
                    || api.GetKind(invocation.TargetMethod) != EventMethodKind.Off
                    || !SymbolEqualityComparer.Default.Equals(EventApi.GetKeyType(invocation.TargetMethod), keyType))
                {
                    continue;
                }

                foreach (var argument in EventApi.GetHandlerArguments(invocation))
                {
                    if (argument.Syntax is ArgumentSyntax { Expression: AnonymousFunctionExpressionSyntax offHandler }
                        && SyntaxFactory.AreEquivalent(offHandler, function))
                    {
                        matches.Add(offHandler);
                    }
                }
            }

            return matches.ToImmutable();
        }
    }
}
