using System;

namespace LiveKit.Media.Codecs.Opus;

/// <summary>
/// An Opus decoder to 16-bit PCM (libopus <c>opus_decode</c>'s output), with packet loss concealment and in-band FEC.
/// One decoder per stream; not thread-safe.
/// </summary>
/// <remarks>
/// Decoding allocates nothing: it pins the caller's spans and calls libopus directly. An Opus stream can be
/// decoded at any of the supported rates and channel counts, whatever it was encoded with.
/// </remarks>
public sealed class OpusDecoder : IDisposable
{
    /// <summary>Where packets decode to floats: one per thread, shared by its decoders and warm in its cache.</summary>
    [ThreadStatic]
    private static float[]? t_floatScratch;

    private readonly OpusDecoderHandle _handle;

    /// <summary>The soft clip's state per channel (libopus keeps it in the decoder for <c>opus_decode</c>).</summary>
    private readonly float[] _softClipMemory = new float[2];

    /// <summary>Creates a decoder (<c>opus_decoder_create</c>).</summary>
    /// <param name="sampleRate">The output rate: 48000 (what WebRTC uses), or 8000, 12000, 16000 or 24000 Hz.</param>
    /// <param name="channels">The output channels: 1 (mono) or 2 (interleaved stereo).</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate or channel count libopus does not support.</exception>
    /// <exception cref="OpusException">libopus refused to create the decoder.</exception>
    /// <exception cref="DllNotFoundException">libopus is not installed; the message names the package.</exception>
    public OpusDecoder(int sampleRate, int channels)
    {
        OpusFormat.ValidateSampleRate(sampleRate, nameof(sampleRate));
        OpusFormat.ValidateChannels(channels, nameof(channels));

        OpusDecoderHandle handle = OpusNative.DecoderCreate(sampleRate, channels, out int error);
        if (error != OpusNative.Ok || handle.IsInvalid)
        {
            handle.Dispose();
            throw OpusException.FromError(error != OpusNative.Ok ? error : OpusNative.AllocFail, "opus_decoder_create");
        }

        _handle = handle;
        SampleRate = sampleRate;
        Channels = channels;
    }

    /// <summary>The sample rate of the PCM this decoder produces, in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>The number of interleaved channels of the PCM this decoder produces.</summary>
    public int Channels { get; }

    /// <summary>
    /// Samples per channel in the longest Opus packet (120 ms): a PCM buffer of this many samples times
    /// <see cref="Channels"/> can take any packet.
    /// </summary>
    public int MaxFrameSamplesPerChannel => SampleRate / 1000 * OpusFormat.MaxFrameMilliseconds;

    /// <summary>
    /// The number of samples per channel <paramref name="packet"/> decodes to at <paramref name="sampleRate"/>
    /// (<c>opus_packet_get_nb_samples</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An unsupported sample rate.</exception>
    /// <exception cref="OpusException">The packet is empty or malformed (<c>OPUS_BAD_ARG</c>, <c>OPUS_INVALID_PACKET</c>).</exception>
    public static unsafe int GetSamplesPerChannel(ReadOnlySpan<byte> packet, int sampleRate)
    {
        OpusFormat.ValidateSampleRate(sampleRate, nameof(sampleRate));
        int result;
        fixed (byte* packetPointer = packet)
        {
            result = OpusNative.PacketGetNbSamples(packetPointer, packet.Length, sampleRate);
        }

        if (result < 0)
        {
            throw OpusException.FromError(result, "opus_packet_get_nb_samples");
        }

        return result;
    }

    /// <summary>
    /// Decodes one packet to the samples <c>opus_decode</c> gives, through <c>opus_decode_float</c> with the soft clip run
    /// only when a sample needs it (docs/media.md, "Decoding").
    /// </summary>
    /// <param name="packet">The Opus packet (an RTP payload); not empty: for a lost packet call <see cref="DecodeLoss"/>.</param>
    /// <param name="pcm">
    /// Where the samples are written, channels interleaved. Without FEC it must be large enough for the packet
    /// (<see cref="MaxFrameSamplesPerChannel"/> per channel always is). With <paramref name="decodeFec"/> its length
    /// is the duration to recover and must be a multiple of 2.5 ms: normally the lost packet's duration.
    /// </param>
    /// <param name="decodeFec">
    /// Decode the in-band FEC data that <paramref name="packet"/> carries for the packet before it, which was lost,
    /// instead of <paramref name="packet"/> itself; decode <paramref name="packet"/> normally afterwards. When it
    /// carries none, libopus conceals the loss instead.
    /// </param>
    /// <returns>The number of samples decoded per channel.</returns>
    /// <exception cref="ArgumentException"><paramref name="packet"/> is empty, or <paramref name="pcm"/> has an unusable length.</exception>
    /// <exception cref="OpusException">libopus failed, e.g. <c>OPUS_INVALID_PACKET</c> or <c>OPUS_BUFFER_TOO_SMALL</c>.</exception>
    /// <exception cref="ObjectDisposedException">The decoder is disposed.</exception>
    public unsafe int Decode(ReadOnlySpan<byte> packet, Span<short> pcm, bool decodeFec = false)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (packet.IsEmpty)
        {
            throw new ArgumentException("The packet is empty; call DecodeLoss to conceal a lost packet.", nameof(packet));
        }

