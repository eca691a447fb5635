using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LiveKit.Analyzers;

/// <summary>
/// LK1003: a lambda or anonymous method registered with <c>[EventMethod(On)]</c> or <c>[EventMethod(Once)]</c>, whose
/// returned <c>EventSubscription</c> is discarded, in a type that also calls <c>[EventMethod(Off)]</c> for the same event
/// key type. Such a handler can never be removed.
/// </summary>
/// <remarks>
/// Aggregated per named type with a symbol-start/symbol-end pair, so every partial declaration of the type counts. A
/// nested type is a type of its own. The event is identified by its key type, the type of the event method's first
/// parameter (e.g. <c>RoomEvent.TrackSubscribedKey</c>). The location is the lambda's <c>=&gt;</c> or the anonymous
/// method's <c>delegate</c> keyword.
/// </remarks>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class LK1003DiscardedSubscriptionAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LK1003DiscardedSubscription);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (EventApi.TryCreate(start.Compilation) is not { } api)
            {
                return;
            }

            start.RegisterSymbolStartAction(symbolStart => AnalyzeType(symbolStart, api), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolStartAnalysisContext context, EventApi api)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var offKeys = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
        var candidates = new ConcurrentQueue<Candidate>();

        context.RegisterOperationAction(
            operationContext =>
            {
                // Operations of nested types belong to those types' own aggregation.
                if (!SymbolEqualityComparer.Default.Equals(OwningType(operationContext.ContainingSymbol), type))
                {
                    return;
                }

                var invocation = (IInvocationOperation)operationContext.Operation;
                var kind = api.GetKind(invocation.TargetMethod);
                if (kind == EventMethodKind.None || EventApi.GetKeyType(invocation.TargetMethod) is not { } keyType)
                {
                    return;
                }

                if (kind == EventMethodKind.Off)
                {
                    offKeys.TryAdd(keyType, true);
                    return;
                }

                if (!IsDiscarded(invocation))
                {
                    return;
                }

                foreach (var argument in EventApi.GetHandlerArguments(invocation))
                {
                    foreach (var source in HandlerSource.Of(argument.Value))
                    {
                        if (source.Kind != HandlerSourceKind.AnonymousFunction)
                        {
                            continue;
                        }

                        var (location, what) = source.AnonymousFunction!.Syntax switch
                        {
                            LambdaExpressionSyntax lambda => (lambda.ArrowToken.GetLocation(), "lambda"),
                            AnonymousMethodExpressionSyntax method => (method.DelegateKeyword.GetLocation(), "anonymous method"),
                            var other => (other.GetLocation(), "handler"),
                        };
                        candidates.Enqueue(new Candidate(keyType, location, EventApi.Describe(invocation.TargetMethod), what));
                    }
                }
            },
            OperationKind.Invocation);

        context.RegisterSymbolEndAction(endContext =>
        {
            foreach (var candidate in candidates)
            {
                if (offKeys.ContainsKey(candidate.KeyType))
                {
                    endContext.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.LK1003DiscardedSubscription,
                        candidate.Location,
                        candidate.Method,
                        candidate.What,
                        type.Name));
                }
            }
        });
    }

    /// <summary>
    /// True when the value of <paramref name="invocation"/> is thrown away: the call is an expression statement, or the
    /// right side of a discard assignment <c>_ = ...</c> (also through <c>?.</c>).
    /// </summary>
    internal static bool IsDiscarded(IInvocationOperation invocation)
    {
        IOperation current = invocation;
        while (current.Parent is IConditionalAccessOperation conditionalAccess && conditionalAccess.WhenNotNull == current)
        {
            current = conditionalAccess;
        }

        while (current.Parent is IConversionOperation { IsImplicit: true } conversion)
        {
            current = conversion;
        }

        return current.Parent switch
        {
            IExpressionStatementOperation => true,
            ISimpleAssignmentOperation { Target: IDiscardOperation } assignment => assignment.Value == current,
            _ => false,
        };
    }

    private static INamedTypeSymbol? OwningType(ISymbol? symbol)
    {
        while (symbol is not null and not INamedTypeSymbol)
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol as INamedTypeSymbol;
    }

    private sealed class Candidate
    {
        public Candidate(ITypeSymbol keyType, Location location, string method, string what)
        {
            KeyType = keyType;
            Location = location;
            Method = method;
            What = what;
        }

        public ITypeSymbol KeyType { get; }

        public Location Location { get; }

        public string Method { get; }

        public string What { get; }
    }
}
