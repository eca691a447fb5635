using System.Text.Json.Serialization;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// Something that went wrong in the page's RTCPeerConnection: an operation that rejected (its name and the
/// DOMException), an <c>icecandidateerror</c>, a DTLS transport error or failure, <c>connectionState</c> failed,
/// a received track that would not play, or an uncaught error in the page (<c>pageerror</c>).
/// </summary>
/// <param name="Kind">The operation or source: <c>setRemoteDescription</c>, <c>dtls</c>, <c>connection</c>...</param>
/// <param name="Message">What Chromium said.</param>
/// <param name="AtMs">Milliseconds since the page loaded (performance.now()), or null when C# recorded it.</param>
public sealed record ChromiumPeerFailure(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("atMs")] long? AtMs)
{
    /// <inheritdoc />
    public override string ToString() => AtMs is long at ? $"[{at} ms] {Kind}: {Message}" : $"{Kind}: {Message}";
}
