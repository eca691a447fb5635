using System;
using System.Runtime.InteropServices;
using LiveKit.Media.Codecs;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary>
/// <c>[LibraryImport]</c> bindings for the parts of libvpx (1.12, Debian's libvpx7, soname <c>libvpx.so.7</c>) that
/// the VP8 encoder and decoder use.
/// </summary>
/// <remarks>
/// <para>Structs go by <c>ref</c> (the generated stubs pin them and pass their address, allocating nothing) and
/// returned pointers as <see cref="IntPtr"/>, so the layout tests can call these without unsafe code.</para>
/// <para>Signatures follow <c>vpx_codec.h</c>, <c>vpx_encoder.h</c>, <c>vpx_decoder.h</c> and <c>vpx_image.h</c>.
/// C <c>long</c> and <c>unsigned long</c> (<c>vpx_codec_flags_t</c>, <c>vpx_enc_frame_flags_t</c>,
/// <c>vpx_enc_deadline_t</c>, a frame's duration) are <see cref="CLong"/> and <see cref="CULong"/>. The codec
/// context, the configuration, the image and the output packet are the explicit structs of this folder
/// (<see cref="VpxCodecContext"/>, <see cref="VpxCodecEncConfig"/>, <see cref="VpxImage"/>,
/// <see cref="VpxCodecCxPacket"/>), laid out for x86-64 Linux (LP64); tests check them against the installed
/// library.</para>
/// <para><c>vpx_codec_control_</c> is variadic in C; .NET cannot call a C variadic function on Unix, so it is
/// bound once per argument shape (<see cref="Control(VpxCodecContextHandle, int, int)"/> for controls that take
/// an <c>int</c> or <c>unsigned int</c>, <see cref="Control(VpxCodecContextHandle, int, out int)"/> for those that
/// write through an <c>int *</c>). That is sound where variadic and fixed integer/pointer arguments travel the
/// same way: System V x86-64 (the callee reads <c>%al</c> only as an upper bound of vector registers to spill)
/// and Linux/Windows arm64. It is not sound on Apple arm64, where variadic arguments go on the stack.</para>
/// </remarks>
internal static partial class Vp8Native
{
    /// <summary>The import name; <see cref="NativeCodecLibraries"/> maps it to <c>libvpx.so.7</c>.</summary>
    internal const string LibraryName = "vpx";

    // ABI versions. vpx_codec_enc_init_ver / vpx_codec_dec_init_ver take the version the caller was compiled
    // against and refuse one the library does not know (VPX_CODEC_ABI_MISMATCH). The numbers are macros that
    // add up across headers; for libvpx 1.12:
    //   vpx/vpx_image.h        #define VPX_IMAGE_ABI_VERSION (5)
    //   vpx/vpx_codec.h        #define VPX_CODEC_ABI_VERSION (4 + VPX_IMAGE_ABI_VERSION)                      = 9
    //   vpx/vpx_decoder.h      #define VPX_DECODER_ABI_VERSION (3 + VPX_CODEC_ABI_VERSION)                    = 12
    //   vpx/vpx_ext_ratectrl.h #define VPX_EXT_RATECTRL_ABI_VERSION (1)
    //   vpx/vpx_encoder.h      #define VPX_ENCODER_ABI_VERSION
    //                              (15 + VPX_CODEC_ABI_VERSION + VPX_EXT_RATECTRL_ABI_VERSION)             = 25
    // VPX_TPL_ABI_VERSION (vpx/vpx_tpl.h) does not exist in 1.12: it arrived later and feeds
    // VPX_EXT_RATECTRL_ABI_VERSION from then on, together with new encoder-config fields (another soname).
    // Cross-checked on Debian's libvpx.so.7 (1.12.0-1+deb12u5): vpx_codec_enc_init_ver starts with
    // "cmp $0x19,%r8d" and vpx_codec_dec_init_ver with "cmp $0xc,%r8d" (objdump -d), and a test shows 25 and 12
    // accepted and 26 and 13 refused with VPX_CODEC_ABI_MISMATCH.

    /// <summary><c>VPX_IMAGE_ABI_VERSION</c> of libvpx 1.12 (<c>vpx_image.h</c>).</summary>
    internal const int ImageAbiVersion = 5;

