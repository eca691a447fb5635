using System;
using System.Runtime.InteropServices;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary>
/// <c>vpx_codec_cx_pkt_t</c> (<c>vpx_encoder.h</c>), laid out for x86-64 Linux (LP64): the kind, then a 128-byte
/// union (8-byte aligned) of which only the <c>data.frame</c> member is spelled out. 136 bytes; the encoder only
/// reads packets libvpx returns, through a pointer.
/// </summary>
/// <remarks>
/// <c>data.frame</c>: buf 8, sz 16, pts 24, duration 32, flags 40, partition_id 44 (later members of the union's
/// frame struct are not read). The layout test encodes with a known pts and duration and reads them back here.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VpxCodecCxPacket
{
    /// <summary>The size in bytes of the struct on x86-64: 8 for the kind (with padding) and 128 for the union.</summary>
    internal const int Size = 136;

    /// <summary><c>enum vpx_codec_cx_pkt_kind kind</c> (offset 0): <see cref="Vp8Native.CxFramePacket"/> for a frame.</summary>
    public int Kind;

    /// <summary><c>data.frame.buf</c> (8): the compressed frame, owned by the encoder.</summary>
    public IntPtr FrameBuffer;

    /// <summary><c>data.frame.sz</c> (16): its length in bytes.</summary>
    public nuint FrameSize;

    /// <summary><c>data.frame.pts</c> (24): in the timebase.</summary>
    public long FramePts;

    /// <summary><c>data.frame.duration</c> (32): in the timebase.</summary>
    public CULong FrameDuration;

    /// <summary><c>data.frame.flags</c> (40): <see cref="Vp8Native.FrameIsKey"/> and others.</summary>
    public uint FrameFlags;

    /// <summary><c>data.frame.partition_id</c> (44).</summary>
    public int FramePartitionId;

    /// <summary>The rest of the 128-byte union (bytes 48 ... 135).</summary>
    public fixed byte UnionRest[88];
}
