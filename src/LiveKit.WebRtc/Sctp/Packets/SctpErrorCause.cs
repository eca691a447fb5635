using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Sctp;

// RFC 9260 §3.3.10, an error cause in ABORT or ERROR:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |           Cause Code          |         Cause Length          |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// /                    Cause-Specific Information                 /
// \                                                               \
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>One error cause of an ABORT or ERROR chunk, padding excluded (RFC 9260 §3.3.10).</summary>
internal readonly ref struct SctpErrorCause
{
    /// <summary>Length of the code and length fields.</summary>
    public const int HeaderSize = SctpTlv.HeaderSize;

    private SctpErrorCause(ReadOnlySpan<byte> raw)
    {
        Code = BinaryPrimitives.ReadUInt16BigEndian(raw);
        Raw = raw;
    }

    /// <summary>The cause code as on the wire.</summary>
    public ushort Code { get; }

    /// <summary>The cause code as the enum; compare against <see cref="SctpErrorCauseCode"/> members.</summary>
    public SctpErrorCauseCode CauseCode => (SctpErrorCauseCode)Code;

    /// <summary>The cause-specific information, without padding.</summary>
    public ReadOnlySpan<byte> Info => Raw.Length >= HeaderSize ? Raw[HeaderSize..] : default;

    /// <summary>The whole cause, header included, without padding.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>Lets <c>foreach (var (code, info) in reader)</c> take the cause apart.</summary>
    public void Deconstruct(out ushort code, out ReadOnlySpan<byte> info)
    {
        code = Code;
        info = Info;
    }

    /// <summary>
    /// Reads the cause at the start of <paramref name="data"/>; <paramref name="advance"/> is its length with padding.
    /// A cause that ends exactly at the end of <paramref name="data"/> may lack padding (RFC 9260 §3.2).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out SctpErrorCause cause, out int advance)
    {
        cause = default;
        if (!SctpTlv.TryFrame(data, lastMayBeUnpadded: true, out int length, out advance))
        {
            return false;
        }

        cause = new SctpErrorCause(data[..length]);
        return true;
    }
}
