using System;

namespace LiveKit.Media.Codecs.Opus;

/// <summary>
/// An Opus encoder for 16-bit PCM (libopus <c>opus_encode</c>). One encoder per stream; not thread-safe.
/// </summary>
/// <remarks>
/// <see cref="Encode"/> allocates nothing: it pins the caller's spans and calls libopus directly. The settings are
/// <c>opus_encoder_ctl</c> requests; each getter reads the encoder's current value back.
/// </remarks>
public sealed class OpusEncoder : IDisposable
{
    /// <summary>
    /// A packet buffer of this many bytes always suffices: the size the libopus documentation recommends for
    /// <c>opus_encode</c>'s output. A smaller buffer caps the packet size (and so the instant bitrate).
    /// </summary>
    public const int RecommendedMaxPacketBytes = 4000;

    /// <summary>The <see cref="Bitrate"/> value that lets the encoder choose (<c>OPUS_AUTO</c>).</summary>
    public const int BitrateAuto = OpusNative.Auto;

    /// <summary>The <see cref="Bitrate"/> value that asks for the most the packet allows (<c>OPUS_BITRATE_MAX</c>).</summary>
    public const int BitrateMax = OpusNative.BitrateMax;

    private readonly OpusEncoderHandle _handle;

    /// <summary>Creates an encoder (<c>opus_encoder_create</c>).</summary>
    /// <param name="sampleRate">48000 (what WebRTC uses), or 8000, 12000, 16000 or 24000 Hz.</param>
    /// <param name="channels">1 (mono) or 2 (interleaved stereo).</param>
    /// <param name="application">What the encoder is tuned for.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate, channel count or application libopus does not support.</exception>
    /// <exception cref="OpusException">libopus refused to create the encoder.</exception>
    /// <exception cref="DllNotFoundException">libopus is not installed; the message names the package.</exception>
    public OpusEncoder(int sampleRate, int channels, OpusApplication application)
    {
        OpusFormat.ValidateSampleRate(sampleRate, nameof(sampleRate));
        OpusFormat.ValidateChannels(channels, nameof(channels));
        if (application is not (OpusApplication.Voip or OpusApplication.Audio or OpusApplication.RestrictedLowDelay))
        {
            throw new ArgumentOutOfRangeException(nameof(application), application, "Not an Opus application.");
        }

        OpusEncoderHandle handle = OpusNative.EncoderCreate(sampleRate, channels, (int)application, out int error);
        if (error != OpusNative.Ok || handle.IsInvalid)
        {
            handle.Dispose();
            throw OpusException.FromError(error != OpusNative.Ok ? error : OpusNative.AllocFail, "opus_encoder_create");
        }

        _handle = handle;
        SampleRate = sampleRate;
        Channels = channels;
        Application = application;
    }

    /// <summary>The sample rate of the PCM this encoder takes, in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>The number of interleaved channels of the PCM this encoder takes.</summary>
    public int Channels { get; }

    /// <summary>What the encoder is tuned for.</summary>
    public OpusApplication Application { get; }

    /// <summary>
    /// The target bitrate in bits per second (<c>OPUS_SET_BITRATE</c>), or <see cref="BitrateAuto"/> or
    /// <see cref="BitrateMax"/>. libopus clamps a positive value to 500 ... 300000 per channel. Reading gives the
    /// bitrate in effect, in bits per second.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or a negative value other than the two constants.</exception>
    public int Bitrate
    {
        get => Get(OpusNative.GetBitrateRequest, "OPUS_GET_BITRATE");
        set
        {
            if (value <= 0 && value != BitrateAuto && value != BitrateMax)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value,
                    "The bitrate is in bits per second (e.g. 32000), or OpusEncoder.BitrateAuto or OpusEncoder.BitrateMax.");
            }

