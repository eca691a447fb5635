using System.Runtime.InteropServices;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary><c>vpx_codec_dec_cfg_t</c> (<c>vpx_decoder.h</c>): initialization-time decoder settings. 12 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VpxCodecDecConfig
{
    /// <summary><c>unsigned int threads</c>: at most this many threads (0 means 1).</summary>
    public uint Threads;

    /// <summary><c>unsigned int w</c>: the width, when known in advance (0: from the stream).</summary>
    public uint Width;

    /// <summary><c>unsigned int h</c>: the height, when known in advance (0: from the stream).</summary>
    public uint Height;
}
