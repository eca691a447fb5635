using LiveKit.Generators.Model;

namespace LiveKit.Generators.Emit;

/// <summary>Fully qualified names of the generated types and of the runtime types the generated code uses.</summary>
internal static class Names
{
    public const string EventHandlerList = "global::LiveKit.Rtc.Events.EventHandlerList";
    public const string EventHandlerForm = "global::LiveKit.Rtc.Events.EventHandlerForm";
    public const string EventSubscription = "global::LiveKit.Rtc.Events.EventSubscription";
    public const string EventMethodAttribute = "global::LiveKit.Rtc.Events.EventMethod";
    public const string EventMethodKind = "global::LiveKit.Rtc.Events.EventMethodKind";
    public const string OverloadResolutionPriority = "global::System.Runtime.CompilerServices.OverloadResolutionPriority";
    public const string UnsafeAs = "global::System.Runtime.CompilerServices.Unsafe.As";
    public const string Exception = "global::System.Exception";
    public const string ILogger = "global::Microsoft.Extensions.Logging.ILogger";

    /// <summary><c>global::Ns.Name</c> for a type generated in the schema's namespace.</summary>
    public static string InNamespace(EventSchema schema, string name) =>
        schema.Namespace is null ? "global::" + name : $"global::{schema.Namespace}.{name}";

    public static string Emitter(EventSchema schema) => InNamespace(schema, schema.EmitterName);

    public static string KeyClass(EventSchema schema) => InNamespace(schema, schema.KeyClassName);

    /// <summary>The static property users pass, e.g. <c>global::LiveKit.Rtc.RoomEvent.Connected</c>.</summary>
    public static string Key(EventSchema schema, EventModel model) => KeyClass(schema) + "." + model.Name;

    public static string KeyType(EventSchema schema, EventModel model) => KeyClass(schema) + "." + model.KeyTypeName;

    public static string ArgsType(EventSchema schema, EventModel model) => InNamespace(schema, model.ArgsTypeName);

    /// <summary>The positional handler's type: <c>Action</c>, or <c>Action&lt;T1, ...&gt;</c> of the arguments.</summary>
    public static string PositionalHandler(EventModel model)
    {
        if (model.Arguments.IsEmpty)
        {
            return "global::System.Action";
        }

        var types = new string[model.Arguments.Count];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = model.Arguments[i].TypeName;
        }

        return $"global::System.Action<{string.Join(", ", types)}>";
    }

    public static string ArgsHandler(EventSchema schema, EventModel model) =>
        $"global::System.Action<{ArgsType(schema, model)}>";
}
