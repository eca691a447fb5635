using Microsoft.CodeAnalysis;

namespace LiveKit.Analyzers;

/// <summary>The descriptors of the LK1xxx rules; each rule's analyzer lives in the file named by its ID.</summary>
internal static class Descriptors
{
    /// <summary>The category every LK1xxx rule belongs to.</summary>
    public const string Category = "LiveKit.Events";

    /// <summary>Where the rule pages (docs/diagnostics/LKxxxx.md) are published; the rule ID and ".md" are appended.</summary>
    public const string HelpLinkBase = "https://github.com/livekit/client-sdk-dotnet/blob/main/docs/diagnostics/";

    /// <summary>LK1001: an async lambda, anonymous method or async void method group given to On/Once.</summary>
    public static readonly DiagnosticDescriptor LK1001AsyncHandler = new(
        id: "LK1001",
        title: "Event handlers must not be async",
        messageFormat: "The handler passed to '{0}' is {1}: event handlers run synchronously and the exceptions of an async void handler are lost; start the work as a task and observe its exceptions",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An event handler runs synchronously on the room loop. An async lambda, async anonymous method or async void method registered with On or Once is async void: the emitter cannot wait for it, and an exception after its first await is lost or crashes the process. The runtime rejects such handlers with an ArgumentException. Pass a synchronous handler that starts the asynchronous work as a task and observes its exceptions.",
        helpLinkUri: HelpLinkBase + "LK1001.md");

    /// <summary>LK1002: a lambda, anonymous method or newly wrapped delegate given to Off.</summary>
    public static readonly DiagnosticDescriptor LK1002UnremovableOff = new(
        id: "LK1002",
        title: "Off with a new lambda or delegate never removes a handler",
        messageFormat: "The {0} passed to '{1}' creates a new delegate that is not equal to any registered handler, so this call never removes anything; pass the same delegate that was registered, or dispose the EventSubscription returned by On/Once",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Off removes a handler by delegate equality. Every lambda or anonymous method is a distinct method, so the delegate it creates never equals a handler registered elsewhere, and a delegate that wraps another delegate is not equal to the wrapped one. Keep the registered delegate in a field or local and pass that, pass the same method group, or dispose the EventSubscription returned by On/Once.",
        helpLinkUri: HelpLinkBase + "LK1002.md");

    /// <summary>LK1003: a lambda registered with a discarded subscription in a type that calls Off for the same event.</summary>
    public static readonly DiagnosticDescriptor LK1003DiscardedSubscription = new(
        id: "LK1003",
        title: "A lambda handler whose subscription is discarded can never be removed",
        messageFormat: "The subscription returned by '{0}' for this {1} is discarded, and '{2}' calls Off for the same event: Off can never remove a lambda, so this handler stays registered; keep the returned EventSubscription or store the handler in a field",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A type that calls Off for an event means to remove its handlers of that event. A lambda or anonymous method registered with On or Once can only be removed through the EventSubscription that registration returned, or through the very same delegate instance; when the subscription is discarded and the delegate is not kept, nothing can remove it.",
        helpLinkUri: HelpLinkBase + "LK1003.md");
}
