using System;
using System.Runtime.InteropServices;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary>
/// <c>vpx_image_t</c> (<c>vpx_image.h</c>, <c>VPX_IMAGE_ABI_VERSION</c> 5), laid out for x86-64 Linux (LP64):
/// 136 bytes. The encoder fills one on the stack for each frame; the decoder returns a pointer to libvpx's own.
/// </summary>
/// <remarks>
/// The layout test lets <c>vpx_img_wrap</c> fill this struct (it clears exactly <c>sizeof(vpx_image_t)</c> bytes
/// first, so a guard after byte 136 must survive) and checks every field it sets, then checks the fields of a
/// decoded image.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct VpxImage
{
    /// <summary>The size in bytes of the struct on x86-64.</summary>
    internal const int Size = 136;

    /// <summary><c>vpx_img_fmt_t fmt</c> (offset 0): <see cref="Vp8Native.ImageFormatI420"/> for VP8.</summary>
    public int Format;

    /// <summary><c>vpx_color_space_t cs</c> (4).</summary>
    public int ColorSpace;

    /// <summary><c>vpx_color_range_t range</c> (8).</summary>
    public int Range;

    /// <summary><c>unsigned int w</c> (12): the stored width.</summary>
    public uint Width;

    /// <summary><c>unsigned int h</c> (16): the stored height.</summary>
    public uint Height;

    /// <summary><c>unsigned int bit_depth</c> (20).</summary>
    public uint BitDepth;

    /// <summary><c>unsigned int d_w</c> (24): the displayed width.</summary>
    public uint DisplayWidth;

    /// <summary><c>unsigned int d_h</c> (28): the displayed height.</summary>
    public uint DisplayHeight;

    /// <summary><c>unsigned int r_w</c> (32): the intended rendering width.</summary>
    public uint RenderWidth;

    /// <summary><c>unsigned int r_h</c> (36): the intended rendering height.</summary>
    public uint RenderHeight;

    /// <summary><c>unsigned int x_chroma_shift</c> (40): 1 for I420.</summary>
    public uint XChromaShift;

    /// <summary><c>unsigned int y_chroma_shift</c> (44): 1 for I420.</summary>
    public uint YChromaShift;

    /// <summary><c>unsigned char *planes[VPX_PLANE_Y]</c> (48).</summary>
    public IntPtr PlaneY;

    /// <summary><c>unsigned char *planes[VPX_PLANE_U]</c> (56).</summary>
    public IntPtr PlaneU;

    /// <summary><c>unsigned char *planes[VPX_PLANE_V]</c> (64).</summary>
    public IntPtr PlaneV;

    /// <summary><c>unsigned char *planes[VPX_PLANE_ALPHA]</c> (72).</summary>
    public IntPtr PlaneAlpha;

    /// <summary><c>int stride[VPX_PLANE_Y]</c> (80): bytes from one row to the next.</summary>
    public int StrideY;

    /// <summary><c>int stride[VPX_PLANE_U]</c> (84). VP8's encoder reads this one for both chroma planes.</summary>
    public int StrideU;

    /// <summary><c>int stride[VPX_PLANE_V]</c> (88).</summary>
    public int StrideV;

    /// <summary><c>int stride[VPX_PLANE_ALPHA]</c> (92).</summary>
    public int StrideAlpha;

    /// <summary><c>int bps</c> (96): bits per sample, all planes together (12 for I420).</summary>
    public int BitsPerSample;

    /// <summary><c>void *user_priv</c> (104).</summary>
    public IntPtr UserPrivate;

    /// <summary><c>unsigned char *img_data</c> (112).</summary>
    public IntPtr ImageData;

    /// <summary><c>int img_data_owner</c> (120).</summary>
    public int ImageDataOwner;

    /// <summary><c>int self_allocd</c> (124).</summary>
    public int SelfAllocated;

    /// <summary><c>void *fb_priv</c> (128).</summary>
    public IntPtr FrameBufferPrivate;
}
