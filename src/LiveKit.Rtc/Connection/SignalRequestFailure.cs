namespace LiveKit.Rtc;

/// <summary>Why the server refused a request, as <see cref="SignalRequestException.Failure"/> reports it (LiveKit's <c>RequestResponse.Reason</c>).</summary>
public enum SignalRequestFailure
{
    /// <summary>The thing the request names does not exist.</summary>
    NotFound = 1,

    /// <summary>The participant's permissions do not allow the request (e.g. no <c>canUpdateOwnMetadata</c> grant).</summary>
    NotAllowed = 2,

    /// <summary>A server limit was reached (e.g. the metadata is too large).</summary>
    LimitExceeded = 3,

    /// <summary>The request is not valid (e.g. an attribute key is empty).</summary>
    InvalidRequest = 11,

    /// <summary>Another reason the server gave; the message has its text.</summary>
    Other = 100,

    /// <summary>No answer came in time.</summary>
    Timeout = 101,
}
