using System;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>The pion peer refused a command, failed to connect, or exited; the message carries its stderr tail.</summary>
public sealed class PionPeerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PionPeerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public PionPeerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
