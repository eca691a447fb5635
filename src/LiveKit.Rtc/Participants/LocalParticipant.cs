using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;

namespace LiveKit.Rtc;

/// <summary>This client as a participant of its room: the participant that publishes this client's tracks and data.</summary>
public sealed class LocalParticipant : Participant
{
    private readonly Room? _room;
    private TrackPublicationMap<LocalTrackPublication> _trackPublications = TrackPublicationMap<LocalTrackPublication>.Empty;

    internal LocalParticipant(string sid, string identity, Room? room = null)
        : base(sid, identity)
    {
        _room = room;
    }

    /// <summary>The tracks this client publishes, by track sid.</summary>
    public new IReadOnlyDictionary<string, LocalTrackPublication> TrackPublications => _trackPublications;

    private protected override IReadOnlyDictionary<string, TrackPublication> TrackPublicationsCore => _trackPublications.AsBase;

    private Room Room => _room ?? throw new InvalidOperationException("This participant does not belong to a connected room.");

    /// <summary>
    /// Sends <paramref name="payload"/> to the room's participants (or to <paramref name="destinationIdentities"/> only)
    /// over the reliable or the lossy data channel. Receivers get it as <c>data_received</c>.
    /// </summary>
    /// <param name="payload">The bytes; with the packet's envelope at most 64,000 bytes (LiveKit's limit per message).</param>
    /// <param name="reliable">True (the default): ordered and retransmitted until delivered. False: may be lost or reordered, never late.</param>
    /// <param name="destinationIdentities">The identities to deliver to; null or empty for everyone.</param>
    /// <param name="topic">A topic receivers can route by; null for none.</param>
    /// <param name="cancellationToken">Cancels waiting for the data channel or for room in its send buffer.</param>
    /// <returns>A task that completes when the packet is in the data channel's send buffer.</returns>
    /// <exception cref="InvalidOperationException">The room is not connected, or the token does not grant <c>canPublishData</c>.</exception>
    /// <exception cref="ArgumentException">The packet is larger than 64,000 bytes.</exception>
    public Task PublishDataAsync(
        ReadOnlyMemory<byte> payload,
        bool reliable = true,
        IEnumerable<string>? destinationIdentities = null,
        string? topic = null,
        CancellationToken cancellationToken = default)
    {
        if (Permissions is { CanPublishData: false })
        {
            throw new InvalidOperationException($"{Identity} may not publish data: its token does not grant canPublishData.");
        }

        var user = new Proto.UserPacket { Payload = ByteString.CopyFrom(payload.Span) };
        if (topic is not null)
        {
            user.Topic = topic;
        }

        var packet = new Proto.DataPacket
        {
            Kind = reliable ? Proto.DataPacket.Types.Kind.Reliable : Proto.DataPacket.Types.Kind.Lossy,
            ParticipantIdentity = Identity,
            User = user,
        };
        if (destinationIdentities is not null)
        {
            packet.DestinationIdentities.Add(destinationIdentities.Where(d => !string.IsNullOrEmpty(d)));
        }

        return Room.PublishDataPacketAsync(packet, reliable, cancellationToken);
    }

    /// <summary>Sends <paramref name="payload"/> as UTF-8 (see the byte overload).</summary>
    /// <param name="payload">The text.</param>
    /// <param name="reliable">True (the default) for the reliable channel.</param>
    /// <param name="destinationIdentities">The identities to deliver to; null or empty for everyone.</param>
    /// <param name="topic">A topic receivers can route by; null for none.</param>
    /// <param name="cancellationToken">Cancels waiting for the data channel.</param>
    /// <returns>A task that completes when the packet is in the data channel's send buffer.</returns>
    public Task PublishDataAsync(
        string payload,
        bool reliable = true,
        IEnumerable<string>? destinationIdentities = null,
        string? topic = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return PublishDataAsync(Encoding.UTF8.GetBytes(payload), reliable, destinationIdentities, topic, cancellationToken);
    }

