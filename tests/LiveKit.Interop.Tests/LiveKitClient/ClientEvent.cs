using System;
using System.Text.Json;

namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>
/// One entry of a page's event log (lk-page.js): a livekit-client <c>RoomEvent</c> (or a synthetic one from
/// <see cref="LiveKitClientPage.EmitTestEventAsync"/>) with its arguments by name, simplified to JSON: participants as
/// <see cref="ClientParticipantState"/> without tracks, publications as <see cref="ClientTrackPublication"/>, tracks as
/// <c>{sid, kind, source, muted}</c>, payload bytes as UTF-8 text, protobuf enums as numbers with a <c>...Name</c>
/// beside them (<c>reasonName</c>, <c>kindName</c>).
/// </summary>
/// <param name="Seq">1, 2, 3... in the order the page recorded them, over the page's life (across rooms).</param>
/// <param name="Name">The event's name as livekit-client spells it: <c>connected</c>, <c>trackSubscribed</c>...</param>
/// <param name="AtMs">The page's <c>performance.now()</c> when it was recorded, in milliseconds.</param>
/// <param name="Args">The arguments, an object keyed by the names in lk-page.js (<c>participant</c>, <c>publication</c>...).</param>
public sealed record ClientEvent(long Seq, string Name, double AtMs, JsonElement Args)
{
    /// <summary>The argument <paramref name="name"/>, or null when the event has none of that name (or it is null).</summary>
    public JsonElement? Arg(string name) =>
        Args.ValueKind == JsonValueKind.Object && Args.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>The argument <paramref name="name"/> read as <typeparamref name="T"/> (camelCase members), or default.</summary>
    public T? Arg<T>(string name) => Arg(name) is JsonElement value ? value.Deserialize<T>(ClientJson.Options) : default;

    /// <summary>The string at <paramref name="path"/> under the arguments (<c>"participant", "identity"</c>), or null.</summary>
    public string? ArgString(params string[] path)
    {
        JsonElement current = Args;
        foreach (string step in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step, out current))
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => current.GetRawText(),
        };
    }

    /// <summary>The identity of the event's <c>participant</c> argument, or null.</summary>
    public string? ParticipantIdentity => ArgString("participant", "identity");

    /// <summary>Reads one event as lk-page.js pushes it: <c>{"seq":n,"name":"...","atMs":t,"args":{...}}</c>.</summary>
    public static ClientEvent Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        return new ClientEvent(
            root.GetProperty("seq").GetInt64(),
            root.GetProperty("name").GetString() ?? throw new JsonException("an event without a name"),
            root.TryGetProperty("atMs", out JsonElement at) && at.ValueKind == JsonValueKind.Number ? at.GetDouble() : 0,
            root.TryGetProperty("args", out JsonElement args) ? args.Clone() : default);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        string args = Args.ValueKind == JsonValueKind.Undefined ? "" : Args.GetRawText();
        return args.Length > 300 ? $"#{Seq} {Name} {args[..300]}..." : $"#{Seq} {Name} {args}";
    }
}
