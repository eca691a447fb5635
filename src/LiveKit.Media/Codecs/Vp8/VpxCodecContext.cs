using System;
using System.Runtime.InteropServices;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary>
/// <c>vpx_codec_ctx_t</c> (<c>vpx_codec.h</c>), laid out for x86-64 Linux (LP64): 56 bytes. The application owns
/// its memory and libvpx keeps pointers into it, so it lives in native memory owned by
/// <see cref="VpxCodecContextHandle"/> and never moves.
/// </summary>
/// <remarks>
/// Offsets: name 0, iface 8, err 16 (then 4 bytes of padding), err_detail 24, init_flags 32, config 40, priv 48.
/// The layout test reads every field back after <c>vpx_codec_enc_init_ver</c> and a failing call.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct VpxCodecContext
{
    /// <summary><c>const char *name</c>: the interface's name (<c>vpx_codec_iface_name</c>).</summary>
    public IntPtr Name;

    /// <summary><c>vpx_codec_iface_t *iface</c>.</summary>
    public IntPtr Interface;

    /// <summary><c>vpx_codec_err_t err</c>: the last error code.</summary>
    public int Error;

    /// <summary><c>const char *err_detail</c>: the last error's detail, or null.</summary>
    public IntPtr ErrorDetail;

    /// <summary><c>vpx_codec_flags_t init_flags</c> (<c>long</c>).</summary>
    public CLong InitFlags;

    /// <summary><c>union { const vpx_codec_dec_cfg_t *dec; const vpx_codec_enc_cfg_t *enc; const void *raw; } config</c>.</summary>
    public IntPtr Config;

    /// <summary><c>vpx_codec_priv_t *priv</c>: the algorithm's private state.</summary>
    public IntPtr Private;
}
