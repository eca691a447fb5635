using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using LiveKit.Rtc;

namespace LiveKit.Samples.RoomDemo;

/// <summary>
/// The demo's output: one line per event, <c>[receiver] event_name  detail</c>, in aligned columns, and the step
/// headers between them. The two rooms emit on their own room loops, so lines are written under a lock, whole.
/// </summary>
internal sealed class EventPrinter
{
    // The longest event name the demo prints: participant_attributes_changed.
    private const int EventNameWidth = 30;

    // Longer texts (metadata, payloads) are cut so that a line stays on one screen line.
    private const int MaxTextLength = 40;

    private readonly TextWriter _output;
    private readonly int _labelWidth;
    private readonly Lock _gate = new();

    /// <summary>Creates a printer whose receiver column fits the longest of <paramref name="identities"/>.</summary>
    public EventPrinter(TextWriter output, params string[] identities)
    {
        _output = output;
        _labelWidth = identities.Max(identity => identity.Length) + "[] ".Length;
    }

    /// <summary>Prints an event that <paramref name="receiver"/>'s room emitted.</summary>
    public void Event(string receiver, string eventName, string detail = "")
    {
        string label = $"[{receiver}]".PadRight(_labelWidth);
        string line = detail.Length == 0 ? label + eventName : label + eventName.PadRight(EventNameWidth) + "  " + detail;
        Line(line);
    }

    /// <summary>Prints the header of a step of the scenario.</summary>
    public void Step(string description) => Line("-- " + description);

    /// <summary>Prints a line as it is.</summary>
    public void Line(string text)
    {
        lock (_gate)
        {
            _output.WriteLine(text);
        }
    }

    /// <summary>A data packet: who sent it, over which channel, its topic and its payload as text.</summary>
    public static string Describe(DataPacket packet)
    {
        string sender = packet.Participant is { } participant ? "from " + participant.Identity : "from the server";
        string kind = packet.Kind == DataPacketKind.Reliable ? "reliable" : "lossy";
        string topic = packet.Topic is { } t ? $", topic {Quote(t)}" : string.Empty;
        return $"{sender} ({kind}{topic}): {Quote(Encoding.UTF8.GetString(packet.Data.Span))}";
    }

    /// <summary>A change of a text value: <c>"old" -&gt; "new"</c>.</summary>
    public static string Change(string oldValue, string newValue) => $"{Quote(oldValue)} -> {Quote(newValue)}";

    /// <summary>Changed attributes as <c>key=value</c>; the SDK reports a removed one with an empty value.</summary>
    public static string Describe(IReadOnlyDictionary<string, string> attributes) =>
        string.Join(", ", attributes.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => a.Value.Length == 0 ? $"{a.Key} removed" : $"{a.Key}={Quote(a.Value)}"));

    /// <summary>A list of participants by identity; "nobody" when empty.</summary>
    public static string Describe(IEnumerable<Participant> participants)
    {
        string list = string.Join(", ", participants.Select(p => p.Identity));
        return list.Length == 0 ? "nobody" : list;
    }

    /// <summary>An enum value as the Python SDK and LiveKit's protocol write it: <c>ClientInitiated</c> becomes <c>client_initiated</c>.</summary>
    public static string Describe(Enum value)
    {
        string name = value.ToString();
        var snake = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(name[i]));
        }

        return snake.ToString();
    }

    /// <summary>A text in double quotes, escaped as C# would, and cut at <see cref="MaxTextLength"/> characters.</summary>
    public static string Quote(string text)
    {
        string shown = text.Length > MaxTextLength ? text[..(MaxTextLength - 3)] + "..." : text;
        return "\"" + shown.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
    }
}
