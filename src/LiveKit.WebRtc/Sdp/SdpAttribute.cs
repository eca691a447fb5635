namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// One <c>a=</c> line, kept verbatim (RFC 8866 §5.13): <c>a=name</c> (a property attribute, <see cref="Value"/> is
/// null) or <c>a=name:value</c>. Typed views over these lines live on <see cref="SessionDescription"/> and
/// <see cref="SdpMediaDescription"/>; keeping the raw lines is what lets serialization reproduce any input.
/// </summary>
/// <param name="Name">The attribute name, e.g. <c>rtpmap</c>.</param>
/// <param name="Value">Everything after the first colon, unchanged; null for a property attribute.</param>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <summary>The line without its <c>a=</c> prefix.</summary>
    public override string ToString() => Value is null ? Name : Name + ":" + Value;
}
