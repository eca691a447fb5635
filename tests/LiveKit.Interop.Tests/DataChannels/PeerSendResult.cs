using System;
using System.Text.Json;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>What a real peer's <c>sendMessages</c> handed to its stack.</summary>
/// <param name="Messages">Messages sent on the channel.</param>
/// <param name="Bytes">Their bytes.</param>
/// <param name="WithMessages">Messages sent on the interleaved channel.</param>
/// <param name="WithBytes">Their bytes.</param>
/// <param name="Elapsed">From the first send until the last was accepted.</param>
public sealed record PeerSendResult(long Messages, long Bytes, long WithMessages, long WithBytes, TimeSpan Elapsed)
{
    /// <summary>Reads a <c>sent</c> reply (pion: micros; peer.js: ms).</summary>
    public static PeerSendResult FromJson(JsonElement json) => new(
        json.GetProperty("messages").GetInt64(),
        json.GetProperty("bytes").GetInt64(),
        json.GetProperty("withMessages").GetInt64(),
        json.GetProperty("withBytes").GetInt64(),
        json.TryGetProperty("micros", out JsonElement micros)
            ? TimeSpan.FromMicroseconds(micros.GetInt64())
            : TimeSpan.FromMilliseconds(json.GetProperty("ms").GetDouble()));
}
