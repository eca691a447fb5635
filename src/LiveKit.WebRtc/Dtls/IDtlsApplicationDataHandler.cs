using System;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// Takes the application data records of a <see cref="DtlsTransport"/> (SCTP packets, RFC 8261 §5), on its receive
/// thread, one at a time. The span is valid only during the call.
/// </summary>
internal interface IDtlsApplicationDataHandler
{
    /// <summary>One decrypted record.</summary>
    void OnApplicationData(ReadOnlySpan<byte> record);

    /// <summary>The association ended: orderly (null) or failed.</summary>
    void OnClosed(Exception? error);
}