    /// <summary><c>VPX_CODEC_ABI_VERSION</c> = 4 + <c>VPX_IMAGE_ABI_VERSION</c> (<c>vpx_codec.h</c>).</summary>
    internal const int CodecAbiVersion = 4 + ImageAbiVersion;

    /// <summary><c>VPX_EXT_RATECTRL_ABI_VERSION</c> of libvpx 1.12 (<c>vpx_ext_ratectrl.h</c>).</summary>
    internal const int ExtRateControlAbiVersion = 1;

    /// <summary>
    /// <c>VPX_ENCODER_ABI_VERSION</c> = 15 + <c>VPX_CODEC_ABI_VERSION</c> + <c>VPX_EXT_RATECTRL_ABI_VERSION</c>
    /// (<c>vpx_encoder.h</c> of libvpx 1.12): 25.
    /// </summary>
    internal const int EncoderAbiVersion = 15 + CodecAbiVersion + ExtRateControlAbiVersion;

    /// <summary><c>VPX_DECODER_ABI_VERSION</c> = 3 + <c>VPX_CODEC_ABI_VERSION</c> (<c>vpx_decoder.h</c>): 12.</summary>
    internal const int DecoderAbiVersion = 3 + CodecAbiVersion;

    // vpx_codec_err_t (vpx_codec.h).

    /// <summary><c>VPX_CODEC_OK</c>.</summary>
    internal const int Ok = 0;

    /// <summary><c>VPX_CODEC_ERROR</c>: unspecified error.</summary>
    internal const int Error = 1;

    /// <summary><c>VPX_CODEC_MEM_ERROR</c>: memory operation failed.</summary>
    internal const int MemError = 2;

    /// <summary><c>VPX_CODEC_ABI_MISMATCH</c>: the ABI version passed is not the library's.</summary>
    internal const int AbiMismatch = 3;

    /// <summary><c>VPX_CODEC_INCAPABLE</c>: the algorithm does not have the required capability.</summary>
    internal const int Incapable = 4;

    /// <summary><c>VPX_CODEC_UNSUP_BITSTREAM</c>: the bitstream is not supported (e.g. the first frame is not a key frame).</summary>
    internal const int UnsupportedBitstream = 5;

    /// <summary><c>VPX_CODEC_UNSUP_FEATURE</c>: the stream uses a feature the decoder lacks.</summary>
    internal const int UnsupportedFeature = 6;

    /// <summary><c>VPX_CODEC_CORRUPT_FRAME</c>: the coded data is corrupt or truncated.</summary>
    internal const int CorruptFrame = 7;

    /// <summary><c>VPX_CODEC_INVALID_PARAM</c>: an application parameter is out of range.</summary>
    internal const int InvalidParam = 8;

    // Image formats (vpx_image.h).

    /// <summary><c>VPX_IMG_FMT_PLANAR</c>.</summary>
    internal const int ImageFormatPlanar = 0x100;

    /// <summary><c>VPX_IMG_FMT_I420</c> = <c>VPX_IMG_FMT_PLANAR | 2</c>: 8-bit Y, U, V planes, chroma halved both ways.</summary>
    internal const int ImageFormatI420 = ImageFormatPlanar | 2;

    // Encoder constants (vpx_encoder.h).

    /// <summary><c>VPX_DL_REALTIME</c>: the deadline that selects VP8's real-time mode (<c>vpx_encoder.h</c>).</summary>
    internal const uint DeadlineRealtime = 1;

    /// <summary><c>VPX_EFLAG_FORCE_KF</c>: <c>vpx_codec_encode</c> flag that makes this frame a key frame.</summary>
    internal const int EncodeFlagForceKeyFrame = 1;

    /// <summary><c>VPX_FRAME_IS_KEY</c>: <c>vpx_codec_cx_pkt_t.data.frame.flags</c> bit of a key frame.</summary>
    internal const uint FrameIsKey = 0x1;

    /// <summary><c>VPX_CODEC_CX_FRAME_PKT</c>: a packet that carries a compressed frame.</summary>
    internal const int CxFramePacket = 0;

