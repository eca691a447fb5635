using System;

namespace LiveKit.WebRtc.Rtp;

/// <summary>One header extension element: its local identifier and its data.</summary>
internal readonly ref struct RtpExtension
{
    /// <summary>Creates an element view.</summary>
    public RtpExtension(int id, ReadOnlySpan<byte> value)
    {
        Id = id;
        Value = value;
    }

    /// <summary>Local identifier negotiated in SDP (a=extmap).</summary>
    public int Id { get; }

    /// <summary>The element's data bytes.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
