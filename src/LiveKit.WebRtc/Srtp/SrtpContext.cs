using System;
using System.Collections.Generic;

namespace LiveKit.WebRtc.Srtp;

/// <summary>
/// The cryptographic context of one direction of an SRTP session (RFC 3711 §3.2): the session keys of one master key,
/// and per SSRC the rollover counter, the SRTCP index and the replay windows. Use one context to protect outgoing
/// packets and another, keyed by the peer's master key, to unprotect incoming ones.
/// All operations work in place and allocate nothing per packet (a new SSRC allocates its state once).
/// Not thread-safe: call from one send or one receive loop.
/// </summary>
internal sealed class SrtpContext : IDisposable
{
    private readonly SrtpCipher _cipher;
    private readonly Dictionary<uint, RtpSource> _rtpSources = new();
    private readonly Dictionary<uint, RtcpSource> _rtcpSources = new();

    /// <summary>Creates a context from the master key and salt of <paramref name="profile"/> (RFC 5764 §4.2).</summary>
    public SrtpContext(SrtpProtectionProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
        : this(profile, SrtpCipher.Create(profile, masterKey, masterSalt))
    {
    }

    /// <summary>Creates a context around an already keyed transform (test vectors give session keys directly).</summary>
    internal SrtpContext(SrtpProtectionProfile profile, SrtpCipher cipher)
    {
        Profile = profile;
        _cipher = cipher;
    }

    /// <summary>The protection profile.</summary>
    public SrtpProtectionProfile Profile { get; }

    /// <summary>Octets <see cref="ProtectRtp"/> appends; the buffer must have this much room after the packet.</summary>
    public int RtpOverhead => _cipher.RtpTrailerLength;

    /// <summary>Octets <see cref="ProtectRtcp"/> appends; the buffer must have this much room after the packet.</summary>
    public int RtcpOverhead => _cipher.RtcpTrailerLength;

    /// <summary>
    /// Turns the RTP packet in buffer[..length] into an SRTP packet in place (RFC 3711 §3.3; RFC 7714 §8),
    /// writing the tag after it. The packet index is the Appendix A estimate from this SSRC's highest sequence number.
    /// </summary>
    public SrtpStatus ProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if ((uint)length > (uint)buffer.Length || !SrtpPacketHeader.TryGetRtpHeaderLength(buffer[..length], out int headerLength))
        {
            return SrtpStatus.Malformed;
        }

        if (buffer.Length - length < RtpOverhead)
        {
            return SrtpStatus.BufferTooSmall;
        }

        uint ssrc = SrtpPacketHeader.ReadRtpSsrc(buffer);
        ushort sequence = SrtpPacketHeader.ReadRtpSequence(buffer);
        RtpSource source = GetOrAddRtpSource(ssrc);
        source.Rollover.EstimateIndex(sequence, out uint rolloverCounter);

        _cipher.EncryptRtp(buffer, headerLength, length, ssrc, rolloverCounter, sequence);
        source.Rollover.Update(sequence, rolloverCounter);
        protectedLength = length + RtpOverhead;
        return SrtpStatus.Ok;
    }

    /// <summary>
    /// Verifies and decrypts the SRTP packet in place (RFC 3711 §3.3: estimate the index, check replay, authenticate,
    /// decrypt, then update ROC and replay window). On success the RTP packet is packet[..length].
    /// </summary>
    public SrtpStatus UnprotectRtp(Span<byte> packet, out int length)
    {
        length = 0;
        if (!SrtpPacketHeader.TryGetRtpHeaderLength(packet, out int headerLength) || packet.Length - headerLength < RtpOverhead)
        {
            return SrtpStatus.Malformed;
        }

        uint ssrc = SrtpPacketHeader.ReadRtpSsrc(packet);
        ushort sequence = SrtpPacketHeader.ReadRtpSequence(packet);

        // An unknown SSRC gets state only once a packet authenticates, so forged packets cannot grow the table.
        _rtpSources.TryGetValue(ssrc, out RtpSource? source);
        SrtpRolloverState rollover = source is null ? default : source.Rollover;
        ulong index = rollover.EstimateIndex(sequence, out uint rolloverCounter);
        if (source is not null && source.Replay.IsReplayed(index))
        {
            return SrtpStatus.Replayed;
        }

        if (!_cipher.DecryptRtp(packet, headerLength, ssrc, rolloverCounter, sequence))
        {
            return SrtpStatus.AuthenticationFailed;
        }

        source ??= GetOrAddRtpSource(ssrc);
        source.Rollover.Update(sequence, rolloverCounter);
        source.Replay.Accept(index);
        length = packet.Length - RtpOverhead;
        return SrtpStatus.Ok;
    }

