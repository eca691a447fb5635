using System;

namespace LiveKit.Rtc;

/// <summary>The server refused a request of this client (changing its metadata, name or attributes), or did not answer it.</summary>
public sealed class SignalRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failure">Why the request failed.</param>
    /// <param name="message">What failed, with the server's text.</param>
    public SignalRequestException(SignalRequestFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    /// <summary>Why the request failed.</summary>
    public SignalRequestFailure Failure { get; }
}
