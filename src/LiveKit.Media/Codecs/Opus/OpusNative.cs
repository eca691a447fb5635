using System;
using System.Runtime.InteropServices;
using LiveKit.Media.Codecs;

namespace LiveKit.Media.Codecs.Opus;

/// <summary>
/// <c>[LibraryImport]</c> bindings for the parts of libopus (1.3.1, Debian's libopus0) this SDK uses.
/// </summary>
/// <remarks>
/// <para>Signatures follow <c>opus.h</c>: <c>opus_int32</c> and <c>int</c> are 32-bit, <c>opus_int16</c> is
/// <see cref="short"/>, encoder and decoder states are opaque pointers owned by <see cref="OpusEncoderHandle"/> and
/// <see cref="OpusDecoderHandle"/>.</para>
/// <para><c>opus_encoder_ctl</c> is variadic in C; .NET cannot call a C variadic function on Unix, so it is bound
/// once per argument shape (<see cref="EncoderCtl(OpusEncoderHandle, int, int)"/> for SET requests,
/// <see cref="EncoderCtl(OpusEncoderHandle, int, out int)"/> for GET requests). That is sound where variadic and
/// fixed integer/pointer arguments travel the same way: System V x86-64 (the callee reads <c>%al</c> only as an
/// upper bound of vector registers to spill) and Linux/Windows arm64. It is not sound on Apple arm64, where
/// variadic arguments go on the stack.</para>
/// <para>The request and value constants below are those of <c>opus_defines.h</c> (libopus 1.3.1); the tests
/// read back every SET through its GET, which would fail if a number were wrong.</para>
/// </remarks>
internal static partial class OpusNative
{
    /// <summary>The import name; <see cref="NativeCodecLibraries"/> maps it to <c>libopus.so.0</c>.</summary>
    internal const string LibraryName = "opus";

    // Error codes (opus_defines.h).

    /// <summary><c>OPUS_OK</c>: no error.</summary>
    internal const int Ok = 0;

    /// <summary><c>OPUS_BAD_ARG</c>: one or more invalid or out of range arguments.</summary>
    internal const int BadArg = -1;

    /// <summary><c>OPUS_BUFFER_TOO_SMALL</c>: not enough bytes allocated in the buffer.</summary>
    internal const int BufferTooSmall = -2;

    /// <summary><c>OPUS_INTERNAL_ERROR</c>.</summary>
    internal const int InternalError = -3;

    /// <summary><c>OPUS_INVALID_PACKET</c>: the compressed data passed is corrupted.</summary>
    internal const int InvalidPacket = -4;

    /// <summary><c>OPUS_UNIMPLEMENTED</c>: invalid or unsupported request number.</summary>
    internal const int Unimplemented = -5;

    /// <summary><c>OPUS_INVALID_STATE</c>: an encoder or decoder structure is invalid or already freed.</summary>
    internal const int InvalidState = -6;

    /// <summary><c>OPUS_ALLOC_FAIL</c>: memory allocation has failed.</summary>
    internal const int AllocFail = -7;

    // Encoder CTL request numbers (opus_defines.h: SETs are even, GETs odd).

    /// <summary><c>OPUS_SET_BITRATE_REQUEST</c>: bits per second, or <see cref="Auto"/> or <see cref="BitrateMax"/>.</summary>
    internal const int SetBitrateRequest = 4002;

    /// <summary><c>OPUS_GET_BITRATE_REQUEST</c>.</summary>
    internal const int GetBitrateRequest = 4003;

    /// <summary><c>OPUS_SET_COMPLEXITY_REQUEST</c>: 0 to 10.</summary>
    internal const int SetComplexityRequest = 4010;

    /// <summary><c>OPUS_GET_COMPLEXITY_REQUEST</c>.</summary>
    internal const int GetComplexityRequest = 4011;

    /// <summary><c>OPUS_SET_INBAND_FEC_REQUEST</c>: 0 or 1.</summary>
    internal const int SetInbandFecRequest = 4012;

