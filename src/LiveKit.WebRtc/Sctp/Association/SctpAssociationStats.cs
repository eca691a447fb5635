using System;
using System.Collections.Generic;

namespace LiveKit.WebRtc.Sctp;

/// <summary>A snapshot of an association's counters and congestion state.</summary>
internal sealed record SctpAssociationStats
{
    /// <summary>The state when the snapshot was taken.</summary>
    public SctpAssociationState State { get; init; }

    /// <summary>Packets handed to the sink.</summary>
    public long PacketsSent { get; init; }

    /// <summary>Bytes of the packets handed to the sink.</summary>
    public long BytesSent { get; init; }

    /// <summary>Packets given to <see cref="SctpAssociation.HandlePacket"/> that passed the checksum and tag checks.</summary>
    public long PacketsReceived { get; init; }

    /// <summary>Bytes of those packets.</summary>
    public long BytesReceived { get; init; }

    /// <summary>DATA chunks sent the first time.</summary>
    public long DataChunksSent { get; init; }

    /// <summary>DATA chunks received and new (duplicates excluded).</summary>
    public long DataChunksReceived { get; init; }

    /// <summary>Messages queued by <see cref="SctpAssociation.Send"/>.</summary>
    public long MessagesSent { get; init; }

    /// <summary>Messages handed to <see cref="ISctpAssociationHandler.OnMessage"/>.</summary>
    public long MessagesReceived { get; init; }

    /// <summary>DATA chunks sent again (fast retransmits and T3-rtx both).</summary>
    public long Retransmissions { get; init; }

    /// <summary>Chunks marked for fast retransmit after three miss indications (RFC 9260 §7.2.4).</summary>
    public long FastRetransmits { get; init; }

    /// <summary>T3-rtx expiries (RFC 9260 §6.3.3).</summary>
    public long T3Timeouts { get; init; }

    /// <summary>Messages given up by partial reliability (RFC 3758), sent or not.</summary>
    public long MessagesAbandoned { get; init; }

    /// <summary>FORWARD TSN chunks sent.</summary>
    public long ForwardTsnsSent { get; init; }

    /// <summary>FORWARD TSN chunks received.</summary>
    public long ForwardTsnsReceived { get; init; }

    /// <summary>SACK chunks sent.</summary>
    public long SacksSent { get; init; }

    /// <summary>SACK chunks received.</summary>
    public long SacksReceived { get; init; }

    /// <summary>Duplicate TSNs received.</summary>
    public long DuplicateTsnsReceived { get; init; }

    /// <summary>Exceptions thrown by the handler, caught and counted.</summary>
    public long HandlerFailures { get; init; }

    /// <summary>Received packets or chunks dropped, by reason; every reason is present.</summary>
    public required IReadOnlyDictionary<SctpDropReason, long> Dropped { get; init; }

    /// <summary>The congestion window in bytes.</summary>
    public int Cwnd { get; init; }

    /// <summary>The slow-start threshold in bytes.</summary>
    public int Ssthresh { get; init; }

    /// <summary>Bytes in flight.</summary>
    public int FlightSize { get; init; }

    /// <summary>The peer's receive window as we last computed it.</summary>
    public long PeerReceiveWindow { get; init; }

    /// <summary>The receive window we advertise now.</summary>
    public long ReceiveWindow { get; init; }

    /// <summary>The smoothed round-trip time, or null before a measurement.</summary>
    public TimeSpan? SmoothedRtt { get; init; }

    /// <summary>The current retransmission timeout.</summary>
    public TimeSpan Rto { get; init; }
}
