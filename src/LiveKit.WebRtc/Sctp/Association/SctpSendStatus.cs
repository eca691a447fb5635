namespace LiveKit.WebRtc.Sctp;

/// <summary>The result of <see cref="SctpAssociation.Send"/>.</summary>
internal enum SctpSendStatus
{
    /// <summary>The message was queued.</summary>
    Ok,

    /// <summary>The message is larger than <see cref="SctpAssociationOptions.MaxSendMessageSize"/> (or empty); nothing was queued.</summary>
    TooLarge,

    /// <summary>
    /// The association is shutting down or closed, or the stream is being reset (its next message must wait for the
    /// reset, RFC 6525 §5.1.2); nothing was queued.
    /// </summary>
    Closed,
}
