using System;

namespace LiveKit.Testing.Media;

/// <summary>Recognizes the first packet of a VP8 key frame from its RTP payload (RFC 7741).</summary>
internal static class Vp8KeyFrame
{
    /// <summary>
    /// True when <paramref name="payload"/> starts partition 0 of a frame (S=1, PID=0, RFC 7741 §4.2) and the VP8
    /// payload header's P bit is 0, a key frame (RFC 7741 §4.3, RFC 6386 §9.1). Never throws.
    /// </summary>
    public static bool IsStart(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return false;
        }

        byte first = payload[0];
        bool extended = (first & 0x80) != 0;
        bool start = (first & 0x10) != 0;
        int partition = first & 0x07;
        if (!start || partition != 0)
        {
            return false;
        }

        int offset = 1;
        if (extended)
        {
            if (payload.Length < 2)
            {
                return false;
            }

            byte flags = payload[1]; // I L T K
            offset = 2;
            if ((flags & 0x80) != 0)
            {
                // PictureID: one byte, or two when its M bit is set.
                if (payload.Length <= offset)
                {
                    return false;
                }

                offset += (payload[offset] & 0x80) != 0 ? 2 : 1;
            }

            if ((flags & 0x40) != 0)
            {
                offset++; // TL0PICIDX
            }

            if ((flags & 0x30) != 0)
            {
                offset++; // TID/Y/KEYIDX
            }
        }

        return payload.Length > offset && (payload[offset] & 0x01) == 0;
    }
}