        int frameSize = OpusFormat.GetDecodeFrameSize(pcm.Length, Channels, SampleRate, exact: decodeFec, nameof(pcm));
        int result;
        if (decodeFec)
        {
            // libopus neither soft-clips recovered audio nor touches the clip memory, so opus_decode is the plain path.
            fixed (byte* packetPointer = packet)
            fixed (short* pcmPointer = pcm)
            {
                result = OpusNative.Decode(_handle, packetPointer, packet.Length, pcmPointer, frameSize, 1);
            }
        }
        else
        {
            // No packet is longer than 120 ms, so a longer buffer only needs its first 120 ms (libopus trims alike).
            result = DecodeThroughFloat(packet, pcm, Math.Min(frameSize, MaxFrameSamplesPerChannel));
        }

        if (result < 0)
        {
            throw OpusException.FromError(result, "opus_decode");
        }

        return result;
    }

    /// <summary>
    /// <c>opus_decode</c>'s work in three steps (see <see cref="OpusFloatToPcm16"/>): decode to floats, soft-clip
    /// only when something needs it, convert vectorized. A negative result is libopus's error code.
    /// </summary>
    private unsafe int DecodeThroughFloat(ReadOnlySpan<byte> packet, Span<short> pcm, int frameSize)
    {
        float[] scratch = t_floatScratch ??= new float[OpusFormat.MaxDecodeSamples];
        int result;
        fixed (byte* packetPointer = packet)
        fixed (float* floatPointer = scratch)
        {
            result = OpusNative.DecodeFloat(_handle, packetPointer, packet.Length, floatPointer, frameSize, 0);
            if (result <= 0)
            {
                return result;
            }

            Span<float> decoded = scratch.AsSpan(0, result * Channels);
            if (_softClipMemory[0] != 0f || _softClipMemory[1] != 0f || !OpusFloatToPcm16.IsWithinUnit(decoded))
            {
                fixed (float* memoryPointer = _softClipMemory)
                {
                    OpusNative.PcmSoftClip(floatPointer, result, Channels, memoryPointer);
                }
            }

            OpusFloatToPcm16.Convert(decoded, pcm);
        }

        return result;
    }

    /// <summary>
    /// Conceals a lost packet (<c>opus_decode</c> with no data): fills <paramref name="pcm"/> with audio that
    /// continues what was decoded before.
    /// </summary>
    /// <param name="pcm">
    /// Where the samples are written, channels interleaved; its length is the duration to conceal, normally the
    /// lost packet's, and must be a multiple of 2.5 ms (at 48 kHz: 120 samples per channel).
    /// </param>
    /// <returns>The number of samples produced per channel: all of <paramref name="pcm"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="pcm"/> is empty or not a multiple of 2.5 ms.</exception>
    /// <exception cref="OpusException">libopus failed.</exception>
    /// <exception cref="ObjectDisposedException">The decoder is disposed.</exception>
    public unsafe int DecodeLoss(Span<short> pcm)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        int frameSize = OpusFormat.GetDecodeFrameSize(pcm.Length, Channels, SampleRate, exact: true, nameof(pcm));
        int result;
        fixed (short* pcmPointer = pcm)
        {
            result = OpusNative.Decode(_handle, null, 0, pcmPointer, frameSize, 0);
        }

        if (result < 0)
        {
            throw OpusException.FromError(result, "opus_decode (loss concealment)");
        }

        return result;
    }

    /// <summary>Frees the native decoder. Later calls do nothing.</summary>
    public void Dispose() => _handle.Dispose();
}
