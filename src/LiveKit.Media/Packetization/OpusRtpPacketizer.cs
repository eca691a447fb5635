using System;

namespace LiveKit.Media.Packetization;

/// <summary>
/// Chooses the RTP timestamp and marker bit of each Opus packet of one stream, and whether to send it (RFC 7587).
/// One per outgoing audio stream; not thread-safe. Allocates nothing.
/// </summary>
/// <remarks>
/// <para>
/// The timestamp advances by each packet's duration at 48 kHz, whatever rate the encoder runs at (RFC 7587
/// §4.1); the duration is read from the packet's TOC byte (RFC 6716 §3.1), which is what the receiver's decoder
/// will produce for it.
/// </para>
/// <para>
/// DTX (RFC 7587 §3.1.3): with DTX on, libopus encodes silence as 1-2 byte packets. The first of a run is sent
/// (so the receiver's decoder knows DTX started and produces comfort noise), the following ones are not, as
/// libwebrtc does; the timestamp keeps counting through them, so the receiver sees a timestamp jump with
/// contiguous sequence numbers (not a loss), and the first packet sent afterwards carries the marker bit.
/// </para>
/// </remarks>
public sealed class OpusRtpPacketizer
{
    private readonly bool _skipRepeatedDtx;
    private bool _inDtx;
    private bool _markNext = true;

    /// <summary>Creates a packetizer whose first packet gets <paramref name="initialTimestamp"/>.</summary>
    /// <param name="initialTimestamp">
    /// The first RTP timestamp; RFC 3550 §5.1 wants it random (unpredictable), which the caller chooses.
    /// </param>
    /// <param name="skipRepeatedDtx">
    /// True (the default, as libwebrtc) to leave out every DTX packet after the first of a run; false to send
    /// them all.
    /// </param>
    public OpusRtpPacketizer(uint initialTimestamp, bool skipRepeatedDtx = true)
    {
        NextTimestamp = initialTimestamp;
        _skipRepeatedDtx = skipRepeatedDtx;
    }

    /// <summary>The RTP timestamp the next packet will get.</summary>
    public uint NextTimestamp { get; private set; }

    /// <summary>
    /// Chooses the RTP fields of <paramref name="opusPacket"/> (an encoder's output) and advances the timestamp
    /// by its duration.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The bytes are not an Opus packet (empty, or a TOC and frame count that RFC 6716 §3.4 calls malformed).
    /// </exception>
    public OpusRtpPacketInfo Packetize(ReadOnlySpan<byte> opusPacket)
    {
        if (!OpusRtp.TryGetSampleCount(opusPacket, out int samples))
        {
            throw new ArgumentException(
                "Not an Opus packet: pass the bytes OpusEncoder.Encode wrote (a TOC byte first, at most 120 ms).",
                nameof(opusPacket));
        }

        uint timestamp = NextTimestamp;
        NextTimestamp = unchecked(timestamp + (uint)samples);

        bool dtx = OpusRtp.IsDtxPacket(opusPacket);
        bool send = !(dtx && _inDtx && _skipRepeatedDtx);
        _inDtx = dtx;
        if (!send)
        {
            _markNext = true;
            return new OpusRtpPacketInfo { Timestamp = timestamp, Marker = false, ShouldSend = false, Samples = samples };
        }

        bool marker = _markNext;
        _markNext = false;
        return new OpusRtpPacketInfo { Timestamp = timestamp, Marker = marker, ShouldSend = true, Samples = samples };
    }

    /// <summary>
    /// Lets <paramref name="samples"/> 48 kHz samples pass without sending anything (the track was muted, or the
    /// source paused): the timestamp advances so the receiver keeps its timing, and the next packet sent carries
    /// the marker bit (RFC 3551 §4.1).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is negative.</exception>
    public void Skip(int samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        NextTimestamp = unchecked(NextTimestamp + (uint)samples);
        if (samples > 0)
        {
            _markNext = true;
        }
    }
}
