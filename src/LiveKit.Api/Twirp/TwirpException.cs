using System;
using System.Collections.Generic;
using System.Net;

namespace LiveKit.Api;

/// <summary>
/// An error answer of a Twirp service, such as LiveKit's RoomService: the Twirp <see cref="Code"/>
/// (a <see cref="TwirpErrorCodes"/> value), the server's message and the HTTP status it came with.
/// </summary>
public sealed class TwirpException : Exception
{
    /// <summary>Creates the exception for one error answer.</summary>
    /// <param name="code">The Twirp error code, e.g. <c>not_found</c>.</param>
    /// <param name="message">The server's <c>msg</c>.</param>
    /// <param name="httpStatus">The HTTP status of the answer.</param>
    /// <param name="meta">The answer's <c>meta</c> map, if any.</param>
    public TwirpException(string code, string message, HttpStatusCode httpStatus, IReadOnlyDictionary<string, string>? meta = null)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(code);
        Code = code;
        HttpStatus = httpStatus;
        Meta = meta ?? new Dictionary<string, string>();
    }

    /// <summary>The Twirp error code (a <see cref="TwirpErrorCodes"/> value, e.g. <c>not_found</c>).</summary>
    public string Code { get; }

    /// <summary>The HTTP status the error came with.</summary>
    public HttpStatusCode HttpStatus { get; }

    /// <summary>The error's <c>meta</c> map: extra string details; empty when the server sent none.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; }
}
