using System;
using System.Runtime.InteropServices;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary><c>vpx_fixed_buf_t</c> (<c>vpx_encoder.h</c>): a pointer and a length. 16 bytes on x86-64.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VpxFixedBuffer
{
    /// <summary><c>void *buf</c>.</summary>
    public IntPtr Buffer;

    /// <summary><c>size_t sz</c>.</summary>
    public nuint Size;
}
