using System;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// Which side of the DTLS handshake this endpoint plays, decided by SDP <c>a=setup</c> (RFC 5763 §5, RFC 4145 §4):
/// <c>active</c> opens the connection, so it is the DTLS client; <c>passive</c> waits, so it is the server.
/// </summary>
internal enum DtlsRole
{
    /// <summary>Sends the ClientHello (<c>a=setup:active</c>).</summary>
    Client,

    /// <summary>Answers the ClientHello (<c>a=setup:passive</c>).</summary>
    Server,
}

/// <summary>Mapping between <see cref="DtlsRole"/> and SDP <c>a=setup</c> values.</summary>
internal static class DtlsRoleExtensions
{
    /// <summary>The <c>a=setup</c> value that announces this role.</summary>
    public static string ToSetupAttribute(this DtlsRole role) => role == DtlsRole.Client ? "active" : "passive";

    /// <summary>The role a final <c>a=setup</c> value (active or passive) gives the endpoint that wrote it; false for actpass/holdconn/unknown.</summary>
    public static bool TryFromSetupAttribute(string setup, out DtlsRole role)
    {
        switch (setup.Trim().ToLowerInvariant())
        {
            case "active":
                role = DtlsRole.Client;
                return true;
            case "passive":
                role = DtlsRole.Server;
                return true;
            default:
                role = default;
                return false;
        }
    }

    /// <summary>
    /// The answerer's role given the offer's <c>a=setup</c>. RFC 5763 §5: the offerer must say actpass, and the answerer
    /// then should choose active (client) so the handshake starts without waiting for the answer to arrive.
    /// An active offer makes the answerer passive and vice versa.
    /// </summary>
    /// <exception cref="ArgumentException">The offer's setup value is not active, passive or actpass.</exception>
    public static DtlsRole ResolveAnswererRole(string offeredSetup) => offeredSetup.Trim().ToLowerInvariant() switch
    {
        "actpass" => DtlsRole.Client,
        "active" => DtlsRole.Server,
        "passive" => DtlsRole.Client,
        _ => throw new ArgumentException($"Offer a=setup:{offeredSetup} does not allow a DTLS role (expected actpass, active or passive).", nameof(offeredSetup)),
    };

    /// <summary>The offerer's role once the answer's <c>a=setup</c> (active or passive) is known: the opposite of the answerer's.</summary>
    /// <exception cref="ArgumentException">The answer's setup value is not active or passive.</exception>
    public static DtlsRole ResolveOffererRole(string answeredSetup) =>
        TryFromSetupAttribute(answeredSetup, out DtlsRole answererRole)
            ? (answererRole == DtlsRole.Client ? DtlsRole.Server : DtlsRole.Client)
            : throw new ArgumentException($"Answer a=setup:{answeredSetup} must be active or passive (RFC 5763 §5).", nameof(answeredSetup));
}
