using System.Collections.Generic;

namespace LiveKit.Rtc;

/// <summary>
/// Drops reliable data packets already delivered (brief §4 sequencing): a sender numbers its reliable packets 1, 2,
/// 3... per session, and after a resume it resends those the server may have missed; a packet whose sequence is not
/// above the last one seen from the same sender sid is such a resend. Packets without a sequence or a sender sid
/// (older SDKs, the server's own) always pass. Not thread-safe: the room loop owns it.
/// </summary>
internal sealed class ReliableSequenceFilter
{
    private readonly Dictionary<string, uint> _lastBySender = new();

    /// <summary>The last sequence accepted per sender sid, for SyncState.datachannel_receive_states after a resume.</summary>
    public IReadOnlyDictionary<string, uint> LastBySender => _lastBySender;

    /// <summary>How many packets were dropped as duplicates.</summary>
    public long Dropped { get; private set; }

    /// <summary>True when the packet is new; false (and counted) when it repeats one already accepted.</summary>
    public bool Accept(string senderSid, uint sequence)
    {
        if (sequence == 0 || senderSid.Length == 0)
        {
            return true;
        }

        if (_lastBySender.TryGetValue(senderSid, out uint last) && sequence <= last)
        {
            Dropped++;
            return false;
        }

        _lastBySender[senderSid] = sequence;
        return true;
    }

    /// <summary>Forgets every sender (the room moved: sids of another room).</summary>
    public void Clear() => _lastBySender.Clear();
}
