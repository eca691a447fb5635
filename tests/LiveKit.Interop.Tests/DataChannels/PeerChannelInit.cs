using System;
using System.Text.Json.Nodes;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>
/// How a test asks a real peer (the pion program or a Chromium page) to create a data channel: RTCDataChannelInit,
/// with null for "the peer's default".
/// </summary>
public sealed record PeerChannelInit
{
    /// <summary>Ordered delivery; null: the default (ordered).</summary>
    public bool? Ordered { get; init; }

    /// <summary>Partial reliability by retransmissions; null: reliable.</summary>
    public int? MaxRetransmits { get; init; }

    /// <summary>Partial reliability by lifetime; null: reliable. Sent in whole milliseconds.</summary>
    public TimeSpan? MaxPacketLifeTime { get; init; }

    /// <summary>The sub-protocol; null: empty.</summary>
    public string? Protocol { get; init; }

    /// <summary>Negotiated out of band (both sides create it with <see cref="Id"/>, no DCEP).</summary>
    public bool? Negotiated { get; init; }

    /// <summary>The stream id (required with <see cref="Negotiated"/>).</summary>
    public ushort? Id { get; init; }

    /// <summary>Adds the init's members to a pion <c>createDataChannel</c> command (its names: channelId, maxPacketLifeTimeMs).</summary>
    public void AddToPionCommand(JsonObject command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Add(command, "ordered", Ordered);
        Add(command, "maxRetransmits", MaxRetransmits);
        Add(command, "maxPacketLifeTimeMs", MaxPacketLifeTime is { } lifetime ? (int)lifetime.TotalMilliseconds : null);
        if (Protocol is not null)
        {
            command["protocol"] = Protocol;
        }

        Add(command, "negotiated", Negotiated);
        Add(command, "channelId", Id is ushort channelId ? channelId : null);
    }

    /// <summary>The init as the RTCDataChannelInit object peer.js passes to createDataChannel.</summary>
    public JsonObject ToPageJson()
    {
        var init = new JsonObject();
        Add(init, "ordered", Ordered);
        Add(init, "maxRetransmits", MaxRetransmits);
        Add(init, "maxPacketLifeTime", MaxPacketLifeTime is { } lifetime ? (int)lifetime.TotalMilliseconds : null);
        if (Protocol is not null)
        {
            init["protocol"] = Protocol;
        }

        Add(init, "negotiated", Negotiated);
        Add(init, "id", Id is ushort id ? id : null);
        return init;
    }

    private static void Add(JsonObject json, string name, bool? value)
    {
        if (value is bool v)
        {
            json[name] = v;
        }
    }

    private static void Add(JsonObject json, string name, int? value)
    {
        if (value is int v)
        {
            json[name] = v;
        }
    }
}
