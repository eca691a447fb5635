using System;
using Microsoft.CodeAnalysis;

namespace LiveKit.Generators.Diagnostics;

/// <summary>
/// The schema diagnostics LK0001..LK0007, all errors: a schema the generator cannot turn into the exact API it
/// describes must fail the build rather than silently generate less. Each has a page in docs/diagnostics/.
/// </summary>
internal static class SchemaDiagnostics
{
    private const string Category = "LiveKit.EventSchema";

    // The same base the LK1xxx analyzers use: one page per ID under docs/diagnostics.
    private const string HelpLinkBase = "https://github.com/livekit/client-sdk-dotnet/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor MalformedSchema = Create(
        "LK0001",
        "Malformed event schema",
        "Malformed event schema: {0}");

    public static readonly DiagnosticDescriptor UnknownType = Create(
        "LK0002",
        "Unknown type in event schema",
        "Field '{0}' names the type '{1}', which the schema does not declare; declare a message for it with option (livekit.events.clr_type)");

    public static readonly DiagnosticDescriptor DuplicateEvent = Create(
        "LK0003",
        "Duplicate event",
        "Event '{0}' collides with {1}: both are named '{2}'");

    public static readonly DiagnosticDescriptor DuplicateArgument = Create(
        "LK0004",
        "Duplicate event argument",
        "Argument '{0}' of event '{1}' collides with {2}");

    public static readonly DiagnosticDescriptor MissingDoc = Create(
        "LK0005",
        "Event or argument without doc comment",
        "{0} '{1}' has no doc comment; write a // comment right above it, it becomes the generated XML docs");

    public static readonly DiagnosticDescriptor InvalidBinding = Create(
        "LK0006",
        "Missing or invalid event schema binding",
        "Invalid event schema binding: {0}");

    public static readonly DiagnosticDescriptor UnsupportedConstruct = Create(
        "LK0007",
        "Construct not supported in an event schema",
        "Not supported in an event schema: {0}");

    /// <summary>The descriptor with the given ID; how an equatable diagnostic value finds its rule again.</summary>
    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "LK0001" => MalformedSchema,
        "LK0002" => UnknownType,
        "LK0003" => DuplicateEvent,
        "LK0004" => DuplicateArgument,
        "LK0005" => MissingDoc,
        "LK0006" => InvalidBinding,
        "LK0007" => UnsupportedConstruct,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Not a schema diagnostic."),
    };

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinkBase + id + ".md", customTags: WellKnownDiagnosticTags.NotConfigurable);
}
