namespace LiveKit.WebRtc.Rtcp;

/// <summary>RTCP packet type (PT) values and feedback message types (FMT) used here.</summary>
internal static class RtcpPacketType
{
    /// <summary>Sender report (RFC 3550 §6.4.1).</summary>
    public const byte SenderReport = 200;

    /// <summary>Receiver report (RFC 3550 §6.4.2).</summary>
    public const byte ReceiverReport = 201;

    /// <summary>Source description (RFC 3550 §6.5).</summary>
    public const byte SourceDescription = 202;

    /// <summary>Goodbye (RFC 3550 §6.6).</summary>
    public const byte Goodbye = 203;

    /// <summary>Application-defined (RFC 3550 §6.7).</summary>
    public const byte ApplicationDefined = 204;

    /// <summary>Transport-layer feedback, RTPFB (RFC 4585 §6.1).</summary>
    public const byte TransportFeedback = 205;

    /// <summary>Payload-specific feedback, PSFB (RFC 4585 §6.1).</summary>
    public const byte PayloadSpecificFeedback = 206;

    /// <summary>RTPFB FMT of generic NACK (RFC 4585 §6.2.1).</summary>
    public const int FormatGenericNack = 1;

    /// <summary>RTPFB FMT of transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1).</summary>
    public const int FormatTransportWideCc = 15;

    /// <summary>PSFB FMT of picture loss indication (RFC 4585 §6.3.1).</summary>
    public const int FormatPictureLossIndication = 1;

    /// <summary>PSFB FMT of full intra request (RFC 5104 §4.3.1).</summary>
    public const int FormatFullIntraRequest = 4;

    /// <summary>PSFB FMT of application-layer feedback, used by REMB (RFC 4585 §6.4).</summary>
    public const int FormatApplicationLayer = 15;
}
