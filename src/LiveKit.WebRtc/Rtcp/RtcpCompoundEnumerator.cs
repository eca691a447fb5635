using System;

namespace LiveKit.WebRtc.Rtcp;

/// <summary>
/// Walks the packets of a compound RTCP packet (RFC 3550 §6.1) without allocating. Each packet's length field
/// delimits it; enumeration stops with <see cref="IsMalformed"/> set at the first packet that does not fit.
/// </summary>
/// <remarks>
/// This does not insist that the first packet is a report: RFC 5506 reduced-size RTCP sends a feedback
/// packet alone. Use <see cref="IsValidCompound"/> for the RFC 3550 §6.1 rules.
/// </remarks>
internal ref struct RtcpCompoundEnumerator
{
    private readonly ReadOnlySpan<byte> _data;
    private int _offset;

    /// <summary>Creates an enumerator over a datagram holding one or more RTCP packets.</summary>
    public RtcpCompoundEnumerator(ReadOnlySpan<byte> data)
    {
        _data = data;
        _offset = 0;
        Current = default;
        IsMalformed = false;
    }

    /// <summary>The packet found by the last successful <see cref="MoveNext"/>.</summary>
    public RtcpPacketView Current { get; private set; }

    /// <summary>True when enumeration stopped on bytes that are not a valid RTCP packet.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>Returns this enumerator so it can be used in <c>foreach</c>.</summary>
    public readonly RtcpCompoundEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next packet.</summary>
    public bool MoveNext()
    {
        if (_offset >= _data.Length)
        {
            return false;
        }

        if (!RtcpHeader.TrySlice(_data[_offset..], out RtcpHeader header, out ReadOnlySpan<byte> packet, out ReadOnlySpan<byte> body))
        {
            IsMalformed = true;
            _offset = _data.Length;
            return false;
        }

        Current = new RtcpPacketView(header, packet, body);
        _offset += packet.Length;
        return true;
    }

    /// <summary>
    /// Checks the RFC 3550 §6.1 compound rules: at least one packet, the first an SR or RR, only the last padded,
    /// and the packets exactly covering the data. RFC 5506 reduced-size packets fail this test by design.
    /// </summary>
    public static bool IsValidCompound(ReadOnlySpan<byte> data)
    {
        RtcpCompoundEnumerator enumerator = new(data);
        int count = 0;
        bool previousPadded = false;
        while (enumerator.MoveNext())
        {
            RtcpHeader header = enumerator.Current.Header;
            if (previousPadded)
            {
                return false;
            }

            if (count == 0 && header.PacketType is not (RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport))
            {
                return false;
            }

            previousPadded = header.Padding;
            count++;
        }

        return count > 0 && !enumerator.IsMalformed;
    }
}
