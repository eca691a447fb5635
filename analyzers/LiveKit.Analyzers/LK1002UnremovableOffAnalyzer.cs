using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LiveKit.Analyzers;

/// <summary>
/// LK1002: a lambda, an anonymous method, or a new delegate wrapping another delegate (<c>new D(d)</c>) passed as the
/// handler of an event method marked <c>[EventMethod(Off)]</c>. <c>Off</c> removes by delegate equality and such a
/// delegate is equal to no registered handler.
/// </summary>
/// <remarks>
/// Method groups are not reported, whether converted implicitly, by a cast, or in <c>new D(M)</c>: every delegate
/// created from the same method and target is equal, so <c>Off(key, Handler)</c> removes what <c>On(key, Handler)</c>
/// registered. The location is the lambda's <c>=&gt;</c>, the anonymous method's <c>delegate</c> keyword, or the
/// <c>new</c> keyword of an explicit <c>new D(...)</c>.
/// </remarks>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class LK1002UnremovableOffAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LK1002UnremovableOff);

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

            start.RegisterOperationAction(operationContext => AnalyzeInvocation(operationContext, api), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, EventApi api)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (api.GetKind(invocation.TargetMethod) != EventMethodKind.Off)
        {
            return;
        }

        foreach (var argument in EventApi.GetHandlerArguments(invocation))
        {
            foreach (var source in HandlerSource.Of(argument.Value))
            {
                Location location;
                string what;
                switch (source.Kind)
                {
                    case HandlerSourceKind.AnonymousFunction when source.ExplicitCreation is { } creation:
                        location = creation.NewKeyword.GetLocation();
                        what = "new delegate";
                        break;
                    case HandlerSourceKind.AnonymousFunction when source.AnonymousFunction!.Syntax is LambdaExpressionSyntax lambda:
                        location = lambda.ArrowToken.GetLocation();
                        what = "lambda";
                        break;
                    case HandlerSourceKind.AnonymousFunction when source.AnonymousFunction!.Syntax is AnonymousMethodExpressionSyntax method:
                        location = method.DelegateKeyword.GetLocation();
                        what = "anonymous method";
                        break;
                    case HandlerSourceKind.WrappedDelegate when source.ExplicitCreation is { } creation:
                        location = creation.NewKeyword.GetLocation();
                        what = "new delegate";
                        break;
                    default:
                        continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.LK1002UnremovableOff,
                    location,
                    what,
                    EventApi.Describe(invocation.TargetMethod)));
            }
        }
    }
}