    /// <summary>
    /// Turns the compound RTCP packet in buffer[..length] into an SRTCP packet in place (RFC 3711 §3.4; RFC 7714 §9):
    /// encrypts everything after the first 8 octets, then appends E = 1, this SSRC's next 31-bit SRTCP index and the tag.
    /// </summary>
    public SrtpStatus ProtectRtcp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if ((uint)length > (uint)buffer.Length || !SrtpPacketHeader.IsRtcpHeader(buffer[..length]))
        {
            return SrtpStatus.Malformed;
        }

        if (buffer.Length - length < RtcpOverhead)
        {
            return SrtpStatus.BufferTooSmall;
        }

        uint ssrc = SrtpPacketHeader.ReadRtcpSsrc(buffer);
        RtcpSource source = GetOrAddRtcpSource(ssrc);
        if (source.NextIndex > SrtpCipher.SrtcpIndexMask)
        {
            // RFC 3711 §3.4: the index must not wrap under one key.
            return SrtpStatus.IndexExhausted;
        }

        _cipher.EncryptRtcp(buffer, length, ssrc, source.NextIndex);
        source.NextIndex++;
        protectedLength = length + RtcpOverhead;
        return SrtpStatus.Ok;
    }

    /// <summary>
    /// Verifies and (when E = 1) decrypts the SRTCP packet in place, rejecting replays of its SRTCP index
    /// (RFC 3711 §3.4, §3.3.2). On success the RTCP packet is packet[..length].
    /// </summary>
    public SrtpStatus UnprotectRtcp(Span<byte> packet, out int length)
    {
        length = 0;
        if (!SrtpPacketHeader.IsRtcpHeader(packet) || packet.Length < SrtpPacketHeader.RtcpClearHeaderLength + RtcpOverhead)
        {
            return SrtpStatus.Malformed;
        }

        uint ssrc = SrtpPacketHeader.ReadRtcpSsrc(packet);
        uint indexWord = _cipher.ReadSrtcpIndexWord(packet);
        uint index = indexWord & SrtpCipher.SrtcpIndexMask;

        _rtcpSources.TryGetValue(ssrc, out RtcpSource? source);
        if (source is not null && source.Replay.IsReplayed(index))
        {
            return SrtpStatus.Replayed;
        }

        if (!_cipher.DecryptRtcp(packet, ssrc, indexWord))
        {
            return SrtpStatus.AuthenticationFailed;
        }

        source ??= GetOrAddRtcpSource(ssrc);
        source.Replay.Accept(index);
        length = packet.Length - RtcpOverhead;
        return SrtpStatus.Ok;
    }

    /// <summary>Sets the SRTCP index the next protected packet of <paramref name="ssrc"/> carries.</summary>
    internal void SetNextSrtcpIndex(uint ssrc, uint index) => GetOrAddRtcpSource(ssrc).NextIndex = index & SrtpCipher.SrtcpIndexMask;

    /// <summary>Sets the rollover counter and highest sequence number of <paramref name="ssrc"/> (RFC 3711 §3.3.1 lets signalling do this).</summary>
    internal void SetRolloverCounter(uint ssrc, uint rolloverCounter, ushort highestSequence) =>
        GetOrAddRtpSource(ssrc).Rollover.Set(rolloverCounter, highestSequence);

    /// <summary>The rollover counter of <paramref name="ssrc"/>, or zero before its first packet.</summary>
    internal uint GetRolloverCounter(uint ssrc) =>
        _rtpSources.TryGetValue(ssrc, out RtpSource? source) ? source.Rollover.RolloverCounter : 0;

    private RtpSource GetOrAddRtpSource(uint ssrc)
    {
        if (!_rtpSources.TryGetValue(ssrc, out RtpSource? source))
        {
            source = new RtpSource();
            _rtpSources.Add(ssrc, source);
        }

        return source;
    }

    private RtcpSource GetOrAddRtcpSource(uint ssrc)
    {
        if (!_rtcpSources.TryGetValue(ssrc, out RtcpSource? source))
        {
            source = new RtcpSource();
            _rtcpSources.Add(ssrc, source);
        }

        return source;
    }

    /// <inheritdoc />
    public void Dispose() => _cipher.Dispose();

    /// <summary>Per-SSRC SRTP state. Fields, not properties, so the structs are updated in place.</summary>
    private sealed class RtpSource
    {
        public SrtpRolloverState Rollover;
        public SrtpReplayWindow Replay;
    }

    /// <summary>Per-SSRC SRTCP state: the sender's next index and the receiver's replay window.</summary>
    private sealed class RtcpSource
    {
        public uint NextIndex;
        public SrtpReplayWindow Replay;
    }
}
