using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using LiveKit.WebRtc.Dtls;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Rtcp;
using LiveKit.WebRtc.Rtp;
using LiveKit.WebRtc.Srtp;

namespace LiveKit.WebRtc;

// The media plane: RFC 7983 demultiplexing of what ICE hands up, SRTP in both directions, RTP to receivers (which one:
// PeerConnection.RtpDemux.cs), RTCP feedback to senders, and periodic sender and receiver reports.
public sealed partial class PeerConnection
{
    private const int MaxDatagramSize = ReceivedRtpPacket.Capacity;
    private const int MaxReportBlocks = 31;

    /// <summary>Seconds from the NTP epoch (1900) to the Unix epoch (RFC 5905 §6).</summary>
    private const ulong NtpUnixOffsetSeconds = 2_208_988_800UL;

    private readonly Lock _srtpReceiveLock = new();
    private readonly Lock _srtpSendLock = new();
    private readonly byte[] _rtcpReceiveBuffer = new byte[MaxDatagramSize];
    private readonly byte[] _rtcpSendBuffer = new byte[MaxDatagramSize];
    private readonly uint _rtcpSsrc;
    private ITimer? _rtcpTimer;

    /// <summary>Protects and sends an RTP packet built by a sender in <paramref name="buffer"/>, which has room for the tag.</summary>
    internal bool SendRtp(byte[] buffer, int length)
    {
        lock (_srtpSendLock)
        {
            SrtpContext? context = _dtlsResult?.OutboundSrtpContext;
            if (context is null || context.ProtectRtp(buffer, length, out int protectedLength) != SrtpStatus.Ok
                || !SendDatagram(buffer.AsSpan(0, protectedLength)))
            {
                return false;
            }
        }

        _sent.CountRtp(length);
        return true;
    }

    /// <summary>Sends RR + PLI for <paramref name="mediaSsrc"/> (RFC 4585 §6.3.1, in a compound packet per §3.1).</summary>
    internal bool SendPictureLossIndication(uint mediaSsrc)
    {
        lock (_srtpSendLock)
        {
            Span<byte> buffer = _rtcpSendBuffer;
            if (!new ReceiverReport(_rtcpSsrc, ReadOnlySpan<ReportBlock>.Empty).TryWrite(buffer, out int written)
                || !new PictureLossIndication(_rtcpSsrc, mediaSsrc).TryWrite(buffer[written..], out int pli))
            {
                return false;
            }

            return SendRtcpLocked(written + pli);
        }
    }

    /// <summary>Sends RR + generic NACK for <paramref name="mediaSsrc"/> (RFC 4585 §6.2.1), as many pairs as fit one packet.</summary>
    internal bool SendNack(uint mediaSsrc, ReadOnlySpan<ushort> lost)
    {
        if (lost.IsEmpty)
        {
            return false;
        }

        Span<NackPair> pairs = stackalloc NackPair[64];
        if (!NackPair.TryCreate(lost, pairs, out int count))
        {
            count = pairs.Length;
        }

        lock (_srtpSendLock)
        {
            Span<byte> buffer = _rtcpSendBuffer;
            if (!new ReceiverReport(_rtcpSsrc, ReadOnlySpan<ReportBlock>.Empty).TryWrite(buffer, out int written)
                || !new GenericNack(_rtcpSsrc, mediaSsrc, pairs[..count]).TryWrite(buffer[written..], out int nack))
            {
                return false;
            }

            return SendRtcpLocked(written + nack);
        }
    }

    /// <summary>The keys DTLS exported, once connected (tests forge and replay packets with them).</summary>
    internal DtlsHandshakeResult? DtlsResult => _dtlsResult;

    /// <summary>Receives what ICE hands up (its STUN is already consumed): DTLS to the handshake, the rest to SRTP.</summary>
    internal void OnDatagram(ReadOnlySpan<byte> datagram, PacketClass packetClass)
    {
        switch (packetClass)
        {
            case PacketClass.Dtls:
                _dtls.DeliverDatagram(datagram);
                break;
            case PacketClass.RtpOrRtcp when RtcpMux.IsRtcp(datagram):
                OnSrtcp(datagram);
                break;
            case PacketClass.RtpOrRtcp:
                OnSrtp(datagram);
                break;
            default:
                _received.CountDrop(PacketDropReason.Malformed);
                break;
        }
    }

    private void OnSrtp(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length > MaxDatagramSize)
        {
            _received.CountDrop(PacketDropReason.Malformed);
            return;
        }

