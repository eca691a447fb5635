using System;
using System.Collections.Generic;
using System.Linq;

namespace LiveKit.Api;

/// <summary>
/// The <c>video</c> claim of a LiveKit access token: what the bearer may do with rooms and inside one room.
/// </summary>
/// <remarks>
/// JSON names and defaults are LiveKit's (livekit/protocol <c>auth/grants.go</c>, <c>VideoGrant</c>). Plain
/// <see cref="bool"/> members are left out of the JSON when false; <see cref="Nullable{T}"/> members are left out
/// when null, and null means "the server's default", which is not the same as false: see the <c>Get…</c> helpers.
/// Two grants are equal when every member is equal, <see cref="CanPublishSources"/> compared element by element.
/// </remarks>
public sealed record VideoGrants
{
    /// <summary>JSON <c>roomCreate</c>: may create and delete rooms through the server API.</summary>
    public bool RoomCreate { get; init; }

    /// <summary>JSON <c>roomList</c>: may list rooms through the server API.</summary>
    public bool RoomList { get; init; }

    /// <summary>JSON <c>roomRecord</c>: may start egress (recording).</summary>
    public bool RoomRecord { get; init; }

    /// <summary>JSON <c>roomAdmin</c>: may administer the room named by <see cref="Room"/> through the server API.</summary>
    public bool RoomAdmin { get; init; }

    /// <summary>JSON <c>roomJoin</c>: may join the room named by <see cref="Room"/>. Required to connect.</summary>
    public bool RoomJoin { get; init; }

    /// <summary>JSON <c>room</c>: the room name that <see cref="RoomJoin"/> and <see cref="RoomAdmin"/> apply to.</summary>
    public string? Room { get; init; }

    /// <summary>JSON <c>canPublish</c>: may publish tracks. Null means allowed (<see cref="GetCanPublish"/>).</summary>
    public bool? CanPublish { get; init; }

    /// <summary>JSON <c>canSubscribe</c>: may subscribe to tracks. Null means allowed (<see cref="GetCanSubscribe"/>).</summary>
    public bool? CanSubscribe { get; init; }

    /// <summary>JSON <c>canPublishData</c>: may send data packets. Null means as <see cref="GetCanPublish"/>.</summary>
    public bool? CanPublishData { get; init; }

    /// <summary>
    /// JSON <c>canPublishSources</c>: when not empty, only these track sources may be published (values of
    /// <see cref="TrackSources"/>: <c>camera</c>, <c>microphone</c>, <c>screen_share</c>, <c>screen_share_audio</c>).
    /// Null and empty mean the same (every source), as upstream, where the difference does not survive JSON.
    /// </summary>
    public IReadOnlyList<string>? CanPublishSources { get; init; }

    /// <summary>JSON <c>canUpdateOwnMetadata</c>: may change its own name, metadata and attributes. Null means not allowed.</summary>
    public bool? CanUpdateOwnMetadata { get; init; }

    /// <summary>JSON <c>ingressAdmin</c>: may manage ingresses.</summary>
    public bool IngressAdmin { get; init; }

    /// <summary>JSON <c>hidden</c>: the participant is invisible to the other participants.</summary>
    public bool Hidden { get; init; }

    /// <summary>JSON <c>recorder</c>: the participant is a recorder.</summary>
    public bool Recorder { get; init; }

    /// <summary>JSON <c>agent</c>: the bearer may register as an agent worker.</summary>
    public bool Agent { get; init; }

    /// <summary>JSON <c>canSubscribeMetrics</c>: may receive the room's metrics. Null means not allowed.</summary>
    public bool? CanSubscribeMetrics { get; init; }

    /// <summary>JSON <c>canManageAgentSession</c>: may manage agent sessions. Null means the server's default.</summary>
    public bool? CanManageAgentSession { get; init; }

