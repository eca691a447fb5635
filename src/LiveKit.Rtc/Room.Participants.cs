using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LiveKit.Rtc;

// ParticipantUpdate (brief §2.3 "How to apply an update"): participants keyed by identity, older versions ignored,
// DISCONNECTED removes. Every change is applied to the model first, then emitted, so a handler sees the room as of
// its event. Room loop only.
public sealed partial class Room
{
    private void ApplyParticipantUpdates(RoomSession session, IEnumerable<Proto.ParticipantInfo> infos)
    {
        foreach (Proto.ParticipantInfo info in infos)
        {
            if (LocalParticipant is { } local && (info.Sid == local.Sid || info.Identity == local.Identity))
            {
                if (info.State != Proto.ParticipantInfo.Types.State.Disconnected)
                {
                    UpdateLocalParticipant(local, info);
                }

                continue;
            }

            _remoteParticipants.TryGetValue(info.Identity, out RemoteParticipant? known);
            if (info.State == Proto.ParticipantInfo.Types.State.Disconnected)
            {
                // A late DISCONNECTED of an earlier session of the same identity must not remove the new one.
                if (known is not null && known.Sid == info.Sid)
                {
                    RemoveRemoteParticipantWithEvents(known);
                }

                continue;
            }

            if (known is not null && known.Sid != info.Sid)
            {
                // The identity rejoined with a new session before its old one was reported gone.
                RemoveRemoteParticipantWithEvents(known);
                known = null;
            }

            if (known is null)
            {
                RemoteParticipant participant = CreateRemoteParticipant(info);
                AddRemoteParticipant(participant);
                Emit(RoomEvent.ParticipantConnected, participant);
                foreach (RemoteTrackPublication publication in participant.TrackPublications.Values)
                {
                    Emit(RoomEvent.TrackPublished, publication, participant);
                }
            }
            else if (info.Version == 0 || info.Version >= known.Version)
            {
                UpdateRemoteParticipant(known, info);
            }
        }

        BindUnboundTracks(session);
    }

    private RemoteParticipant CreateRemoteParticipant(Proto.ParticipantInfo info)
    {
        var participant = new RemoteParticipant(info.Sid, info.Identity);
        ParticipantInfoMapping.Apply(participant, info);
        foreach (Proto.TrackInfo track in info.Tracks)
        {
            RemoteTrackPublication publication = ParticipantInfoMapping.CreatePublication(track, participant, this);
            publication.IsMuted = track.Muted;
            participant.AddTrackPublication(publication);
        }

        participant.IsEncrypted = ComputeIsEncrypted(participant);
        return participant;
    }

    private void UpdateRemoteParticipant(RemoteParticipant participant, Proto.ParticipantInfo info)
    {
        EmitParticipantChanges(participant, info);

        var listed = new HashSet<string>();
        foreach (Proto.TrackInfo track in info.Tracks)
        {
            listed.Add(track.Sid);
            if (participant.TrackPublications.TryGetValue(track.Sid, out RemoteTrackPublication? publication))
            {
                ParticipantInfoMapping.Apply(publication, track);
                SetMuted(participant, publication, track.Muted);
                continue;
            }

            publication = ParticipantInfoMapping.CreatePublication(track, participant, this);
            publication.IsMuted = track.Muted;
            participant.AddTrackPublication(publication);
            Emit(RoomEvent.TrackPublished, publication, participant);
        }

        foreach (RemoteTrackPublication gone in participant.TrackPublications.Values.Where(p => !listed.Contains(p.Sid)).ToArray())
        {
            UnpublishRemoteTrack(participant, gone);
        }

        UpdateEncryptionStatus(participant);
    }

    private void UpdateLocalParticipant(LocalParticipant local, Proto.ParticipantInfo info)
    {
        if (info.Version != 0 && info.Version < local.Version)
        {
            return;
        }

        EmitParticipantChanges(local, info);
        foreach (Proto.TrackInfo track in info.Tracks)
        {
            if (local.TrackPublications.TryGetValue(track.Sid, out LocalTrackPublication? publication))
            {
                ParticipantInfoMapping.Apply(publication, track);
            }
        }

        CheckMetadataRequests();
    }