    /// <summary><c>VPX_ERROR_RESILIENT_DEFAULT</c>: improve resilience against the loss of whole frames.</summary>
    internal const uint ErrorResilientDefault = 0x1;

    /// <summary><c>VPX_RC_ONE_PASS</c> (<c>enum vpx_enc_pass</c>).</summary>
    internal const int OnePass = 0;

    /// <summary><c>VPX_CBR</c> (<c>enum vpx_rc_mode</c>): constant bitrate.</summary>
    internal const int RateControlCbr = 1;

    /// <summary><c>VPX_KF_DISABLED</c> (<c>enum vpx_kf_mode</c>): the encoder places no key frames of its own.</summary>
    internal const int KeyFrameDisabled = 0;

    /// <summary><c>VPX_KF_AUTO</c> (<c>enum vpx_kf_mode</c>): the encoder places key frames, at most kf_max_dist apart.</summary>
    internal const int KeyFrameAuto = 1;

    // Control ids. vp8cx.h: enum vp8e_enc_control_id { VP8E_SET_ROI_MAP = 8, VP8E_SET_ACTIVEMAP,
    // VP8E_SET_SCALEMODE = 11, VP8E_SET_CPUUSED = 13, VP8E_SET_ENABLEAUTOALTREF, VP8E_SET_NOISE_SENSITIVITY,
    // VP8E_SET_SHARPNESS, VP8E_SET_STATIC_THRESHOLD, VP8E_SET_TOKEN_PARTITIONS, VP8E_GET_LAST_QUANTIZER,
    // VP8E_GET_LAST_QUANTIZER_64, VP8E_SET_ARNR_MAXFRAMES, VP8E_SET_ARNR_STRENGTH, VP8E_SET_ARNR_TYPE,
    // VP8E_SET_TUNING, VP8E_SET_CQ_LEVEL, VP8E_SET_MAX_INTRA_BITRATE_PCT, ... }.
    // vp8.h: VP8_DECODER_CTRL_ID_START = 256; vp8dx.h: enum vp8_dec_control_id {
    // VP8D_GET_LAST_REF_UPDATES = VP8_DECODER_CTRL_ID_START, VP8D_GET_FRAME_CORRUPTED, ... }.

    /// <summary><c>VP8E_SET_CPUUSED</c> (<c>int</c>, -16 ... 16): speed against quality.</summary>
    internal const int SetCpuUsed = 13;

    /// <summary><c>VP8E_SET_NOISE_SENSITIVITY</c> (<c>unsigned int</c>, 0 ... 6): the temporal denoiser.</summary>
    internal const int SetNoiseSensitivity = 15;

    /// <summary><c>VP8E_SET_STATIC_THRESHOLD</c> (<c>unsigned int</c>): below it a macroblock is coded as static.</summary>
    internal const int SetStaticThreshold = 17;

    /// <summary><c>VP8E_SET_TOKEN_PARTITIONS</c> (<c>int</c>, <c>vp8e_token_partitions</c>): 0 is one partition.</summary>
    internal const int SetTokenPartitions = 18;

    /// <summary><c>VP8E_GET_LAST_QUANTIZER</c> (<c>int *</c>): the last frame's quantizer in the bitstream's 0 ... 127 scale.</summary>
    internal const int GetLastQuantizer = 19;

    /// <summary><c>VP8E_GET_LAST_QUANTIZER_64</c> (<c>int *</c>): the last frame's quantizer in the 0 ... 63 scale of the configuration.</summary>
    internal const int GetLastQuantizer64 = 20;

    /// <summary><c>VP8E_SET_MAX_INTRA_BITRATE_PCT</c> (<c>unsigned int</c>): a key frame's size cap, in percent of a frame's share of the bitrate.</summary>
    internal const int SetMaxIntraBitratePercent = 26;

    /// <summary><c>VP8D_GET_LAST_REF_UPDATES</c> (<c>int *</c>): the reference buffers the last frame updated.</summary>
    internal const int GetLastReferenceUpdates = 256;

    /// <summary><c>VP8D_GET_FRAME_CORRUPTED</c> (<c>int *</c>): non-zero when the last frame decoded from a corrupt reference.</summary>
    internal const int GetFrameCorrupted = 257;

