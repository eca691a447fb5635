using System;

namespace LiveKit.WebRtc.Dtls;

/// <summary>The DTLS handshake failed: a fatal alert was sent or received, negotiation failed, or the port closed.</summary>
public class DtlsHandshakeException : Exception
{
    /// <summary>Creates the exception.</summary>
    internal DtlsHandshakeException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
