using System.Collections.Generic;

namespace LiveKit.WebRtc.Sdp;

/// <summary>This endpoint's transport parameters and choices for <see cref="SdpAnswerBuilder"/>.</summary>
public sealed record SdpAnswerOptions
{
    /// <summary>Our ICE username fragment (RFC 8839 §5.4).</summary>
    public required string IceUfrag { get; init; }

    /// <summary>Our ICE password.</summary>
    public required string IcePwd { get; init; }

    /// <summary>Our DTLS certificate fingerprint (RFC 8122).</summary>
    public required SdpFingerprint Fingerprint { get; init; }

    /// <summary>The role to take when the offer says <c>actpass</c>; RFC 8842 §5.3 recommends active.</summary>
    public SdpSetupRole SetupRoleForActPass { get; init; } = SdpSetupRole.Active;

    /// <summary>What we want to do with media; the answer direction is this intersected with the offer's reversed.</summary>
    public SdpMediaDirection LocalDirection { get; init; } = SdpMediaDirection.SendRecv;

    /// <summary>The <c>o=</c> session id (RFC 8829 §5.2.1: a random 62-bit number).</summary>
    public ulong SessionId { get; init; }

    /// <summary>The <c>o=</c> session version.</summary>
    public ulong SessionVersion { get; init; } = 2;

    /// <summary>Our SCTP port for a data channel section (RFC 8841 §5.1).</summary>
    public int SctpPort { get; init; } = 5000;

    /// <summary>Our maximum data channel message size (RFC 8841 §6.1).</summary>
    public ulong MaxMessageSize { get; init; } = 262144;

    /// <summary>
    /// Per offered mid, our direction and stream (they override <see cref="LocalDirection"/>). Sections not listed
    /// use <see cref="LocalDirection"/> and announce no stream.
    /// </summary>
    public IReadOnlyDictionary<string, SdpLocalSection>? LocalSections { get; init; }

    /// <summary>
    /// Receive offered simulcast (RFC 8853 §5.3.2): a section whose answer receives, that offers <c>a=rid:&lt;id&gt; send</c>
    /// lines and <c>a=simulcast:send</c>, and whose <c>sdes:rtp-stream-id</c> extension (RFC 8852) is accepted by the
    /// capabilities, is answered with <c>a=rid:&lt;id&gt; recv</c> per offered rid (RFC 8851 §6, restrictions
    /// dropped) and <c>a=simulcast:recv</c> with the offered streams. False: rids and simulcast are left out, so the
    /// offerer sends one stream.
    /// </summary>
    public bool ReceiveSimulcast { get; init; }
}
