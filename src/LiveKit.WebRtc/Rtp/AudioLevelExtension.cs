using System;

namespace LiveKit.WebRtc.Rtp;

// RFC 6464 §3, client-to-mixer audio level, one-byte form shown (the two-byte form carries the same byte):
//
//  0                   1
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  ID   | len=0 |V| level       |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>The RFC 6464 audio level element: voice activity flag and level in -dBov (0 loudest, 127 silence).</summary>
internal readonly record struct AudioLevelExtension(bool VoiceActivity, byte Level)
{
    /// <summary>URI negotiated in a=extmap.</summary>
    public const string Uri = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    /// <summary>Serialized length of the element data.</summary>
    public const int Length = 1;

    private const byte VoiceActivityBit = 0x80;
    private const byte LevelMask = 0x7F;

    /// <summary>Reads the element data; fails when it is empty.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out AudioLevelExtension value)
    {
        value = default;
        if (data.Length < Length)
        {
            return false;
        }

        value = new AudioLevelExtension((data[0] & VoiceActivityBit) != 0, (byte)(data[0] & LevelMask));
        return true;
    }

    /// <summary>Serialized length of the element data.</summary>
    public int GetSerializedLength() => Length;

    /// <summary>Writes the element data; fails when the level is above 127 or the span is empty.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Length || Level > LevelMask)
        {
            return false;
        }

        destination[0] = (byte)((VoiceActivity ? VoiceActivityBit : 0) | Level);
        written = Length;
        return true;
    }
}