    /// <summary><c>OPUS_GET_INBAND_FEC_REQUEST</c>.</summary>
    internal const int GetInbandFecRequest = 4013;

    /// <summary><c>OPUS_SET_PACKET_LOSS_PERC_REQUEST</c>: expected loss, 0 to 100.</summary>
    internal const int SetPacketLossPercRequest = 4014;

    /// <summary><c>OPUS_GET_PACKET_LOSS_PERC_REQUEST</c>.</summary>
    internal const int GetPacketLossPercRequest = 4015;

    /// <summary><c>OPUS_SET_DTX_REQUEST</c>: 0 or 1.</summary>
    internal const int SetDtxRequest = 4016;

    /// <summary><c>OPUS_GET_DTX_REQUEST</c>.</summary>
    internal const int GetDtxRequest = 4017;

    /// <summary><c>OPUS_SET_SIGNAL_REQUEST</c>: <see cref="Auto"/>, <see cref="SignalVoice"/> or <see cref="SignalMusic"/>.</summary>
    internal const int SetSignalRequest = 4024;

    /// <summary><c>OPUS_GET_SIGNAL_REQUEST</c>.</summary>
    internal const int GetSignalRequest = 4025;

    // CTL values and create arguments (opus_defines.h).

    /// <summary><c>OPUS_AUTO</c>: let the encoder choose.</summary>
    internal const int Auto = -1000;

    /// <summary><c>OPUS_BITRATE_MAX</c>: the highest bitrate the frame size and packet allow.</summary>
    internal const int BitrateMax = -1;

    /// <summary><c>OPUS_APPLICATION_VOIP</c>.</summary>
    internal const int ApplicationVoip = 2048;

    /// <summary><c>OPUS_APPLICATION_AUDIO</c>.</summary>
    internal const int ApplicationAudio = 2049;

    /// <summary><c>OPUS_APPLICATION_RESTRICTED_LOWDELAY</c>.</summary>
    internal const int ApplicationRestrictedLowDelay = 2051;

    /// <summary><c>OPUS_SIGNAL_VOICE</c>.</summary>
    internal const int SignalVoice = 3001;

    /// <summary><c>OPUS_SIGNAL_MUSIC</c>.</summary>
    internal const int SignalMusic = 3002;

    // Runs before the first call of any method below (the generated P/Invoke stubs are members of this class).
    static OpusNative() => NativeCodecLibraries.EnsureRegistered();

    /// <summary><c>OpusEncoder *opus_encoder_create(opus_int32 Fs, int channels, int application, int *error)</c>.</summary>
    [LibraryImport(LibraryName, EntryPoint = "opus_encoder_create")]
    internal static partial OpusEncoderHandle EncoderCreate(int sampleRate, int channels, int application, out int error);

    /// <summary><c>void opus_encoder_destroy(OpusEncoder *st)</c>.</summary>
    [LibraryImport(LibraryName, EntryPoint = "opus_encoder_destroy")]
    internal static partial void EncoderDestroy(IntPtr st);

    /// <summary>
    /// <c>opus_int32 opus_encode(OpusEncoder *st, const opus_int16 *pcm, int frame_size, unsigned char *data,
    /// opus_int32 max_data_bytes)</c>: the packet length, or a negative error code.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "opus_encode")]
    internal static unsafe partial int Encode(OpusEncoderHandle st, short* pcm, int frameSize, byte* data, int maxDataBytes);

    /// <summary><c>int opus_encoder_ctl(OpusEncoder *st, int request, opus_int32 value)</c>: a SET request.</summary>
    [LibraryImport(LibraryName, EntryPoint = "opus_encoder_ctl")]
    internal static partial int EncoderCtl(OpusEncoderHandle st, int request, int value);

    /// <summary><c>int opus_encoder_ctl(OpusEncoder *st, int request, opus_int32 *value)</c>: a GET request.</summary>
    [LibraryImport(LibraryName, EntryPoint = "opus_encoder_ctl")]
    internal static partial int EncoderCtl(OpusEncoderHandle st, int request, out int value);

