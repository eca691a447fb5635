using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LiveKit.WebRtc.Rtp;
using LiveKit.WebRtc.Sdp;

namespace LiveKit.WebRtc;

// RTP demultiplexing (RFC 8843 §9.2): which receiver, and which of its sources, a packet's SSRC belongs to. SSRCs come
// from a=ssrc, or are learned from the first packet: its mid extension or a payload type only one section has, and with
// simulcast the rid extension that names its layer (RFC 8853, RFC 8852).
public sealed partial class PeerConnection
{
    private readonly Dictionary<uint, RtpReceiveSource> _sourcesBySsrc = new();

    /// <summary>
    /// By SSRC first, which allocates nothing; an unknown SSRC is learned (<see cref="LearnSource"/>).
    /// </summary>
    private RtpReceiveSource? FindSource(in RtpPacket packet, out PacketDropReason reason)
    {
        reason = PacketDropReason.UnknownSsrc;
        lock (_gate)
        {
            return _sourcesBySsrc.TryGetValue(packet.Header.Ssrc, out RtpReceiveSource? known) ? known : LearnSource(packet, out reason);
        }
    }

    /// <summary>
    /// An unknown SSRC is learned from the mid extension or a payload type only one receiver has (RFC 8843 §9.2), and with
    /// simulcast bound to the layer its rid extension names (RFC 8853, RFC 8852). Caller holds <see cref="_gate"/>.
    /// </summary>
    private RtpReceiveSource? LearnSource(in RtpPacket packet, out PacketDropReason reason)
    {
        reason = PacketDropReason.UnknownSsrc;
        RtpTransceiver? match = null;
        foreach (RtpTransceiver transceiver in _transceivers)
        {
            if (transceiver.CurrentDirection?.Receives() != true)
            {
                continue;
            }

            if (transceiver.MidExtensionId is int id && packet.TryGetExtension(id, out ReadOnlySpan<byte> mid)
                && transceiver.Mid is string ours && Ascii.Equals(mid, ours))
            {
                match = transceiver;
                break;
            }
        }

        byte payloadType = packet.Header.PayloadType;
        if (match is null)
        {
            foreach (RtpTransceiver transceiver in _transceivers)
            {
                if (transceiver.CurrentDirection?.Receives() == true && transceiver.Receiver.Codecs.Any(c => c.PayloadType == payloadType))
                {
                    if (match is not null)
                    {
                        return null; // Ambiguous: two sections share the payload type.
                    }

                    match = transceiver;
                }
            }
        }

        if (match is null)
        {
            return null;
        }

        return TryReadLayer(match, packet, out string? rid, out reason) ? BindSsrc(packet.Header.Ssrc, match.Receiver, rid) : null;
    }

    /// <summary>
    /// The simulcast layer of a new SSRC of <paramref name="transceiver"/> (RFC 8853, RFC 8852): the negotiated rid its
    /// <c>sdes:rtp-stream-id</c> names, or none without simulcast or when the packet carries no rid. False, with the
    /// reason, for a repair stream (<c>sdes:repaired-rtp-stream-id</c>: RTX, which we do not negotiate) or a rid that
    /// was not negotiated.
    /// </summary>
    private static bool TryReadLayer(RtpTransceiver transceiver, in RtpPacket packet, out string? rid, out PacketDropReason reason)
    {
        rid = null;
        reason = PacketDropReason.UnknownSsrc;
        if (transceiver.RepairedRidExtensionId is int repairedId && packet.TryGetExtension(repairedId, out _))
        {
            reason = PacketDropReason.RepairStream;
            return false;
        }

        IReadOnlyList<string> rids = transceiver.Receiver.Rids;
        if (rids.Count == 0 || transceiver.RidExtensionId is not int ridId || !packet.TryGetExtension(ridId, out ReadOnlySpan<byte> value))
        {
            return true;
        }

        for (int i = 0; i < rids.Count; i++)
        {
            if (Ascii.Equals(value, rids[i]))
            {
                rid = rids[i];
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Binds <paramref name="ssrc"/> to a receiver (and layer). A layer that had another SSRC moves to this one (its sender
    /// restarted the stream); an SSRC already bound to the same receiver and layer keeps its statistics. Caller holds
    /// <see cref="_gate"/>.
    /// </summary>
    private RtpReceiveSource BindSsrc(uint ssrc, RtpReceiver receiver, string? rid)
    {
        if (_sourcesBySsrc.TryGetValue(ssrc, out RtpReceiveSource? existing))
        {
            if (existing.Receiver == receiver && existing.Rid == rid)
            {
                return existing;
            }

            existing.Receiver.Unbind(existing);
        }

        if (rid is not null && receiver.SourceOfRid(rid) is RtpReceiveSource previous)
        {
            receiver.Unbind(previous);
            _sourcesBySsrc.Remove(previous.Ssrc);
        }

        RtpReceiveSource source = receiver.Bind(ssrc, rid);
        _sourcesBySsrc[ssrc] = source;
        return source;
    }
}
