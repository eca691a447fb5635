using LiveKit.Generators.Common;

namespace LiveKit.Generators.Model;

/// <summary>One event.</summary>
/// <param name="Name">The C# name: the message's name, e.g. <c>TrackSubscribed</c>.</param>
/// <param name="PythonName">The Python SDK's name, e.g. <c>track_subscribed</c>.</param>
/// <param name="Doc">The message's doc comment, lines separated by '\n'.</param>
/// <param name="Arguments">The arguments in declaration order (the handler's parameter order).</param>
/// <param name="Location">Where the message's name is.</param>
internal sealed record EventModel(
    string Name,
    string PythonName,
    string Doc,
    EquatableArray<EventArgument> Arguments,
    SchemaLocation Location)
{
    public string KeyTypeName => Name + "Key";

    public string ArgsTypeName => Name + "EventArgs";

    /// <summary>The emitter's private field holding the handlers, e.g. <c>__trackSubscribedHandlers</c>.</summary>
    public string HandlersFieldName => "__" + char.ToLowerInvariant(Name[0]) + Name.Substring(1) + "Handlers";
}