            Set(OpusNative.SetBitrateRequest, value, "OPUS_SET_BITRATE");
        }
    }

    /// <summary>
    /// Whether packets carry a low-bitrate copy of the previous frame that a receiver can decode when that frame's
    /// packet is lost (<c>OPUS_SET_INBAND_FEC</c>; see <see cref="OpusDecoder.Decode"/> with <c>decodeFec</c>).
    /// Only the SILK and hybrid modes carry it, and only when <see cref="ExpectedPacketLossPercent"/> is above zero.
    /// </summary>
    public bool InbandFec
    {
        get => Get(OpusNative.GetInbandFecRequest, "OPUS_GET_INBAND_FEC") != 0;
        set => Set(OpusNative.SetInbandFecRequest, value ? 1 : 0, "OPUS_SET_INBAND_FEC");
    }

    /// <summary>The packet loss the encoder should expect, 0 to 100 percent (<c>OPUS_SET_PACKET_LOSS_PERC</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 ... 100.</exception>
    public int ExpectedPacketLossPercent
    {
        get => Get(OpusNative.GetPacketLossPercRequest, "OPUS_GET_PACKET_LOSS_PERC");
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100);
            Set(OpusNative.SetPacketLossPercRequest, value, "OPUS_SET_PACKET_LOSS_PERC");
        }
    }

    /// <summary>
    /// Discontinuous transmission (<c>OPUS_SET_DTX</c>): during silence the encoder emits packets of 1 or 2
    /// bytes (see <see cref="Encode"/>), which need not be sent.
    /// </summary>
    public bool Dtx
    {
        get => Get(OpusNative.GetDtxRequest, "OPUS_GET_DTX") != 0;
        set => Set(OpusNative.SetDtxRequest, value ? 1 : 0, "OPUS_SET_DTX");
    }

    /// <summary>Encoder effort, 0 (fastest) to 10 (best); libopus 1.3 starts at 9 (<c>OPUS_SET_COMPLEXITY</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 ... 10.</exception>
    public int Complexity
    {
        get => Get(OpusNative.GetComplexityRequest, "OPUS_GET_COMPLEXITY");
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 10);
            Set(OpusNative.SetComplexityRequest, value, "OPUS_SET_COMPLEXITY");
        }
    }

    /// <summary>What kind of audio to expect (<c>OPUS_SET_SIGNAL</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not an <see cref="OpusSignal"/> member.</exception>
    public OpusSignal Signal
    {
        get => (OpusSignal)Get(OpusNative.GetSignalRequest, "OPUS_GET_SIGNAL");
        set
        {
            if (value is not (OpusSignal.Auto or OpusSignal.Voice or OpusSignal.Music))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Not an Opus signal type.");
            }

            Set(OpusNative.SetSignalRequest, (int)value, "OPUS_SET_SIGNAL");
        }
    }

    /// <summary>
    /// Encodes one frame (<c>opus_encode</c>). The frame size is <paramref name="pcm"/>'s length divided by
    /// <see cref="Channels"/>, and must be 2.5, 5, 10, 20, 40 or 60 ms (at 48 kHz: 120, 240, 480, 960, 1920 or 2880
    /// samples per channel).
    /// </summary>
    /// <param name="pcm">The frame: 16-bit samples, channels interleaved.</param>
    /// <param name="packet">Where the packet is written; <see cref="RecommendedMaxPacketBytes"/> always suffices.</param>
    /// <returns>
    /// The packet's length in bytes. With <see cref="Dtx"/> on, a length of 1 or 2 marks silence: such a packet
    /// need not be sent.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="pcm"/> is not a valid frame, or <paramref name="packet"/> is empty.</exception>
    /// <exception cref="OpusException">libopus failed, e.g. <c>OPUS_BUFFER_TOO_SMALL</c>.</exception>
    /// <exception cref="ObjectDisposedException">The encoder is disposed.</exception>
    public unsafe int Encode(ReadOnlySpan<short> pcm, Span<byte> packet)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        int frameSize = OpusFormat.GetEncodeFrameSize(pcm.Length, Channels, SampleRate, nameof(pcm));
        if (packet.IsEmpty)
        {
            throw new ArgumentException("The packet buffer is empty; OpusEncoder.RecommendedMaxPacketBytes always suffices.", nameof(packet));
        }

        int result;
        fixed (short* pcmPointer = pcm)
        fixed (byte* packetPointer = packet)
        {
            result = OpusNative.Encode(_handle, pcmPointer, frameSize, packetPointer, packet.Length);
        }

        if (result < 0)
        {
            throw OpusException.FromError(result, "opus_encode");
        }

        return result;
    }

    /// <summary>Frees the native encoder. Later calls do nothing.</summary>
    public void Dispose() => _handle.Dispose();

    private int Get(int request, string name)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        int result = OpusNative.EncoderCtl(_handle, request, out int value);
        if (result != OpusNative.Ok)
        {
            throw OpusException.FromError(result, "opus_encoder_ctl " + name);
        }

        return value;
    }

    private void Set(int request, int value, string name)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        int result = OpusNative.EncoderCtl(_handle, request, value);
        if (result != OpusNative.Ok)
        {
            throw OpusException.FromError(result, "opus_encoder_ctl " + name);
        }
    }
}
