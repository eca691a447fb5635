using System;

namespace LiveKit.WebRtc.Rtp;

/// <summary>Which RFC 8285 element layout a header extension block uses.</summary>
internal enum RtpExtensionForm
{
    /// <summary>No extension block, or a profile that is not RFC 8285.</summary>
    None,

    /// <summary>One-byte headers (profile 0xBEDE, RFC 8285 §4.2): IDs 1..14, 1..16 data bytes.</summary>
    OneByte,

    /// <summary>Two-byte headers (profile 0x100X, RFC 8285 §4.3): IDs 1..255, 0..255 data bytes.</summary>
    TwoByte,
}

/// <summary>RFC 8285 profile values and their mapping to <see cref="RtpExtensionForm"/>.</summary>
internal static class RtpExtensionProfile
{
    /// <summary>"defined by profile" value of the one-byte form (RFC 8285 §4.2).</summary>
    public const ushort OneByte = 0xBEDE;

    /// <summary>"defined by profile" value of the two-byte form, low 4 bits being appbits (RFC 8285 §4.3).</summary>
    public const ushort TwoByte = 0x1000;

    private const ushort TwoByteMask = 0xFFF0;

    /// <summary>Maps a profile value to its element layout.</summary>
    public static RtpExtensionForm GetForm(ushort profile)
    {
        if (profile == OneByte)
        {
            return RtpExtensionForm.OneByte;
        }

        return (profile & TwoByteMask) == TwoByte ? RtpExtensionForm.TwoByte : RtpExtensionForm.None;
    }
}
