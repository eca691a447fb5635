using System;
using System.Collections.Generic;

namespace LiveKit.Testing.Media;

/// <summary>
/// Picks the one simulcast layer of a video track that subscribers receive: the best layer that is flowing. It
/// moves to a better layer, or down from one that went silent, only at a key frame of the new layer (asking for one
/// with a PLI), and rewrites sequence numbers and timestamps so that the forwarded stream stays continuous across
/// the switch. Layers are ranked by their place in the SDP's rid list, low to high as LiveKit clients order them
/// (q, h, f). Runs on the track's forwarding loop only.
/// </summary>
internal sealed class SimulcastSelector
{
    /// <summary>A layer without packets for this long no longer counts as flowing.</summary>
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(1);

    /// <summary>The least time between two key frame requests for a switch.</summary>
    private static readonly TimeSpan KeyFrameRequestInterval = TimeSpan.FromMilliseconds(500);

    private readonly IReadOnlyList<string> _rids;
    private readonly long[] _lastSeen;
    private readonly uint[] _ssrcs;
    private readonly TimeProvider _time;
    private readonly Action<uint> _requestKeyFrame;
    private int _current = -1;
    private bool _started;
    private ushort _sequenceOffset;
    private uint _timestampOffset;
    private ushort _lastSequence;
    private uint _lastTimestamp;
    private long _lastSentAt;
    private long _lastRequestAt;
    private int _requested = -1;

    public SimulcastSelector(IReadOnlyList<string> rids, TimeProvider time, Action<uint> requestKeyFrame)
    {
        _rids = rids;
        _lastSeen = new long[rids.Count];
        _ssrcs = new uint[rids.Count];
        _time = time;
        _requestKeyFrame = requestKeyFrame;
    }

    /// <summary>The SSRC of the layer being forwarded, once one is.</summary>
    public uint? CurrentSsrc => _current >= 0 ? _ssrcs[_current] : null;

    /// <summary>
    /// Whether <paramref name="packet"/> goes to the subscribers, and with which sequence number and timestamp.
    /// </summary>
    public bool TrySelect(RtpPacketInfo packet, out ushort sequence, out uint timestamp)
    {
        sequence = 0;
        timestamp = 0;
        int layer = packet.Rid is string rid ? IndexOf(rid) : -1;
        if (layer < 0)
        {
            return false;
        }

        long now = packet.ReceivedAt;
        bool isKeyFrameStart = packet.IsKeyFrameStart;
        _lastSeen[layer] = now;
        _ssrcs[layer] = packet.Ssrc;
        int best = BestFlowing(now);
        if (best != _current && best >= 0)
        {
            if (layer == best && isKeyFrameStart)
            {
                SwitchTo(layer, packet, now);
            }
            else if (best != _requested || now - _lastRequestAt > Ticks(KeyFrameRequestInterval))
            {
                // A new target is asked at once; the same one again only after the interval (the PLI may be lost).
                _requested = best;
                _lastRequestAt = now;
                _requestKeyFrame(_ssrcs[best]);
            }
        }

        if (layer != _current)
        {
            return false;
        }

        sequence = unchecked((ushort)(packet.SequenceNumber + _sequenceOffset));
        timestamp = unchecked(packet.Timestamp + _timestampOffset);
        if (unchecked((short)(sequence - _lastSequence)) > 0)
        {
            _lastSequence = sequence;
            _lastTimestamp = timestamp;
            _lastSentAt = now;
        }

        return true;
    }

    /// <summary>Maps a forwarded sequence number back to the current layer's own numbering (for NACKs).</summary>
    public ushort ToLayerSequence(ushort forwarded) => unchecked((ushort)(forwarded - _sequenceOffset));

    private void SwitchTo(int layer, RtpPacketInfo packet, long now)
    {
        if (_started)
        {
            // Continue right after the last packet sent, and advance the clock by the time that passed (90 kHz video).
            _sequenceOffset = unchecked((ushort)(_lastSequence + 1 - packet.SequenceNumber));
            uint elapsed = (uint)Math.Max(1, (now - _lastSentAt) * 90_000 / _time.TimestampFrequency);
            _timestampOffset = unchecked(_lastTimestamp + elapsed - packet.Timestamp);
        }

        _started = true;
        _current = layer;
        _lastSequence = unchecked((ushort)(packet.SequenceNumber + _sequenceOffset - 1));
        _lastTimestamp = unchecked(packet.Timestamp + _timestampOffset);
        _lastSentAt = now;
    }

    private int BestFlowing(long now)
    {
        for (int i = _rids.Count - 1; i >= 0; i--)
        {
            if (_lastSeen[i] != 0 && now - _lastSeen[i] <= Ticks(Silence))
            {
                return i;
            }
        }

        return -1;
    }

    private int IndexOf(string rid)
    {
        for (int i = 0; i < _rids.Count; i++)
        {
            if (string.Equals(_rids[i], rid, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}

/// <summary>What <see cref="SimulcastSelector"/> needs of a received packet.</summary>
/// <param name="Rid">The simulcast layer (rid) its SSRC is bound to, or null.</param>
/// <param name="Ssrc">Its SSRC.</param>
/// <param name="SequenceNumber">Its sequence number.</param>
/// <param name="Timestamp">Its RTP timestamp.</param>
/// <param name="ReceivedAt">When it arrived, as a <see cref="TimeProvider.GetTimestamp"/> value.</param>
/// <param name="IsKeyFrameStart">Whether it begins a key frame.</param>
internal readonly record struct RtpPacketInfo(string? Rid, uint Ssrc, ushort SequenceNumber, uint Timestamp, long ReceivedAt, bool IsKeyFrameStart);
