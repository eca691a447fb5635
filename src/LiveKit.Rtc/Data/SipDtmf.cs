using System;

namespace LiveKit.Rtc;

/// <summary>A DTMF tone (a telephone key press) sent by a SIP participant, as the <c>sip_dtmf_received</c> event delivers it.</summary>
public sealed class SipDtmf
{
    internal SipDtmf(int code, string digit, RemoteParticipant? participant)
    {
        ArgumentNullException.ThrowIfNull(digit);
        Code = code;
        Digit = digit;
        Participant = participant;
    }

    /// <summary>The DTMF event code (RFC 4733): 0-9 for the digits, 10 for <c>*</c>, 11 for <c>#</c>, 12-15 for A-D.</summary>
    public int Code { get; }

    /// <summary>The key as a character string, e.g. <c>"5"</c>, <c>"*"</c> or <c>"#"</c>.</summary>
    public string Digit { get; }

    /// <summary>The SIP participant who sent the tone; null when it is not known.</summary>
    public RemoteParticipant? Participant { get; }
}
