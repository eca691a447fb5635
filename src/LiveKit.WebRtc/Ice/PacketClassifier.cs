using System;

namespace LiveKit.WebRtc.Ice;

/// <summary>Sorts datagrams that share one 5-tuple (RFC 7983 §7 with RFC 9443 §3).</summary>
internal static class PacketClassifier
{
    /// <summary>Classifies a datagram by its first byte.</summary>
    public static PacketClass Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return PacketClass.Unknown;
        }

        return datagram[0] switch
        {
            <= 3 => PacketClass.Stun,
            >= 16 and <= 19 => PacketClass.Zrtp,
            >= 20 and <= 63 => PacketClass.Dtls,
            >= 64 and <= 79 => PacketClass.TurnChannel,
            >= 128 and <= 191 => PacketClass.RtpOrRtcp,
            _ => PacketClass.Unknown,
        };
    }
}