    // Runs before the first call of any method below (the generated P/Invoke stubs are members of this class).
    static Vp8Native() => NativeCodecLibraries.EnsureRegistered();

    /// <summary><c>vpx_codec_iface_t *vpx_codec_vp8_cx(void)</c>: the VP8 encoder interface (static, never freed).</summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_vp8_cx")]
    internal static partial IntPtr Vp8EncoderInterface();

    /// <summary><c>vpx_codec_iface_t *vpx_codec_vp8_dx(void)</c>: the VP8 decoder interface (static, never freed).</summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_vp8_dx")]
    internal static partial IntPtr Vp8DecoderInterface();

    /// <summary>
    /// <c>vpx_codec_err_t vpx_codec_enc_config_default(vpx_codec_iface_t *iface, vpx_codec_enc_cfg_t *cfg,
    /// unsigned int usage)</c>: fills <paramref name="config"/> with the interface's defaults (usage must be 0).
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_enc_config_default")]
    internal static partial int EncoderConfigDefault(IntPtr iface, ref VpxCodecEncConfig config, uint usage);

    /// <summary>
    /// <c>vpx_codec_err_t vpx_codec_enc_init_ver(vpx_codec_ctx_t *ctx, vpx_codec_iface_t *iface,
    /// const vpx_codec_enc_cfg_t *cfg, vpx_codec_flags_t flags, int ver)</c>: <paramref name="abiVersion"/> is
    /// <see cref="EncoderAbiVersion"/>. libvpx copies the configuration; on failure it destroys the context itself.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_enc_init_ver")]
    internal static partial int EncoderInit(VpxCodecContextHandle context, IntPtr iface, ref VpxCodecEncConfig config, CLong flags, int abiVersion);

    /// <summary>
    /// <c>vpx_codec_err_t vpx_codec_enc_config_set(vpx_codec_ctx_t *ctx, const vpx_codec_enc_cfg_t *cfg)</c>:
    /// applies a changed configuration (e.g. the target bitrate) to a running encoder.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_enc_config_set")]
    internal static partial int EncoderConfigSet(VpxCodecContextHandle context, ref VpxCodecEncConfig config);

    /// <summary>
    /// <c>vpx_codec_err_t vpx_codec_encode(vpx_codec_ctx_t *ctx, const vpx_image_t *img, vpx_codec_pts_t pts,
    /// unsigned long duration, vpx_enc_frame_flags_t flags, vpx_enc_deadline_t deadline)</c>: pts and duration are
    /// in the configuration's timebase; libvpx copies the image before it returns.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_encode")]
    internal static partial int Encode(VpxCodecContextHandle context, ref VpxImage image, long pts, CULong duration, CLong flags, CULong deadline);

    /// <summary>
    /// <c>const vpx_codec_cx_pkt_t *vpx_codec_get_cx_data(vpx_codec_ctx_t *ctx, vpx_codec_iter_t *iter)</c>: the
    /// next output packet of the last <c>vpx_codec_encode</c>, or null; <paramref name="iterator"/> starts at null.
    /// Packets live in the encoder until the next encode.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_get_cx_data")]
    internal static partial IntPtr GetCxData(VpxCodecContextHandle context, ref IntPtr iterator);

    /// <summary>
    /// <c>vpx_codec_err_t vpx_codec_dec_init_ver(vpx_codec_ctx_t *ctx, vpx_codec_iface_t *iface,
    /// const vpx_codec_dec_cfg_t *cfg, vpx_codec_flags_t flags, int ver)</c>: <paramref name="abiVersion"/> is
    /// <see cref="DecoderAbiVersion"/>.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_dec_init_ver")]
    internal static partial int DecoderInit(VpxCodecContextHandle context, IntPtr iface, ref VpxCodecDecConfig config, CLong flags, int abiVersion);

    /// <summary>
    /// <c>vpx_codec_err_t vpx_codec_decode(vpx_codec_ctx_t *ctx, const uint8_t *data, unsigned int data_sz,
    /// void *user_priv, long deadline)</c>: decodes one compressed frame.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_decode")]
    internal static partial int Decode(VpxCodecContextHandle context, ref byte data, uint dataSize, IntPtr userPrivate, CLong deadline);