    /// <summary>Sends a DTMF tone (RFC 4733 event code and its key) to the room; SIP participants play it to their call.</summary>
    /// <param name="code">The event code: 0-9 for the digits, 10 for <c>*</c>, 11 for <c>#</c>, 12-15 for A-D.</param>
    /// <param name="digit">The key, e.g. <c>"5"</c> or <c>"#"</c>.</param>
    /// <param name="cancellationToken">Cancels waiting for the data channel.</param>
    /// <returns>A task that completes when the packet is in the data channel's send buffer.</returns>
    public Task PublishDtmfAsync(int code, string digit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(code);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 15);
        ArgumentException.ThrowIfNullOrEmpty(digit);
        var packet = new Proto.DataPacket
        {
            Kind = Proto.DataPacket.Types.Kind.Reliable,
            ParticipantIdentity = Identity,
            SipDtmf = new Proto.SipDTMF { Code = (uint)code, Digit = digit },
        };
        return Room.PublishDataPacketAsync(packet, reliable: true, cancellationToken);
    }

    /// <summary>Sends transcription segments of a participant's track to the room (receivers get <c>transcription_received</c>).</summary>
    /// <param name="transcription">Whose track was transcribed, and the segments.</param>
    /// <param name="cancellationToken">Cancels waiting for the data channel.</param>
    /// <returns>A task that completes when the packet is in the data channel's send buffer.</returns>
    public Task PublishTranscriptionAsync(Transcription transcription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transcription);
        transcription.Validate();
        var wire = new Proto.Transcription { TranscribedParticipantIdentity = transcription.ParticipantIdentity, TrackId = transcription.TrackSid };
        foreach (TranscriptionSegment segment in transcription.Segments)
        {
            wire.Segments.Add(new Proto.TranscriptionSegment
            {
                Id = segment.Id,
                Text = segment.Text,
                StartTime = segment.StartTime,
                EndTime = segment.EndTime,
                Final = segment.IsFinal,
                Language = segment.Language,
            });
        }

        var packet = new Proto.DataPacket { Kind = Proto.DataPacket.Types.Kind.Reliable, ParticipantIdentity = Identity, Transcription = wire };
        return Room.PublishDataPacketAsync(packet, reliable: true, cancellationToken);
    }

    /// <summary>
    /// Sets this participant's metadata. Completes when the server has accepted it and <see cref="Participant.Metadata"/>
    /// shows it; the room emits <c>participant_metadata_changed</c> for it, here and at the other participants.
    /// </summary>
    /// <param name="metadata">The new metadata, an application-defined string.</param>
    /// <param name="cancellationToken">Cancels waiting for the server.</param>
    /// <exception cref="SignalRequestException">The server refused (e.g. the token lacks <c>canUpdateOwnMetadata</c>) or did not answer.</exception>
    public Task SetMetadataAsync(string metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return Room.UpdateLocalMetadataAsync(metadata, null, null, cancellationToken);
    }

    /// <summary>Sets this participant's display name; completes when the server has accepted it and <see cref="Participant.Name"/> shows it.</summary>
    /// <param name="name">The new name.</param>
    /// <param name="cancellationToken">Cancels waiting for the server.</param>
    /// <exception cref="SignalRequestException">The server refused or did not answer.</exception>
    public Task SetNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Room.UpdateLocalMetadataAsync(null, name, null, cancellationToken);
    }

    /// <summary>
    /// Sets attributes of this participant: the given keys take the given values, an empty value deletes the key, other
    /// keys stay. Completes when the server has accepted them and <see cref="Participant.Attributes"/> shows them.
    /// </summary>
    /// <param name="attributes">The keys to set or (with an empty value) delete.</param>
    /// <param name="cancellationToken">Cancels waiting for the server.</param>
    /// <exception cref="SignalRequestException">The server refused or did not answer.</exception>
    public Task SetAttributesAsync(IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (attributes.Keys.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Attribute keys must not be empty.", nameof(attributes));
        }

        return Room.UpdateLocalMetadataAsync(null, null, attributes.ToDictionary(a => a.Key, a => a.Value ?? string.Empty), cancellationToken);
    }

    /// <summary>
    /// Publishes <paramref name="track"/> to the room (brief §3.4): the server accepts it, its media starts going out,
    /// and the room emits <c>local_track_published</c>; the others get <c>track_published</c> and, subscribed,
    /// <c>track_subscribed</c>.
    /// </summary>
    /// <param name="track">The track to publish (a <see cref="LocalAudioTrack"/> or a <see cref="LocalVideoTrack"/>).</param>
    /// <param name="options">What the track is and how to encode it; null for the defaults.</param>
    /// <param name="cancellationToken">Stops waiting for the server.</param>
    /// <returns>The publication, with the server's track sid.</returns>
    /// <exception cref="ArgumentException">An option is out of range (a bitrate) or not supported (a codec).</exception>
    /// <exception cref="InvalidOperationException">The room is not connected, the token does not allow publishing this source, the track is published already, or the server did not accept it.</exception>
    public Task<LocalTrackPublication> PublishTrackAsync(LocalTrack track, TrackPublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(track);
        return Room.PublishTrackAsync(track, options ?? new TrackPublishOptions(), cancellationToken);
    }

    /// <summary>Stops publishing the track with <paramref name="trackSid"/>; the room emits <c>local_track_unpublished</c>.</summary>
    /// <param name="trackSid">The publication's sid.</param>
    /// <exception cref="ArgumentException">This participant publishes no such track.</exception>
    public Task UnpublishTrackAsync(string trackSid)
    {
        ArgumentException.ThrowIfNullOrEmpty(trackSid);
        return Room.UnpublishTrackAsync(trackSid);
    }

    /// <summary>Adds or replaces <paramref name="publication"/> (keyed by its sid).</summary>
    internal void AddTrackPublication(LocalTrackPublication publication) =>
        _trackPublications = _trackPublications.SetItem(publication);

    /// <summary>Removes the publication with <paramref name="sid"/>; returns it, or null when there was none.</summary>
    internal LocalTrackPublication? RemoveTrackPublication(string sid)
    {
        _trackPublications = _trackPublications.Remove(sid, out var removed);
        return removed;
    }
}
