using System;
using System.Collections.Generic;
using System.Linq;
using Google.Protobuf.Collections;

namespace LiveKit.Rtc;

// Speakers, connection quality and stream states, as the server measures them. Room loop only.
public sealed partial class Room
{
    private IReadOnlyList<Participant> _activeSpeakers = Array.Empty<Participant>();

    /// <summary>The participants speaking now, loudest first, as of the last <c>active_speakers_changed</c>.</summary>
    public IReadOnlyList<Participant> ActiveSpeakers => _activeSpeakers;

    /// <summary>
    /// SpeakersChanged carries deltas (brief §2.3): each listed participant's level and whether it speaks. The rest keep
    /// their state; the list is rebuilt loudest first and emitted.
    /// </summary>
    private void ApplySpeakers(RepeatedField<Proto.SpeakerInfo> speakers)
    {
        var active = new List<Participant>(_activeSpeakers);
        foreach (Proto.SpeakerInfo speaker in speakers)
        {
            if (FindParticipantBySid(speaker.Sid) is not { } participant)
            {
                continue;
            }

            participant.AudioLevel = speaker.Active ? speaker.Level : 0;
            participant.IsSpeaking = speaker.Active;
            active.Remove(participant);
            if (speaker.Active)
            {
                active.Add(participant);
            }
        }

        _activeSpeakers = active.OrderByDescending(p => p.AudioLevel).ToArray();
        Emit(RoomEvent.ActiveSpeakersChanged, _activeSpeakers);
    }

    /// <summary>ConnectionQualityUpdate: one event per participant whose quality changed.</summary>
    private void ApplyConnectionQuality(RepeatedField<Proto.ConnectionQualityInfo> updates)
    {
        foreach (Proto.ConnectionQualityInfo update in updates)
        {
            if (FindParticipantBySid(update.ParticipantSid) is not { } participant)
            {
                continue;
            }

            var quality = (ConnectionQuality)update.Quality;
            if (participant.ConnectionQuality != quality)
            {
                participant.ConnectionQuality = quality;
                Emit(RoomEvent.ConnectionQualityChanged, participant, quality);
            }
        }
    }

    /// <summary>StreamStateUpdate: whether the server forwards each subscribed track (brief §3.5). No event in the schema.</summary>
    private void ApplyStreamStates(RepeatedField<Proto.StreamStateInfo> states)
    {
        foreach (Proto.StreamStateInfo state in states)
        {
            if (FindParticipantBySid(state.ParticipantSid) is RemoteParticipant participant
                && participant.TrackPublications.TryGetValue(state.TrackSid, out RemoteTrackPublication? publication)
                && publication.Track is { } track)
            {
                track.StreamState = state.State == Proto.StreamState.Paused ? StreamState.Paused : StreamState.Active;
            }
        }
    }
}