        ReceivedRtpPacket received = ReceivedRtpPacket.Rent();
        byte[] buffer = received.Storage;
        datagram.CopyTo(buffer);
        SrtpStatus status;
        int length;
        lock (_srtpReceiveLock)
        {
            SrtpContext? context = _dtlsResult?.InboundSrtpContext;
            if (context is null)
            {
                received.Dispose();
                _received.CountDrop(PacketDropReason.NotConnected);
                return;
            }

            status = context.UnprotectRtp(buffer.AsSpan(0, datagram.Length), out length);
        }

        if (status != SrtpStatus.Ok || !RtpPacket.TryParse(buffer.AsSpan(0, length), out RtpPacket packet))
        {
            received.Dispose();
            _received.CountDrop(DropReasonOf(status));
            return;
        }

        RtpReceiveSource? source = FindSource(packet, out PacketDropReason reason);
        if (source is null)
        {
            received.Dispose();
            _received.CountDrop(reason);
            return;
        }

        _received.CountRtp(length);
        received.Fill(packet, _options.TimeProvider.GetTimestamp(), source.Rid);
        source.Receiver.Deliver(source, received, _options.TimeProvider.TimestampFrequency);
    }

    private void OnSrtcp(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length > MaxDatagramSize)
        {
            _received.CountDrop(PacketDropReason.Malformed);
            return;
        }

        lock (_srtpReceiveLock)
        {
            SrtpContext? context = _dtlsResult?.InboundSrtpContext;
            if (context is null)
            {
                _received.CountDrop(PacketDropReason.NotConnected);
                return;
            }

            Span<byte> buffer = _rtcpReceiveBuffer.AsSpan(0, datagram.Length);
            datagram.CopyTo(buffer);
            SrtpStatus status = context.UnprotectRtcp(buffer, out int length);
            if (status != SrtpStatus.Ok)
            {
                _received.CountDrop(DropReasonOf(status));
                return;
            }

            _received.CountRtcp();
            OnRtcp(buffer[..length]);
        }
    }

    /// <summary>Sender reports feed our receiver reports; PLI, FIR and NACK go to the sender they name.</summary>
    private void OnRtcp(ReadOnlySpan<byte> compound)
    {
        Span<ushort> nackScratch = stackalloc ushort[256];
        var packets = new RtcpCompoundEnumerator(compound);
        foreach (RtcpPacketView view in packets)
        {
            RtcpHeader header = view.Header;
            if (header.PacketType == RtcpPacketType.SenderReport && SenderReport.TryParse(view.Packet, out SenderReport report))
            {
                RtpReceiveSource? source;
                lock (_gate)
                {
                    _sourcesBySsrc.TryGetValue(report.Ssrc, out source);
                }

                source?.Receiver.OnSenderReport(source, report.NtpTimestamp, _options.TimeProvider.GetTimestamp());
            }
            else if (header.PacketType == RtcpPacketType.PayloadSpecificFeedback && header.Count == RtcpPacketType.FormatPictureLossIndication
                && PictureLossIndication.TryParse(view.Packet, out PictureLossIndication pli))
            {
                SenderOf(pli.MediaSsrc)?.OnFeedback(RtcpFeedbackMessage.KeyFrameRequest(RtcpFeedbackKind.PictureLoss, pli.MediaSsrc));
            }
            else if (header.PacketType == RtcpPacketType.PayloadSpecificFeedback && header.Count == RtcpPacketType.FormatFullIntraRequest
                && FullIntraRequest.TryParse(view.Packet, out FullIntraRequest fir))
            {
                for (int i = 0; i < fir.EntryCount; i++)
                {
                    uint ssrc = fir.GetEntry(i).Ssrc;
                    SenderOf(ssrc)?.OnFeedback(RtcpFeedbackMessage.KeyFrameRequest(RtcpFeedbackKind.FullIntraRequest, ssrc));
                }
            }
            else if (header.PacketType == RtcpPacketType.TransportFeedback && header.Count == RtcpPacketType.FormatGenericNack
                && GenericNack.TryParse(view.Packet, out GenericNack nack) && SenderOf(nack.MediaSsrc) is RtpSender sender)
            {
                // Each pair names up to 17 sequence numbers (RFC 4585 §6.2.1); one array, of the exact size, for the owner.
                int capacity = nack.PairCount * 17;
                Span<ushort> lost = capacity <= nackScratch.Length ? nackScratch : new ushort[capacity];
                if (nack.TryGetLostSequenceNumbers(lost, out int count))
                {
                    sender.OnFeedback(new RtcpFeedbackMessage(RtcpFeedbackKind.Nack, nack.MediaSsrc, lost[..count].ToArray()));
                }
            }
        }

        if (packets.IsMalformed)
        {
            _received.CountDrop(PacketDropReason.Malformed);
        }
    }

    private RtpSender? SenderOf(uint ssrc)
    {
        lock (_gate)
        {
            return _transceivers.Find(t => t.Sender.Ssrc == ssrc)?.Sender;
        }
    }

    private static PacketDropReason DropReasonOf(SrtpStatus status) => status switch
    {
        SrtpStatus.AuthenticationFailed => PacketDropReason.AuthenticationFailed,
        SrtpStatus.Replayed => PacketDropReason.Replayed,
        _ => PacketDropReason.Malformed,
    };

    private void StartRtcpReports()
    {
        lock (_gate)
        {
            _rtcpTimer ??= _options.TimeProvider.CreateTimer(_ => SendReports(), null, _options.RtcpReportInterval, _options.RtcpReportInterval);
        }
    }

    /// <summary>
    /// RFC 3550 §6.1: a compound packet starts with an SR (when we sent since the last report) or an RR, carries a
    /// report block per source we receive, then an SDES with our CNAME.
    /// </summary>
    private void SendReports()
    {
        long now = _options.TimeProvider.GetTimestamp();
        long frequency = _options.TimeProvider.TimestampFrequency;
        Span<ReportBlock> blocks = stackalloc ReportBlock[MaxReportBlocks];
        int blockCount = 0;
        var senders = new List<RtpSender>();
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            foreach (RtpTransceiver transceiver in _transceivers)
            {
                // One block per received SSRC (RFC 3550 §6.4.1): each simulcast layer has its own sequence, loss and jitter.
                blockCount += transceiver.Receiver.WriteReportBlocks(blocks[blockCount..], now, frequency);
                if (transceiver.Sender.PacketsSent > 0)
                {
                    senders.Add(transceiver.Sender);
                }
            }
        }

        if (blockCount == 0 && senders.Count == 0)
        {
            return;
        }

        // Each sender's state is read before the send lock: a sender holds its own lock while it takes the send lock,
        // so taking them the other way round here could deadlock the two threads.
        var states = new List<(uint Ssrc, uint RtpTimestamp, uint Packets, uint Octets)>(senders.Count);
        foreach (RtpSender sender in senders)
        {
            if (sender.TryGetReportState(now, out uint rtpTimestamp, out uint packets, out uint octets))
            {
                states.Add((sender.Ssrc, rtpTimestamp, packets, octets));
            }
        }

        lock (_srtpSendLock)
        {
            Span<byte> buffer = _rtcpSendBuffer;
            int length = 0;
            bool first = true;
            foreach ((uint ssrc, uint rtpTimestamp, uint packets, uint octets) in states)
            {
                var report = new SenderReport(ssrc, NtpNow(), rtpTimestamp, packets, octets, first ? blocks[..blockCount] : default);
                if (!report.TryWrite(buffer[length..], out int written))
                {
                    return;
                }

                length += written;
                first = false;
            }

            uint cnameSsrc = states.Count > 0 ? states[0].Ssrc : _rtcpSsrc;
            if (first && !new ReceiverReport(_rtcpSsrc, blocks[..blockCount]).TryWrite(buffer, out length))
            {
                return;
            }

            Span<byte> cname = stackalloc byte[_cname.Length];
            Encoding.ASCII.GetBytes(_cname, cname);
            if (!SourceDescription.ForCname(cnameSsrc, cname).TryWrite(buffer[length..], out int sdes))
            {
                return;
            }

            SendRtcpLocked(length + sdes);
        }
    }

    /// <summary>Protects the compound packet in <see cref="_rtcpSendBuffer"/> and sends it. Caller holds the send lock.</summary>
    private bool SendRtcpLocked(int length)
    {
        SrtpContext? context = _dtlsResult?.OutboundSrtpContext;
        if (context is null || context.ProtectRtcp(_rtcpSendBuffer, length, out int protectedLength) != SrtpStatus.Ok
            || !SendDatagram(_rtcpSendBuffer.AsSpan(0, protectedLength)))
        {
            return false;
        }

        _sent.CountRtcp();
        return true;
    }

    /// <summary>The wall clock as a 64-bit NTP timestamp (RFC 3550 §4): seconds since 1900 in 32.32 fixed point.</summary>
    private ulong NtpNow()
    {
        DateTimeOffset now = _options.TimeProvider.GetUtcNow();
        long ticks = now.ToUnixTimeMilliseconds() * TimeSpan.TicksPerMillisecond + (now.Ticks % TimeSpan.TicksPerMillisecond);
        ulong seconds = (ulong)(ticks / TimeSpan.TicksPerSecond) + NtpUnixOffsetSeconds;
        ulong fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }
}
