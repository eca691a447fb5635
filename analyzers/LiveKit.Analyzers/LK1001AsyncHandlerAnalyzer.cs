using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LiveKit.Analyzers;

/// <summary>
/// LK1001: an async lambda, async anonymous method, or method group of an async void method passed as the handler of
/// an event method marked <c>[EventMethod(On)]</c> or <c>[EventMethod(Once)]</c>.
/// </summary>
/// <remarks>
/// The handler is found on the operation tree: the handler argument's value, through implicit conversions, casts,
/// <c>new D(...)</c> and the branches of <c>?:</c> and <c>??</c>, down to the lambda or method reference. Lambdas are
/// reported on their <c>async</c> keyword, method groups on the method's name.
/// </remarks>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class LK1001AsyncHandlerAnalyzer : DiagnosticAnalyzer
{
    private const string AsyncStateMachineAttributeName = "System.Runtime.CompilerServices.AsyncStateMachineAttribute";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LK1001AsyncHandler);

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

            var asyncStateMachine = start.Compilation.GetTypeByMetadataName(AsyncStateMachineAttributeName);
            start.RegisterOperationAction(
                operationContext => AnalyzeInvocation(operationContext, api, asyncStateMachine),
                OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, EventApi api, INamedTypeSymbol? asyncStateMachine)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var kind = api.GetKind(invocation.TargetMethod);
        if (kind is not (EventMethodKind.On or EventMethodKind.Once))
        {
            return;
        }

        foreach (var argument in EventApi.GetHandlerArguments(invocation))
        {
            foreach (var source in HandlerSource.Of(argument.Value))
            {
                switch (source.Kind)
                {
                    case HandlerSourceKind.AnonymousFunction:
                        var function = source.AnonymousFunction!;
                        if (function.Symbol.IsAsync
                            && function.Symbol.ReturnsVoid
                            && function.Syntax is AnonymousFunctionExpressionSyntax syntax)
                        {
                            var what = syntax is AnonymousMethodExpressionSyntax ? "an async anonymous method" : "an async lambda";
                            context.ReportDiagnostic(Diagnostic.Create(
                                Descriptors.LK1001AsyncHandler,
                                syntax.AsyncKeyword.GetLocation(),
                                EventApi.Describe(invocation.TargetMethod),
                                what));
                        }

                        break;

                    case HandlerSourceKind.MethodGroup:
                        var reference = source.MethodReference!;
                        if (IsAsyncVoid(reference.Method, asyncStateMachine))
                        {
                            context.ReportDiagnostic(Diagnostic.Create(
                                Descriptors.LK1001AsyncHandler,
                                EventApi.GetNameLocation(reference.Syntax),
                                EventApi.Describe(invocation.TargetMethod),
                                $"the async void method '{reference.Method.Name}'"));
                        }

                        break;
                }
            }
        }
    }

    /// <summary>True for a method declared <c>async</c> that returns void, in source or (by its state machine) in metadata.</summary>
    private static bool IsAsyncVoid(IMethodSymbol method, INamedTypeSymbol? asyncStateMachine)
    {
        method = method.ReducedFrom ?? method;
        if (!method.ReturnsVoid)
        {
            return false;
        }

        if (method.IsAsync)
        {
            return true;
        }

        if (asyncStateMachine is null || method.Locations.Length == 0 || method.Locations[0].IsInSource)
        {
            return false;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, asyncStateMachine))
            {
                return true;
            }
        }

        return false;
    }
}