    /// <summary>
    /// <c>vpx_image_t *vpx_codec_get_frame(vpx_codec_ctx_t *ctx, vpx_codec_iter_t *iter)</c>: the next decoded
    /// image, or null; it points into the decoder's buffers and stays valid until the next decode.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_get_frame")]
    internal static partial IntPtr GetFrame(VpxCodecContextHandle context, ref IntPtr iterator);

    /// <summary><c>vpx_codec_err_t vpx_codec_control_(vpx_codec_ctx_t *ctx, int ctrl_id, ...)</c> with one <c>int</c> argument.</summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_control_")]
    internal static partial int Control(VpxCodecContextHandle context, int controlId, int value);

    /// <summary><c>vpx_codec_err_t vpx_codec_control_(vpx_codec_ctx_t *ctx, int ctrl_id, ...)</c> with one <c>int *</c> argument.</summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_control_")]
    internal static partial int Control(VpxCodecContextHandle context, int controlId, out int value);

    /// <summary>
    /// <c>vpx_codec_err_t vpx_codec_destroy(vpx_codec_ctx_t *ctx)</c>: frees what init allocated; the context's
    /// own memory is the caller's. Safe on a context whose init failed.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_destroy")]
    internal static partial int Destroy(IntPtr context);

    /// <summary><c>const char *vpx_codec_error(vpx_codec_ctx_t *ctx)</c>: the text of the context's last error code.</summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_error")]
    internal static partial IntPtr ErrorText(VpxCodecContextHandle context);

    /// <summary><c>const char *vpx_codec_error_detail(vpx_codec_ctx_t *ctx)</c>: the detail of the last error, or null.</summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_error_detail")]
    internal static partial IntPtr ErrorDetail(VpxCodecContextHandle context);

    /// <summary><c>const char *vpx_codec_err_to_string(vpx_codec_err_t err)</c>: a static string.</summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_err_to_string")]
    internal static partial IntPtr ErrorToString(int error);

    /// <summary><c>const char *vpx_codec_version_str(void)</c>: e.g. <c>"v1.12.0"</c>, static.</summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_version_str")]
    internal static partial IntPtr VersionString();

    /// <summary><c>const char *vpx_codec_iface_name(vpx_codec_iface_t *iface)</c>: static.</summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_codec_iface_name")]
    internal static partial IntPtr InterfaceName(IntPtr iface);

    /// <summary>
    /// <c>vpx_image_t *vpx_img_wrap(vpx_image_t *img, vpx_img_fmt_t fmt, unsigned int d_w, unsigned int d_h,
    /// unsigned int stride_align, unsigned char *img_data)</c>: describes caller memory as an image. The encoder
    /// fills its <see cref="VpxImage"/> itself; the layout test uses this to see how libvpx fills one.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "vpx_img_wrap")]
    internal static partial IntPtr ImageWrap(ref VpxImage image, int format, uint width, uint height, uint strideAlign, ref byte data);

    /// <summary>A static C string as a .NET string (empty for null).</summary>
    internal static string ToManaged(IntPtr text) => Marshal.PtrToStringUTF8(text) ?? string.Empty;

    /// <summary>The C name of a <c>vpx_codec_err_t</c>, for messages.</summary>
    internal static string GetErrorName(int error) => error switch
    {
        Ok => "VPX_CODEC_OK",
        Error => "VPX_CODEC_ERROR",
        MemError => "VPX_CODEC_MEM_ERROR",
        AbiMismatch => "VPX_CODEC_ABI_MISMATCH",
        Incapable => "VPX_CODEC_INCAPABLE",
        UnsupportedBitstream => "VPX_CODEC_UNSUP_BITSTREAM",
        UnsupportedFeature => "VPX_CODEC_UNSUP_FEATURE",
        CorruptFrame => "VPX_CODEC_CORRUPT_FRAME",
        InvalidParam => "VPX_CODEC_INVALID_PARAM",
        _ => "unknown vpx_codec_err_t",
    };
}