    /// <summary>Applies the participant-level fields and emits name, metadata and attribute changes, in that order.</summary>
    private void EmitParticipantChanges(Participant participant, Proto.ParticipantInfo info)
    {
        string oldName = participant.Name;
        string oldMetadata = participant.Metadata;
        IReadOnlyDictionary<string, string> oldAttributes = participant.Attributes;
        ParticipantInfoMapping.Apply(participant, info);

        if (oldName != participant.Name)
        {
            Emit(RoomEvent.ParticipantNameChanged, participant, oldName, participant.Name);
        }

        if (oldMetadata != participant.Metadata)
        {
            Emit(RoomEvent.ParticipantMetadataChanged, participant, oldMetadata, participant.Metadata);
        }

        ImmutableDictionary<string, string> changed = ChangedAttributes(oldAttributes, participant.Attributes);
        if (changed.Count > 0)
        {
            Emit(RoomEvent.ParticipantAttributesChanged, changed, participant);
        }
    }

    /// <summary>The attributes that differ, with their new values; a removed attribute has an empty value (as the Python SDK reports it).</summary>
    private static ImmutableDictionary<string, string> ChangedAttributes(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ImmutableDictionary<string, string>.Builder changed = ImmutableDictionary.CreateBuilder<string, string>();
        foreach ((string key, string value) in after)
        {
            if (!before.TryGetValue(key, out string? old) || old != value)
            {
                changed[key] = value;
            }
        }

        foreach (string key in before.Keys)
        {
            if (!after.ContainsKey(key))
            {
                changed[key] = string.Empty;
            }
        }

        return changed.ToImmutable();
    }

    private void SetMuted(Participant participant, TrackPublication publication, bool muted)
    {
        if (publication.IsMuted == muted)
        {
            return;
        }

        publication.IsMuted = muted;
        if (publication.Track is { } track)
        {
            track.IsMuted = muted;
        }

        if (muted)
        {
            Emit(RoomEvent.TrackMuted, participant, publication);
        }
        else
        {
            Emit(RoomEvent.TrackUnmuted, participant, publication);
        }
    }

    /// <summary>A publication is gone: track_unsubscribed first when it was subscribed, then track_unpublished.</summary>
    private void UnpublishRemoteTrack(RemoteParticipant participant, RemoteTrackPublication publication)
    {
        UnsubscribeRemoteTrack(participant, publication);
        participant.RemoveTrackPublication(publication.Sid);
        Emit(RoomEvent.TrackUnpublished, publication, participant);
    }

    /// <summary>A participant left: its tracks unsubscribed and unpublished, then participant_disconnected.</summary>
    private void RemoveRemoteParticipantWithEvents(RemoteParticipant participant)
    {
        foreach (RemoteTrackPublication publication in participant.TrackPublications.Values.ToArray())
        {
            UnpublishRemoteTrack(participant, publication);
        }

        RemoveRemoteParticipant(participant.Identity);
        if (_activeSpeakers.Contains(participant))
        {
            _activeSpeakers = _activeSpeakers.Where(p => p != participant).ToArray();
            Emit(RoomEvent.ActiveSpeakersChanged, _activeSpeakers);
        }

        Emit(RoomEvent.ParticipantDisconnected, participant);
    }

    /// <summary>
    /// participant_encryption_status_changed (brief §7): a participant counts as encrypted when it publishes tracks and
    /// all of them are encrypted.
    /// </summary>
    private void UpdateEncryptionStatus(RemoteParticipant participant)
    {
        bool encrypted = ComputeIsEncrypted(participant);
        if (encrypted != participant.IsEncrypted)
        {
            participant.IsEncrypted = encrypted;
            Emit(RoomEvent.ParticipantEncryptionStatusChanged, participant, encrypted);
        }
    }

    private static bool ComputeIsEncrypted(Participant participant) =>
        participant.TrackPublications.Count > 0 && participant.TrackPublications.Values.All(p => p.IsEncrypted);

    /// <summary>The participant, local or remote, with server id <paramref name="sid"/>; null when none.</summary>
    private Participant? FindParticipantBySid(string sid)
    {
        if (LocalParticipant is { } local && local.Sid == sid)
        {
            return local;
        }

        foreach (RemoteParticipant participant in _remoteParticipants.Values)
        {
            if (participant.Sid == sid)
            {
                return participant;
            }
        }

        return null;
    }

    /// <summary>The participant, local or remote, with <paramref name="identity"/>; null when none.</summary>
    private Participant? FindParticipantByIdentity(string identity) =>
        LocalParticipant is { } local && local.Identity == identity ? local
        : _remoteParticipants.TryGetValue(identity, out RemoteParticipant? remote) ? remote : null;
}