    /// <summary>
    /// JSON <c>destinationRoom</c>: the room the bearer may move or forward participants to (with <see cref="RoomAdmin"/>
    /// on <see cref="Room"/>).
    /// </summary>
    public string? DestinationRoom { get; init; }

    /// <summary>Whether tracks may be published: <see cref="CanPublish"/>, and true when it is not set.</summary>
    public bool GetCanPublish() => CanPublish ?? true;

    /// <summary>Whether tracks may be subscribed to: <see cref="CanSubscribe"/>, and true when it is not set.</summary>
    public bool GetCanSubscribe() => CanSubscribe ?? true;

    /// <summary>Whether data may be published: <see cref="CanPublishData"/>, and <see cref="GetCanPublish"/> when it is not set.</summary>
    public bool GetCanPublishData() => CanPublishData ?? GetCanPublish();

    /// <summary>Whether the participant may change its own metadata: <see cref="CanUpdateOwnMetadata"/>, false when not set.</summary>
    public bool GetCanUpdateOwnMetadata() => CanUpdateOwnMetadata ?? false;

    /// <summary>Whether the participant may receive metrics: <see cref="CanSubscribeMetrics"/>, false when not set.</summary>
    public bool GetCanSubscribeMetrics() => CanSubscribeMetrics ?? false;

    /// <summary>
    /// Whether a track of <paramref name="source"/> (a <see cref="TrackSources"/> value) may be published: never when
    /// <see cref="GetCanPublish"/> is false, always when <see cref="CanPublishSources"/> is empty, otherwise only
    /// when the list names the source.
    /// </summary>
    /// <param name="source">The track source; compared in lower case, as upstream lowers the source enum's name.</param>
    public bool GetCanPublishSource(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!GetCanPublish())
        {
            return false;
        }

        if (CanPublishSources is null || CanPublishSources.Count == 0)
        {
            return true;
        }

        // grants.go compares each listed string exactly with strings.ToLower(TrackSource.String()).
        string wanted = source.ToLowerInvariant();
        foreach (string allowed in CanPublishSources)
        {
            if (string.Equals(allowed, wanted, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public bool Equals(VideoGrants? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return RoomCreate == other.RoomCreate
            && RoomList == other.RoomList
            && RoomRecord == other.RoomRecord
            && RoomAdmin == other.RoomAdmin
            && RoomJoin == other.RoomJoin
            && Room == other.Room
            && CanPublish == other.CanPublish
            && CanSubscribe == other.CanSubscribe
            && CanPublishData == other.CanPublishData
            && SourcesEqual(CanPublishSources, other.CanPublishSources)
            && CanUpdateOwnMetadata == other.CanUpdateOwnMetadata
            && IngressAdmin == other.IngressAdmin
            && Hidden == other.Hidden
            && Recorder == other.Recorder
            && Agent == other.Agent
            && CanSubscribeMetrics == other.CanSubscribeMetrics
            && CanManageAgentSession == other.CanManageAgentSession
            && DestinationRoom == other.DestinationRoom;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(RoomCreate);
        hash.Add(RoomList);
        hash.Add(RoomRecord);
        hash.Add(RoomAdmin);
        hash.Add(RoomJoin);
        hash.Add(Room);
        hash.Add(CanPublish);
        hash.Add(CanSubscribe);
        hash.Add(CanPublishData);
        foreach (string source in CanPublishSources ?? [])
        {
            hash.Add(source);
        }

        hash.Add(CanUpdateOwnMetadata);
        hash.Add(IngressAdmin);
        hash.Add(Hidden);
        hash.Add(Recorder);
        hash.Add(Agent);
        hash.Add(CanSubscribeMetrics);
        hash.Add(CanManageAgentSession);
        hash.Add(DestinationRoom);
        return hash.ToHashCode();
    }

    private static bool SourcesEqual(IReadOnlyList<string>? left, IReadOnlyList<string>? right) =>
        (left ?? []).SequenceEqual(right ?? [], StringComparer.Ordinal);
}
