using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiveKit.Media.Codecs.Vp8;

namespace LiveKit.Media.Tests.Codecs.Vp8;

/// <summary>64 bytes placed right after a struct that libvpx fills: if libvpx's struct is larger than ours, it writes here.</summary>
[InlineArray(64)]
internal struct GuardBytes
{
    private byte _element;
}

/// <summary>A <c>vpx_codec_enc_cfg_t</c> followed by guard bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GuardedEncConfig
{
    public VpxCodecEncConfig Config;
    public GuardBytes Guard;
}

/// <summary>A <c>vpx_image_t</c> followed by guard bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GuardedImage
{
    public VpxImage Image;
    public GuardBytes Guard;
}
