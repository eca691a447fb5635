using System;
using System.Collections.Generic;
using LiveKit.WebRtc.Sctp;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

/// <summary>Records what an association tells its handler; optionally reads every message at once.</summary>
internal sealed class SctpTestHandler : ISctpAssociationHandler
{
    public SctpAssociation? Association { get; set; }

    /// <summary>Calls MessageConsumed for each message as it arrives (a fast reader).</summary>
    public bool ConsumeImmediately { get; set; } = true;

    public int EstablishedCount { get; private set; }

    public List<(ushort StreamId, uint Ppid, byte[] Data)> Messages { get; } = new();

    public List<ushort[]> IncomingResets { get; } = new();

    public List<ushort[]> OutgoingResets { get; } = new();

    public Dictionary<ushort, long> LastBufferedAmount { get; } = new();

    public int BufferedDecreasedCount { get; private set; }

    public SctpCloseReason? CloseReason { get; private set; }

    public string? CloseDetail { get; private set; }

    public int ClosedCount { get; private set; }

    public long UnconsumedBytes { get; private set; }

    public Action<ushort, uint, byte[]>? OnMessageCallback { get; set; }

    public void OnEstablished() => EstablishedCount++;

    public void OnMessage(ushort streamId, uint payloadProtocolId, byte[] message)
    {
        Messages.Add((streamId, payloadProtocolId, message));
        if (ConsumeImmediately)
        {
            Association?.MessageConsumed(message.Length);
        }
        else
        {
            UnconsumedBytes += message.Length;
        }

        OnMessageCallback?.Invoke(streamId, payloadProtocolId, message);
    }

    public void OnIncomingStreamsReset(ReadOnlySpan<ushort> streamIds) => IncomingResets.Add(streamIds.ToArray());

    public void OnOutgoingStreamsReset(ReadOnlySpan<ushort> streamIds) => OutgoingResets.Add(streamIds.ToArray());

    public void OnBufferedAmountDecreased(ushort streamId, long bufferedAmount)
    {
        BufferedDecreasedCount++;
        LastBufferedAmount[streamId] = bufferedAmount;
    }

    public void OnClosed(SctpCloseReason reason, string? detail)
    {
        ClosedCount++;
        CloseReason = reason;
        CloseDetail = detail;
    }

    /// <summary>Reads everything delivered so far, as a slow reader finally would.</summary>
    public void ConsumeAll()
    {
        long bytes = UnconsumedBytes;
        UnconsumedBytes = 0;
        while (bytes > 0)
        {
            int chunk = (int)Math.Min(bytes, int.MaxValue);
            Association!.MessageConsumed(chunk);
            bytes -= chunk;
        }
    }
}
