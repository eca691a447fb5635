using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Rtc.Publishing;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Sdp;

namespace LiveKit.Rtc;

// Publishing this client's tracks (brief §3.4): add_track, the server's track_published with the sid, a sendonly
// m-line whose msid track id is the cid, renegotiation; unpublishing; muting.
public sealed partial class Room
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, TaskCompletionSource<Proto.TrackInfo>> _pendingPublications = new();
    private readonly Dictionary<string, PublishedLocalTrack> _publishedTracks = new();

    /// <summary>Publishes <paramref name="track"/>. Called by <see cref="LocalParticipant.PublishTrackAsync"/>.</summary>
    internal async Task<LocalTrackPublication> PublishTrackAsync(LocalTrack track, TrackPublishOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var published = new TaskCompletionSource<Proto.TrackInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        RoomSession session = null!;
        await Loop.InvokeAsync(() =>
        {
            session = _session is { IsConnected: true } current && !current.IsClosing
                ? current
                : throw new InvalidOperationException("The room is not connected: tracks can be published only while it is connected.");
            CheckMayPublish(LocalParticipant!, options.Source);
            if (track.Room is not null || _pendingPublications.ContainsKey(track.Cid))
            {
                throw new InvalidOperationException($"The track \"{track.Name}\" is published already; unpublish it first, or create another track.");
            }

            _pendingPublications[track.Cid] = published;
            _ = SendAsync(session, new Proto.SignalRequest { AddTrack = CreateAddTrackRequest(track, options) });
        }).ConfigureAwait(false);

        Proto.TrackInfo info;
        try
        {
            info = await published.Task.WaitAsync(PublishTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"The server did not accept the track \"{track.Name}\" within {PublishTimeout.TotalSeconds} s (no track_published for it).");
        }
        finally
        {
            Loop.Post(() => _pendingPublications.Remove(track.Cid));
        }

        RtpTransceiver transceiver = session.Engine.Publisher.AddTransceiver(
            track.Kind == TrackKind.Video ? MediaKind.Video : MediaKind.Audio, SdpMediaDirection.SendOnly);
        transceiver.Sender.TrackId = track.Cid;
        transceiver.Sender.StreamId = track.Cid;
        await session.Engine.NegotiatePublisherAsync().ConfigureAwait(false);

        IAsyncDisposable sender = track switch
        {
            LocalAudioTrack audio => new AudioTrackSender(audio, transceiver.Sender, options),
            LocalVideoTrack video => new VideoTrackSender(video, transceiver.Sender, options),
            _ => throw new NotSupportedException($"Publishing {track.GetType().Name} is not supported yet."),
        };

        LocalTrackPublication publication = null!;
        await Loop.InvokeAsync(() =>
        {
            publication = new LocalTrackPublication(info.Sid, track.Name, track.Kind, options.Source, track);
            ParticipantInfoMapping.Apply(publication, info);
            publication.IsMuted = track.IsMuted;
            track.Sid = info.Sid;
            track.Room = this;
            _publishedTracks[info.Sid] = new PublishedLocalTrack(transceiver, sender);
            LocalParticipant!.AddTrackPublication(publication);
            Emit(RoomEvent.LocalTrackPublished, publication, track);
        }).ConfigureAwait(false);
        return publication;
    }

    /// <summary>Unpublishes the track with <paramref name="trackSid"/>. Called by <see cref="LocalParticipant.UnpublishTrackAsync"/>.</summary>
    internal async Task UnpublishTrackAsync(string trackSid)
    {
        LocalTrackPublication? publication = null;
        PublishedLocalTrack? published = null;
        await Loop.InvokeAsync(() =>
        {
            publication = LocalParticipant?.RemoveTrackPublication(trackSid);
            if (publication is not null && _publishedTracks.Remove(trackSid, out PublishedLocalTrack? found))
            {
                published = found;
            }
        }).ConfigureAwait(false);
        if (publication is null)
        {
            throw new ArgumentException($"This participant publishes no track {trackSid}.", nameof(trackSid));
        }

        if (published is not null)
        {
            await published.Sender.DisposeAsync().ConfigureAwait(false);
            // brief §3.4 step 6: no unpublish request; the m-line goes inactive and the server sees the track go.
            published.Transceiver.Direction = SdpMediaDirection.Inactive;
            if (_session is { IsConnected: true } session)
            {
                await session.Engine.NegotiatePublisherAsync().ConfigureAwait(false);
            }
        }

        await Loop.InvokeAsync(() =>
        {
            if (publication.Track is { } track)
            {
                track.Room = null;
            }

            Emit(RoomEvent.LocalTrackUnpublished, publication);
        }).ConfigureAwait(false);
    }

    /// <summary>Mutes or unmutes a published local track (brief §3.6): stop sending, tell the server, emit.</summary>
    internal void SetLocalTrackMuted(LocalTrack track, bool muted)
    {
        track.IsMuted = muted;
        Loop.Post(() =>
        {
            if (LocalParticipant is not { } local || !local.TrackPublications.TryGetValue(track.Sid, out LocalTrackPublication? publication))
            {
                return;
            }

            if (_session is { } session)
            {
                _ = SendAsync(session, new Proto.SignalRequest { Mute = new Proto.MuteTrackRequest { Sid = track.Sid, Muted = muted } });
            }

            SetMuted(local, publication, muted);
        });
    }

    /// <summary>TrackPublishedResponse: the server accepted an add_track; the publish waiting for its cid goes on.</summary>
    private void ApplyTrackPublished(Proto.TrackPublishedResponse response)
    {
        if (_pendingPublications.Remove(response.Cid, out TaskCompletionSource<Proto.TrackInfo>? pending))
        {
            pending.TrySetResult(response.Track);
        }
    }

    /// <summary>Stops every sender (the connection is gone). Room loop only; the senders stop in the background.</summary>
    private void StopPublishedTracks()
    {
        foreach (PublishedLocalTrack published in _publishedTracks.Values)
        {
            _ = published.Sender.DisposeAsync().AsTask();
        }

        _publishedTracks.Clear();
        if (LocalParticipant is { } local)
        {
            foreach (LocalTrackPublication publication in local.TrackPublications.Values)
            {
                local.RemoveTrackPublication(publication.Sid);
                if (publication.Track is { } track)
                {
                    track.Room = null;
                }
            }
        }
    }

    private static void CheckMayPublish(LocalParticipant local, TrackSource source)
    {
        if (local.Permissions is { CanPublish: false })
        {
            throw new InvalidOperationException($"{local.Identity} may not publish tracks: its token does not grant canPublish.");
        }

        if (local.Permissions is { CanPublishSources.Count: > 0 } permissions && !permissions.CanPublishSources.Contains(source))
        {
            throw new InvalidOperationException($"{local.Identity} may not publish a {source} track: its token allows only {string.Join(", ", permissions.CanPublishSources)}.");
        }
    }

    private static Proto.AddTrackRequest CreateAddTrackRequest(LocalTrack track, TrackPublishOptions options)
    {
        var request = new Proto.AddTrackRequest
        {
            Cid = track.Cid,
            Name = track.Name,
            Type = track.Kind == TrackKind.Video ? Proto.TrackType.Video : Proto.TrackType.Audio,
            Source = (Proto.TrackSource)options.Source,
            Muted = track.IsMuted,
            // RED is not implemented by our sender (brief §6: it would wrap Opus in RFC 2198).
            DisableRed = true,
        };
        if (track is LocalVideoTrack video)
        {
            // One layer (no simulcast): declared HIGH at the full size (brief §6).
            request.Width = (uint)video.Source.Width;
            request.Height = (uint)video.Source.Height;
            request.Layers.Add(new Proto.VideoLayer
            {
                Quality = Proto.VideoQuality.High,
                Width = (uint)video.Source.Width,
                Height = (uint)video.Source.Height,
                Bitrate = (uint)(options.VideoBitrate ?? 0),
            });
        }

        if (track is LocalAudioTrack audio)
        {
            if (AudioTrackSender.IsStereo(audio.Source, options))
            {
                request.AudioFeatures.Add(Proto.AudioTrackFeature.TfStereo);
            }

            if (!options.Dtx)
            {
                request.AudioFeatures.Add(Proto.AudioTrackFeature.TfNoDtx);
            }
        }

        return request;
    }

    /// <summary>A published track's m-line and the task that sends its media.</summary>
    private sealed record PublishedLocalTrack(RtpTransceiver Transceiver, IAsyncDisposable Sender);
}
