namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// Well-known SCTP parameter types (RFC 9260 §3.3.2.1, §3.3.5, RFC 6525 §4, RFC 5061 §4.2, RFC 3758 §3.1,
/// RFC 4895 §3). Unknown types are handled by their upper two bits, see <see cref="SctpParameter.GetUnrecognizedAction"/>.
/// </summary>
internal static class SctpParameterType
{
    /// <summary>Heartbeat Info, the only parameter of HEARTBEAT and HEARTBEAT ACK (RFC 9260 §3.3.5).</summary>
    public const ushort HeartbeatInfo = 1;

    /// <summary>IPv4 Address (RFC 9260 §3.3.2.1).</summary>
    public const ushort IPv4Address = 5;

    /// <summary>IPv6 Address (RFC 9260 §3.3.2.1).</summary>
    public const ushort IPv6Address = 6;

    /// <summary>State Cookie, mandatory in INIT ACK (RFC 9260 §3.3.3.1).</summary>
    public const ushort StateCookie = 7;

    /// <summary>Unrecognized Parameter, in INIT ACK (RFC 9260 §3.3.3.1).</summary>
    public const ushort UnrecognizedParameter = 8;

    /// <summary>Cookie Preservative (RFC 9260 §3.3.2.1).</summary>
    public const ushort CookiePreservative = 9;

    /// <summary>Host Name Address, deprecated (RFC 9260 §3.3.2.1).</summary>
    public const ushort HostNameAddress = 11;

    /// <summary>Supported Address Types (RFC 9260 §3.3.2.1).</summary>
    public const ushort SupportedAddressTypes = 12;

    /// <summary>Outgoing SSN Reset Request (RFC 6525 §4.1).</summary>
    public const ushort OutgoingSsnResetRequest = 13;

    /// <summary>Incoming SSN Reset Request (RFC 6525 §4.2).</summary>
    public const ushort IncomingSsnResetRequest = 14;

    /// <summary>SSN/TSN Reset Request (RFC 6525 §4.3).</summary>
    public const ushort SsnTsnResetRequest = 15;

    /// <summary>Re-configuration Response (RFC 6525 §4.4).</summary>
    public const ushort ReconfigurationResponse = 16;

    /// <summary>Add Outgoing Streams Request (RFC 6525 §4.5).</summary>
    public const ushort AddOutgoingStreamsRequest = 17;

    /// <summary>Add Incoming Streams Request (RFC 6525 §4.6).</summary>
    public const ushort AddIncomingStreamsRequest = 18;

    /// <summary>ECN Capable, reserved (RFC 9260 §3.3.2.1).</summary>
    public const ushort EcnCapable = 0x8000;

    /// <summary>Zero Checksum Acceptable (RFC 9653 §5.1).</summary>
    public const ushort ZeroChecksumAcceptable = 0x8001;

    /// <summary>Random, for SCTP-AUTH (RFC 4895 §3.1).</summary>
    public const ushort Random = 0x8002;

    /// <summary>Chunk List, for SCTP-AUTH (RFC 4895 §3.2).</summary>
    public const ushort ChunkList = 0x8003;

    /// <summary>Requested HMAC Algorithm, for SCTP-AUTH (RFC 4895 §3.3).</summary>
    public const ushort RequestedHmacAlgorithm = 0x8004;

    /// <summary>Padding (RFC 4820 §3).</summary>
    public const ushort Padding = 0x8005;

    /// <summary>Supported Extensions: a list of chunk types the sender understands (RFC 5061 §4.2.7).</summary>
    public const ushort SupportedExtensions = 0x8008;

    /// <summary>Forward-TSN-Supported, empty (RFC 3758 §3.1).</summary>
    public const ushort ForwardTsnSupported = 0xC000;

    /// <summary>Add IP Address (RFC 5061 §4.2.1).</summary>
    public const ushort AddIpAddress = 0xC001;

    /// <summary>Delete IP Address (RFC 5061 §4.2.2).</summary>
    public const ushort DeleteIpAddress = 0xC002;

    /// <summary>Error Cause Indication (RFC 5061 §4.2.3).</summary>
    public const ushort ErrorCauseIndication = 0xC003;

    /// <summary>Set Primary Address (RFC 5061 §4.2.4).</summary>
    public const ushort SetPrimaryAddress = 0xC004;

    /// <summary>Success Indication (RFC 5061 §4.2.5).</summary>
    public const ushort SuccessIndication = 0xC005;

    /// <summary>Adaptation Layer Indication (RFC 5061 §4.2.6).</summary>
    public const ushort AdaptationLayerIndication = 0xC006;
}
