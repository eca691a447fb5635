using System;

namespace LiveKit.WebRtc;

/// <summary>How a data channel is created (W3C RTCDataChannelInit).</summary>
public sealed record DataChannelInit
{
    /// <summary>Whether messages arrive in the order they were sent (default true).</summary>
    public bool Ordered { get; init; } = true;

    /// <summary>
    /// Partial reliability (RFC 3758): how many times a message is retransmitted before it is given up; 0 sends it
    /// once. Null: reliable. Cannot be combined with <see cref="MaxPacketLifeTime"/>.
    /// </summary>
    public int? MaxRetransmits { get; init; }

    /// <summary>
    /// Partial reliability (RFC 3758): how long a message is retransmitted before it is given up. Null: reliable.
    /// Cannot be combined with <see cref="MaxRetransmits"/>.
    /// </summary>
    public TimeSpan? MaxPacketLifeTime { get; init; }

    /// <summary>The sub-protocol name sent in DATA_CHANNEL_OPEN (RFC 8832 §5.1); empty by default.</summary>
    public string Protocol { get; init; } = "";

    /// <summary>
    /// True when the application agreed on the channel out of band: no DATA_CHANNEL_OPEN is sent, both sides create
    /// it with the same <see cref="Id"/> (W3C §6.2).
    /// </summary>
    public bool Negotiated { get; init; }

    /// <summary>The SCTP stream id; required when <see cref="Negotiated"/>, otherwise chosen by the DTLS role (RFC 8832 §6).</summary>
    public ushort? Id { get; init; }

    /// <summary>The priority announced to the peer.</summary>
    public DataChannelPriority Priority { get; init; } = DataChannelPriority.Low;
}
