using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LiveKit.Analyzers;

/// <summary>How the delegate given as a handler argument comes to be.</summary>
internal enum HandlerSourceKind
{
    /// <summary>Anything else: a delegate read from a field, local, parameter, call...</summary>
    Other,

    /// <summary>A lambda or anonymous method, converted implicitly or explicitly, or wrapped in <c>new D(...)</c>.</summary>
    AnonymousFunction,

    /// <summary>A method group (including a local function), converted implicitly or explicitly, or in <c>new D(M)</c>.</summary>
    MethodGroup,

    /// <summary><c>new D(d)</c> where <c>d</c> is already a delegate: a new delegate that calls <c>d.Invoke</c>.</summary>
    WrappedDelegate,
}

/// <summary>One possible origin of a handler argument's delegate.</summary>
internal readonly struct HandlerSource
{
    private HandlerSource(HandlerSourceKind kind, IOperation operation, IDelegateCreationOperation? creation)
    {
        Kind = kind;
        Operation = operation;
        Creation = creation;
    }

    /// <summary>How the delegate is made.</summary>
    public HandlerSourceKind Kind { get; }

    /// <summary>The lambda, the method reference, the wrapped delegate, or the other value.</summary>
    public IOperation Operation { get; }

    /// <summary>The delegate creation that makes the delegate, when there is one.</summary>
    public IDelegateCreationOperation? Creation { get; }

    /// <summary>The anonymous function, for <see cref="HandlerSourceKind.AnonymousFunction"/>.</summary>
    public IAnonymousFunctionOperation? AnonymousFunction => Operation as IAnonymousFunctionOperation;

    /// <summary>The method reference, for <see cref="HandlerSourceKind.MethodGroup"/>.</summary>
    public IMethodReferenceOperation? MethodReference => Operation as IMethodReferenceOperation;

    /// <summary>
    /// The explicit <c>new D(...)</c> expression that creates the delegate, or null when the delegate comes from an
    /// implicit or cast conversion.
    /// </summary>
    public BaseObjectCreationExpressionSyntax? ExplicitCreation => Creation?.Syntax as BaseObjectCreationExpressionSyntax;

    /// <summary>
    /// The origins of the delegate <paramref name="value"/> evaluates to: one, or one per branch of a conditional or
    /// coalescing expression.
    /// </summary>
    /// <param name="value">The handler argument's value.</param>
    /// <returns>The origins.</returns>
    public static IEnumerable<HandlerSource> Of(IOperation value)
    {
        var pending = new Stack<IOperation>();
        pending.Push(value);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            switch (operation)
            {
                case IConversionOperation conversion:
                    pending.Push(conversion.Operand);
                    break;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    pending.Push(whenFalse);
                    pending.Push(conditional.WhenTrue);
                    break;
                case ICoalesceOperation coalesce:
                    pending.Push(coalesce.WhenNull);
                    pending.Push(coalesce.Value);
                    break;
                case IDelegateCreationOperation creation:
                    yield return Classify(creation);
                    break;
                case IAnonymousFunctionOperation function:
                    yield return new HandlerSource(HandlerSourceKind.AnonymousFunction, function, null);
                    break;
                default:
                    yield return new HandlerSource(HandlerSourceKind.Other, operation, null);
                    break;
            }
        }
    }

    private static HandlerSource Classify(IDelegateCreationOperation creation)
    {
        var target = creation.Target;
        while (target is IConversionOperation conversion)
        {
            target = conversion.Operand;
        }

        return target switch
        {
            IAnonymousFunctionOperation function => new HandlerSource(HandlerSourceKind.AnonymousFunction, function, creation),
            IMethodReferenceOperation reference => new HandlerSource(HandlerSourceKind.MethodGroup, reference, creation),
            IDelegateCreationOperation inner => Classify(inner),

            // `new D(d)`: Roslyn shows the wrapped delegate value itself as the target.
            _ when creation.Syntax is BaseObjectCreationExpressionSyntax => new HandlerSource(HandlerSourceKind.WrappedDelegate, target, creation),
            _ => new HandlerSource(HandlerSourceKind.Other, target, creation),
        };
    }
}
