namespace LiveKit.WebRtc.Stun;

/// <summary>The class of a STUN message, the C1/C0 bits of the message type (RFC 8489 §5).</summary>
internal enum StunMessageClass : byte
{
    /// <summary>0b00: a request, answered by a response.</summary>
    Request = 0b00,

    /// <summary>0b01: an indication, never answered.</summary>
    Indication = 0b01,

    /// <summary>0b10: a success response.</summary>
    SuccessResponse = 0b10,

    /// <summary>0b11: an error response, carrying ERROR-CODE.</summary>
    ErrorResponse = 0b11,
}
