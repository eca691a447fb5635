using System;

namespace LiveKit.Media.Packetization;

/// <summary>
/// The VP8 payload header: the first bytes of a VP8 frame (RFC 7741 §4.3, the frame tag of RFC 6386 §9.1), found
/// right after the payload descriptor of the packet that starts the frame (S=1, PID=0):
/// <code>
///      0 1 2 3 4 5 6 7
///     +-+-+-+-+-+-+-+-+
///     |Size0|H| VER |P|
///     +-+-+-+-+-+-+-+-+
///     |     Size1     |
///     +-+-+-+-+-+-+-+-+
///     |     Size2     |
///     +-+-+-+-+-+-+-+-+
/// </code>
/// A keyframe (P=0) continues with the start code 9D 01 2A and the 14-bit width and height, each with a 2-bit
/// scale (RFC 6386 §9.1).
/// </summary>
public readonly record struct Vp8PayloadHeader
{
    /// <summary>Bytes of the frame tag every frame starts with.</summary>
    public const int Length = 3;

    /// <summary>Bytes a keyframe's header takes: the frame tag, the start code, the width and the height.</summary>
    public const int KeyFrameLength = 10;

    /// <summary>True when the P (inverse keyframe) bit is 0: the frame decodes without any other (RFC 7741 §4.3).</summary>
    public bool IsKeyFrame { get; init; }

    /// <summary>VER: the VP8 version (reconstruction and loop filter profile, RFC 6386 §9.1).</summary>
    public byte Version { get; init; }

    /// <summary>H (show_frame): the decoder displays this frame (an alt-ref frame is decoded but not shown).</summary>
    public bool ShowFrame { get; init; }

    /// <summary>The size in bytes of the first partition (19 bits from Size0, Size1 and Size2).</summary>
    public int FirstPartitionSize { get; init; }

    /// <summary>The frame's width in pixels (14 bits); 0 unless <see cref="IsKeyFrame"/>.</summary>
    public int Width { get; init; }

    /// <summary>The frame's height in pixels (14 bits); 0 unless <see cref="IsKeyFrame"/>.</summary>
    public int Height { get; init; }

    /// <summary>The 2-bit horizontal upscaling code of a keyframe (RFC 6386 §9.1); 0 means none.</summary>
    public byte HorizontalScale { get; init; }

    /// <summary>The 2-bit vertical upscaling code of a keyframe (RFC 6386 §9.1); 0 means none.</summary>
    public byte VerticalScale { get; init; }

    /// <summary>
    /// True when the first byte of a frame says it is a keyframe (P bit 0, RFC 7741 §4.3): the check a receiver
    /// makes on the packet that starts the frame. False for an empty span.
    /// </summary>
    public static bool IsKeyFrameStart(ReadOnlySpan<byte> frame) => !frame.IsEmpty && (frame[0] & 0x01) == 0;

    /// <summary>Reads the header at the start of an encoded VP8 frame. Never throws.</summary>
    /// <returns>
    /// False when fewer than <see cref="Length"/> bytes are given, or for a keyframe fewer than
    /// <see cref="KeyFrameLength"/> bytes or a wrong start code.
    /// </returns>
    public static bool TryParse(ReadOnlySpan<byte> frame, out Vp8PayloadHeader header)
    {
        header = default;
        if (frame.Length < Length)
        {
            return false;
        }

        int tag = frame[0] | (frame[1] << 8) | (frame[2] << 16);
        bool isKeyFrame = (tag & 0x1) == 0;
        int width = 0, height = 0;
        byte horizontalScale = 0, verticalScale = 0;
        if (isKeyFrame)
        {
            if (frame.Length < KeyFrameLength || frame[3] != 0x9D || frame[4] != 0x01 || frame[5] != 0x2A)
            {
                return false;
            }

            int horizontal = frame[6] | (frame[7] << 8);
            int vertical = frame[8] | (frame[9] << 8);
            width = horizontal & 0x3FFF;
            horizontalScale = (byte)(horizontal >> 14);
            height = vertical & 0x3FFF;
            verticalScale = (byte)(vertical >> 14);
        }

        header = new Vp8PayloadHeader
        {
            IsKeyFrame = isKeyFrame,
            Version = (byte)((tag >> 1) & 0x7),
            ShowFrame = ((tag >> 4) & 0x1) != 0,
            FirstPartitionSize = tag >> 5,
            Width = width,
            Height = height,
            HorizontalScale = horizontalScale,
            VerticalScale = verticalScale,
        };
        return true;
    }
}
