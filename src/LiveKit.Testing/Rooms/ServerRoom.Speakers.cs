using System.Collections.Generic;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.Testing.Media;
using LiveKit.WebRtc;

namespace LiveKit.Testing.Rooms;

// speakers_changed and connection_quality, on timers. Speakers come from the ssrc-audio-level header extension of
// each published audio track (brief §6); updates carry only what changed (brief §2.3 SpeakersChanged: deltas).
internal sealed partial class ServerRoom
{
    private readonly Dictionary<string, float> _speaking = new();
    private readonly Dictionary<string, long> _simulatedUntil = new();

    /// <summary>The simulate request's speaker_update: the participant counts as speaking for that long.</summary>
    public void SimulateSpeaker(ServerParticipant participant, int seconds) =>
        _simulatedUntil[participant.Sid] = _context.NowMilliseconds + (seconds * 1000L);

    private Task ObserveSpeakersAsync()
    {
        var now = new Dictionary<string, float>();
        long nowMs = _context.NowMilliseconds;
        foreach (ServerParticipant participant in _participants.Values)
        {
            float loudest = 0;
            bool active = false;
            foreach (PublishedTrack track in participant.PublishedTracks.Values)
            {
                if (track.Kind != MediaKind.Audio)
                {
                    continue;
                }

                (bool speaking, float level) = track.AudioLevels.TakeWindow();
                if (speaking && !track.Info.Muted)
                {
                    active = true;
                    loudest = System.Math.Max(loudest, level);
                }
            }

            if (_simulatedUntil.TryGetValue(participant.Sid, out long until))
            {
                if (until > nowMs)
                {
                    active = true;
                    loudest = System.Math.Max(loudest, 0.5f);
                }
                else
                {
                    _simulatedUntil.Remove(participant.Sid);
                }
            }

            if (active && !participant.IsHidden)
            {
                now[participant.Sid] = loudest;
            }
        }

        var changes = new SpeakersChanged();
        foreach (KeyValuePair<string, float> speaker in now)
        {
            if (!_speaking.ContainsKey(speaker.Key))
            {
                changes.Speakers.Add(new SpeakerInfo { Sid = speaker.Key, Level = speaker.Value, Active = true });
            }
        }

        foreach (string sid in _speaking.Keys)
        {
            if (!now.ContainsKey(sid))
            {
                changes.Speakers.Add(new SpeakerInfo { Sid = sid, Level = 0, Active = false });
            }
        }

        _speaking.Clear();
        foreach (KeyValuePair<string, float> speaker in now)
        {
            _speaking[speaker.Key] = speaker.Value;
        }

        if (changes.Speakers.Count > 0)
        {
            Broadcast(new SignalResponse { SpeakersChanged = changes });
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Connection quality as the real server sends it (room.go, connectionQualityWorker): to each participant, about
    /// itself and the publishers it subscribes to, only when a quality changed. On loopback nothing degrades it but
    /// what a test injects, so a participant whose forwarding is stopped reads LOST and everyone else EXCELLENT.
    /// </summary>
    private Task SendConnectionQualityAsync()
    {
        var qualities = new Dictionary<string, ConnectionQuality>();
        foreach (ServerParticipant participant in _participants.Values)
        {
            qualities[participant.Sid] = participant.ForwardingEnabled ? ConnectionQuality.Excellent : ConnectionQuality.Lost;
        }

        foreach (ServerParticipant participant in _participants.Values)
        {
            var update = new ConnectionQualityUpdate();
            var about = new HashSet<string> { participant.Sid };
            foreach (Subscription subscription in participant.Subscriptions.Values)
            {
                about.Add(subscription.Track.Publisher.Sid);
            }

            foreach (string sid in about)
            {
                if (qualities.TryGetValue(sid, out ConnectionQuality quality) && participant.LastQualitySent.GetValueOrDefault(sid, (ConnectionQuality)(-1)) != quality)
                {
                    participant.LastQualitySent[sid] = quality;
                    update.Updates.Add(new ConnectionQualityInfo { ParticipantSid = sid, Quality = quality, Score = quality == ConnectionQuality.Lost ? 0 : 5 });
                }
            }

            if (update.Updates.Count > 0)
            {
                participant.Send(new SignalResponse { ConnectionQuality = update });
            }
        }

        return Task.CompletedTask;
    }
}
