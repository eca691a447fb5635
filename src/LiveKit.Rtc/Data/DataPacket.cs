using System;

namespace LiveKit.Rtc;

/// <summary>User data received over the room's data channels, as the <c>data_received</c> event delivers it.</summary>
public sealed class DataPacket
{
    internal DataPacket(ReadOnlyMemory<byte> data, DataPacketKind kind, RemoteParticipant? participant, string? topic)
    {
        Data = data;
        Kind = kind;
        Participant = participant;
        Topic = topic;
    }

    /// <summary>The payload. It belongs to the packet (not to a pooled receive buffer), so it stays valid after the handler returns.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Whether the packet came over the reliable or the lossy data channel.</summary>
    public DataPacketKind Kind { get; }

    /// <summary>The participant who sent the packet; null when the server sent it.</summary>
    public RemoteParticipant? Participant { get; }

    /// <summary>The topic the sender set, which applications use to route packets; null when none was set.</summary>
    public string? Topic { get; }
}
