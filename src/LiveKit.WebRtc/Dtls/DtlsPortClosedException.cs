using System.IO;

namespace LiveKit.WebRtc.Dtls;

/// <summary>Raised inside the record layer when the datagram queue was closed (the transport is shutting down).</summary>
internal sealed class DtlsPortClosedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public DtlsPortClosedException()
        : base("The DTLS datagram port is closed.")
    {
    }
}
