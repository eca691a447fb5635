using System.Text.Json.Nodes;
using LiveKit.WebRtc.Tests.Relay;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>Generated messages as the real peers read them: <c>{seed, minSize, maxSize, tagged, count}</c>.</summary>
public static class MessageSpecs
{
    /// <summary>
    /// The send spec of <paramref name="count"/> messages of <paramref name="shape"/>; <paramref name="highWater"/> is the
    /// buffered amount above which the peer waits before the next send (null: 4 MiB).
    /// </summary>
    public static JsonObject ToJson(MessageShape shape, int count, long? highWater = null)
    {
        var json = new JsonObject();
        AddShape(json, shape);
        json["count"] = count;
        if (highWater is long water)
        {
            json["highWater"] = water;
        }

        return json;
    }

    /// <summary>Adds the shape's members to <paramref name="json"/>.</summary>
    public static void AddShape(JsonObject json, MessageShape shape)
    {
        json["seed"] = shape.Seed;
        json["minSize"] = shape.MinSize;
        json["maxSize"] = shape.MaxSize;
        json["tagged"] = shape.Tagged;
    }
}
