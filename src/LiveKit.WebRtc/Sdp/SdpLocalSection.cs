namespace LiveKit.WebRtc.Sdp;

/// <summary>What the answerer wants for one offered media section: its own direction, and its stream when it sends.</summary>
/// <param name="Direction">Our preferred direction; the answer takes its intersection with the reversed offer.</param>
/// <param name="Source">Our stream, announced when the answered direction sends; null for receive-only.</param>
public sealed record SdpLocalSection(SdpMediaDirection Direction, SdpLocalSource? Source = null);
