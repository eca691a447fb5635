namespace LiveKit.Interop.Tests.Pion;

/// <summary>
/// The DTLS role a pion peer takes when it answers (pion's <c>SettingEngine.SetAnsweringDTLSRole</c>). An offer
/// always says <c>a=setup:actpass</c>; the answer then says <c>active</c> for <see cref="Client"/> and
/// <c>passive</c> for <see cref="Server"/>.
/// </summary>
public enum PionDtlsRole
{
    /// <summary>pion's default: the answerer is the DTLS client (<c>a=setup:active</c>).</summary>
    Auto,

    /// <summary>The answerer sends the ClientHello (<c>a=setup:active</c>).</summary>
    Client,

    /// <summary>The answerer waits for the offerer's ClientHello (<c>a=setup:passive</c>).</summary>
    Server,
}
