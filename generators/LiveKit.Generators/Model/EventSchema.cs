using LiveKit.Generators.Common;

namespace LiveKit.Generators.Model;

/// <summary>What one schema file generates: the emitter class, its key class and its events.</summary>
/// <param name="FilePath">The schema's path, for diagnostics.</param>
/// <param name="Namespace">The emitter's namespace, where everything is generated; null for the global namespace.</param>
/// <param name="EmitterName">The emitter class's simple name, e.g. <c>Room</c>.</param>
/// <param name="KeyClassName">The key class's simple name, e.g. <c>RoomEvent</c>.</param>
/// <param name="Events">The events in declaration order.</param>
/// <param name="EmitterLocation">Where the <c>emitter</c> option is, for diagnostics about the binding.</param>
internal sealed record EventSchema(
    string FilePath,
    string? Namespace,
    string EmitterName,
    string KeyClassName,
    EquatableArray<EventModel> Events,
    SchemaLocation EmitterLocation)
{
    /// <summary>The emitter's full name, e.g. <c>LiveKit.Rtc.Room</c>.</summary>
    public string EmitterFullName => Namespace is null ? EmitterName : Namespace + "." + EmitterName;
}
