using System;
using System.Text.Json.Nodes;
using LiveKit.WebRtc.Tests.Relay;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>
/// How a real peer treats what arrives on a channel (<c>expectMessages</c>): checked against the generator, echoed,
/// kept for <c>getMessages</c>, and measured against another channel's stalls (see <see cref="StallMeasure"/>).
/// </summary>
public sealed record ReceiveSpec
{
    /// <summary>The expected messages; null: only count (and keep) them.</summary>
    public MessageShape? Shape { get; init; }

    /// <summary>How many generated messages are expected (with <see cref="Shape"/>).</summary>
    public int Count { get; init; }

    /// <summary>Send every message back on the same channel.</summary>
    public bool Echo { get; init; }

    /// <summary>How many received messages the peer keeps (the first ones).</summary>
    public int Keep { get; init; }

    /// <summary>The label of a channel whose stalls this channel's arrivals are counted in.</summary>
    public string? StallsOf { get; init; }

    /// <summary>The gap that makes a stall; null: <see cref="StallMeasure.DefaultThreshold"/>.</summary>
    public TimeSpan? StallThreshold { get; init; }

    /// <summary>Only count: no verification.</summary>
    public static ReceiveSpec CountOnly { get; } = new();

    /// <summary>Check <paramref name="count"/> messages of <paramref name="shape"/>.</summary>
    public static ReceiveSpec Verify(MessageShape shape, int count) => new() { Shape = shape, Count = count };

    /// <summary>The spec as both peers read it.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["echo"] = Echo,
            ["keep"] = Keep,
            ["verify"] = Shape is not null,
            ["stallMs"] = (int)(StallThreshold ?? StallMeasure.DefaultThreshold).TotalMilliseconds,
        };
        if (Shape is MessageShape shape)
        {
            MessageSpecs.AddShape(json, shape);
            json["count"] = Count;
        }

        if (StallsOf is not null)
        {
            json["stallsOf"] = StallsOf;
        }

        return json;
    }
}
