using System;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc;

/// <summary>Log messages of the room client: connection, negotiation, and wire input that was not applied.</summary>
internal static partial class RoomLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Connected to room {Room} as {Identity} (server {ServerVersion}, protocol {Protocol})")]
    public static partial void Connected(ILogger logger, string room, string identity, string serverVersion, int protocol);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Join attempt {Attempt} failed ({Failure}); retrying in {Delay}")]
    public static partial void JoinRetry(ILogger logger, Exception exception, int attempt, RoomConnectFailure failure, TimeSpan delay);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Disconnected from room {Room}: {Reason}")]
    public static partial void Disconnected(ILogger logger, string room, DisconnectReason reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "ICE server {Url} ignored: {Why}")]
    public static partial void IceServerIgnored(ILogger logger, string url, string why);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Trickled candidate for the {Target} ignored: it does not parse: {Candidate}")]
    public static partial void TrickleIgnored(ILogger logger, string target, string candidate);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "Signal request {Request} not sent: the signal connection is closed")]
    public static partial void SignalSendDropped(ILogger logger, string request);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "The server's subscriber offer {OfferId} could not be answered")]
    public static partial void SubscriberOfferFailed(ILogger logger, Exception exception, uint offerId);

    [LoggerMessage(EventId = 207, Level = LogLevel.Debug, Message = "Publisher answer {AnswerId} dropped: the offer in flight is {OfferId}")]
    public static partial void StaleAnswerDropped(ILogger logger, uint answerId, uint offerId);

    [LoggerMessage(EventId = 208, Level = LogLevel.Warning, Message = "Publisher negotiation failed")]
    public static partial void PublisherNegotiationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 209, Level = LogLevel.Debug, Message = "Remote track {TrackId} (stream {StreamId}) waits for its publication to be announced")]
    public static partial void RemoteTrackPending(ILogger logger, string trackId, string streamId);

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "Subscription to track {TrackSid} failed ({Error}) and its publisher is not known")]
    public static partial void SubscriptionFailedUnknownTrack(ILogger logger, string trackSid, string error);

    [LoggerMessage(EventId = 211, Level = LogLevel.Debug, Message = "Duplicate reliable data packet {Sequence} from {ParticipantSid} dropped")]
    public static partial void DuplicateDataDropped(ILogger logger, uint sequence, string participantSid);

    [LoggerMessage(EventId = 214, Level = LogLevel.Warning, Message = "Connection to room {Room} lost ({Reason}); rejoining")]
    public static partial void Reconnecting(ILogger logger, string room, DisconnectReason reason);

    [LoggerMessage(EventId = 215, Level = LogLevel.Warning, Message = "Rejoin attempt {Attempt} failed ({Failure})")]
    public static partial void RejoinFailed(ILogger logger, Exception exception, int attempt, RoomConnectFailure failure);

    [LoggerMessage(EventId = 213, Level = LogLevel.Warning, Message = "Closing the room's connections failed")]
    public static partial void CloseFailed(ILogger logger, Exception exception);
}
