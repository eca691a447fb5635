using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LiveKit.Analyzers;

/// <summary>What a method marked with <c>LiveKit.Rtc.Events.EventMethodAttribute</c> does (mirrors <c>EventMethodKind</c>).</summary>
internal enum EventMethodKind
{
    /// <summary>Not an event method.</summary>
    None = -1,

    /// <summary><c>EventMethodKind.On</c>.</summary>
    On = 0,

    /// <summary><c>EventMethodKind.Once</c>.</summary>
    Once = 1,

    /// <summary><c>EventMethodKind.Off</c>.</summary>
    Off = 2,
}

/// <summary>
/// Finds the generated event API of a compilation. Methods are recognized only by the
/// <c>LiveKit.Rtc.Events.EventMethodAttribute</c> they carry, never by their names.
/// </summary>
internal sealed class EventApi
{
    /// <summary>The metadata name of the marker attribute.</summary>
    public const string EventMethodAttributeName = "LiveKit.Rtc.Events.EventMethodAttribute";

    private readonly INamedTypeSymbol _eventMethodAttribute;

    private EventApi(INamedTypeSymbol eventMethodAttribute) => _eventMethodAttribute = eventMethodAttribute;

    /// <summary>The event API of <paramref name="compilation"/>, or null when it does not reference LiveKit.Rtc.</summary>
    /// <param name="compilation">The compilation being analyzed.</param>
    /// <returns>The API, or null.</returns>
    public static EventApi? TryCreate(Compilation compilation) =>
        compilation.GetTypeByMetadataName(EventMethodAttributeName) is { } attribute ? new EventApi(attribute) : null;

    /// <summary>What <paramref name="method"/> does, read from its marker attribute.</summary>
    /// <param name="method">The invoked method.</param>
    /// <returns>The kind, or <see cref="EventMethodKind.None"/> for an unmarked method.</returns>
    public EventMethodKind GetKind(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        foreach (var attribute in definition.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _eventMethodAttribute)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is int value
                && value is >= (int)EventMethodKind.On and <= (int)EventMethodKind.Off)
            {
                return (EventMethodKind)value;
            }
        }

        return EventMethodKind.None;
    }

    /// <summary>
    /// The event key type of an event method: the type of its first parameter (e.g. <c>RoomEvent.TrackSubscribedKey</c>).
    /// </summary>
    /// <param name="method">An event method.</param>
    /// <returns>The key type, or null when the method has no parameter.</returns>
    public static ITypeSymbol? GetKeyType(IMethodSymbol method)
    {
        // An extension method called in its static form has the receiver as its first parameter.
        var index = method.IsExtensionMethod && method.ReducedFrom is null ? 1 : 0;
        return method.Parameters.Length > index ? method.Parameters[index].Type : null;
    }

    /// <summary>The arguments of <paramref name="invocation"/> whose parameter is of a delegate type: the handlers.</summary>
    /// <param name="invocation">A call of an event method.</param>
    /// <returns>The handler arguments.</returns>
    public static IEnumerable<IArgumentOperation> GetHandlerArguments(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                yield return argument;
            }
        }
    }

    /// <summary>The method's name inside a method group expression: <c>M</c>, <c>this.M</c>, <c>x.M&lt;T&gt;</c>.</summary>
    internal static Location GetNameLocation(SyntaxNode methodGroup) => methodGroup switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.GetLocation(),
        MemberBindingExpressionSyntax memberBinding => memberBinding.Name.GetLocation(),
        QualifiedNameSyntax qualified => qualified.Right.GetLocation(),
        AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name.GetLocation(),
        _ => methodGroup.GetLocation(),
    };

    /// <summary>How messages name an event method: <c>Room.On</c>.</summary>
    internal static string Describe(IMethodSymbol method) => $"{method.ContainingType.Name}.{method.Name}";
}