    /// <summary><c>OpusDecoder *opus_decoder_create(opus_int32 Fs, int channels, int *error)</c>.</summary>
    [LibraryImport(LibraryName, EntryPoint = "opus_decoder_create")]
    internal static partial OpusDecoderHandle DecoderCreate(int sampleRate, int channels, out int error);

    /// <summary><c>void opus_decoder_destroy(OpusDecoder *st)</c>.</summary>
    [LibraryImport(LibraryName, EntryPoint = "opus_decoder_destroy")]
    internal static partial void DecoderDestroy(IntPtr st);

    /// <summary>
    /// <c>int opus_decode(OpusDecoder *st, const unsigned char *data, opus_int32 len, opus_int16 *pcm,
    /// int frame_size, int decode_fec)</c>: samples decoded per channel, or a negative error code. A null
    /// <paramref name="data"/> asks for packet loss concealment of <paramref name="frameSize"/> samples;
    /// <paramref name="decodeFec"/> = 1 decodes the in-band FEC data of the packet that follows a lost one.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "opus_decode")]
    internal static unsafe partial int Decode(OpusDecoderHandle st, byte* data, int len, short* pcm, int frameSize, int decodeFec);

    /// <summary>
    /// <c>int opus_decode_float(OpusDecoder *st, const unsigned char *data, opus_int32 len, float *pcm,
    /// int frame_size, int decode_fec)</c>: as <see cref="Decode"/>, to floats in [-1, 1] nominally, without the
    /// soft clip that <c>opus_decode</c> applies to a decoded packet (<c>opus_decoder.c</c>, <c>opus_decode_native</c>).
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "opus_decode_float")]
    internal static unsafe partial int DecodeFloat(OpusDecoderHandle st, byte* data, int len, float* pcm, int frameSize, int decodeFec);

    /// <summary>
    /// <c>void opus_pcm_soft_clip(float *pcm, int frame_size, int channels, float *softclip_mem)</c>: bends samples
    /// beyond [-1, 1] back into it smoothly; <paramref name="memory"/> (one float per channel) carries the curve
    /// into the next frame.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "opus_pcm_soft_clip")]
    internal static unsafe partial void PcmSoftClip(float* pcm, int frameSize, int channels, float* memory);

    /// <summary><c>const char *opus_strerror(int error)</c>: a static string, never freed.</summary>
    [LibraryImport(LibraryName, EntryPoint = "opus_strerror")]
    internal static unsafe partial byte* StrError(int error);

    /// <summary><c>const char *opus_get_version_string(void)</c>: a static string, never freed.</summary>
    [LibraryImport(LibraryName, EntryPoint = "opus_get_version_string")]
    internal static unsafe partial byte* GetVersionString();

    /// <summary>
    /// <c>int opus_packet_get_nb_samples(const unsigned char packet[], opus_int32 len, opus_int32 Fs)</c>: samples
    /// per channel in the packet, or a negative error code.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "opus_packet_get_nb_samples")]
    internal static unsafe partial int PacketGetNbSamples(byte* packet, int len, int sampleRate);

    /// <summary>The text <c>opus_strerror</c> gives for <paramref name="error"/>.</summary>
    internal static unsafe string GetErrorText(int error) =>
        Marshal.PtrToStringUTF8((IntPtr)StrError(error)) ?? "unknown error";

    /// <summary>The C name of an error code, for messages.</summary>
    internal static string GetErrorName(int error) => error switch
    {
        Ok => "OPUS_OK",
        BadArg => "OPUS_BAD_ARG",
        BufferTooSmall => "OPUS_BUFFER_TOO_SMALL",
        InternalError => "OPUS_INTERNAL_ERROR",
        InvalidPacket => "OPUS_INVALID_PACKET",
        Unimplemented => "OPUS_UNIMPLEMENTED",
        InvalidState => "OPUS_INVALID_STATE",
        AllocFail => "OPUS_ALLOC_FAIL",
        _ => "unknown opus error",
    };
}
