using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.Testing.Media;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Sdp;
using SessionDescription = LiveKit.Proto.SessionDescription;
using Microsoft.Extensions.Logging;

namespace LiveKit.Testing.Rooms;

// The publishing side: the client's offers on the publisher PC, add_track -> track_published, binding each
// announced track to the m-line that carries it (its cid is the msid track id, brief §3.4), mute, and the client's
// data channels.
internal sealed partial class ServerParticipant
{
    private readonly List<AddTrackRequest> _pendingTracks = new();
    private readonly Dictionary<string, PublishedTrack> _published = new();
    private readonly HashSet<RtpTransceiver> _boundTransceivers = new();
    private DataChannel? _clientReliable;
    private DataChannel? _clientLossy;

    /// <summary>The tracks this participant publishes, by sid.</summary>
    public IReadOnlyDictionary<string, PublishedTrack> PublishedTracks => _published;

    /// <summary>Answers a publisher offer, echoing its id; then binds new m-lines to announced tracks.</summary>
    public async Task OnPublisherOfferAsync(SessionDescription offer)
    {
        SessionDescriptionInit answer;
        try
        {
            await Publisher.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Offer, offer.Sdp)).ConfigureAwait(false);
            answer = await Publisher.CreateAnswerAsync().ConfigureAwait(false);
            await Publisher.SetLocalDescriptionAsync(answer).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            _logger.LogWarning("{Identity}: publisher offer {Id} refused: {Message}", Identity, offer.Id, e.Message);
            return;
        }

        Send(new SignalResponse { Answer = new SessionDescription { Type = "answer", Sdp = answer.Sdp, Id = offer.Id } });
        await BindTracksAsync().ConfigureAwait(false);
    }

    /// <summary>add_track: creates the track's info and answers track_published at once (captures: 5 ms later).</summary>
    public void OnAddTrack(AddTrackRequest request)
    {
        if (string.IsNullOrEmpty(request.Cid))
        {
            _logger.LogWarning("{Identity}: add_track without a cid ignored", Identity);
            return;
        }

        TrackSource source = request.Source != TrackSource.Unknown ? request.Source
            : request.Type == TrackType.Audio ? TrackSource.Microphone : TrackSource.Camera;
        if (!Permissions.AllowsPublishing(Info.Permission, source))
        {
            // The real server logs and drops it; the client times out waiting for track_published.
            _logger.LogWarning("{Identity}: add_track {Cid} for {Source} not permitted", Identity, request.Cid, source);
            return;
        }

        if (_pendingTracks.Any(p => p.Cid == request.Cid) || _published.Values.Any(t => t.Cid == request.Cid))
        {
            _logger.LogWarning("{Identity}: add_track {Cid} repeated", Identity, request.Cid);
            return;
        }

        request.Source = source;
        request.Sid = SidGenerator.New(SidGenerator.TrackPrefix);
        _pendingTracks.Add(request);
        Send(new SignalResponse { TrackPublished = new TrackPublishedResponse { Cid = request.Cid, Track = TrackInfoFor(request, null) } });
    }

    /// <summary>mute from the client: the publication's state changes and everyone hears of it.</summary>
    public void OnMute(MuteTrackRequest request)
    {
        if (_published.TryGetValue(request.Sid, out PublishedTrack? track))
        {
            SetMuted(track, request.Muted);
            return;
        }

        AddTrackRequest? pending = _pendingTracks.Find(p => p.Sid == request.Sid);
        if (pending is not null)
        {
            pending.Muted = request.Muted;
        }
    }

    /// <summary>Applies a mute (from the client or the server API) and broadcasts the participant.</summary>
    public void SetMuted(PublishedTrack track, bool muted)
    {
        if (track.Info.Muted == muted)
        {
            return;
        }

        track.Info.Muted = muted;
        Changed();
        Room.BroadcastParticipantUpdate(this);
    }

    /// <summary>
    /// Matches received m-lines to add_track requests: by cid = msid track id, else the first pending request of the
    /// same kind (brief §3.4 step 1). An m-line whose direction no longer sends unpublishes its track.
    /// </summary>
    private async Task BindTracksAsync()
    {
        bool changed = false;
        foreach (RtpTransceiver transceiver in Publisher.Transceivers)
        {
            bool receiving = transceiver.CurrentDirection is SdpMediaDirection direction && direction.Receives() && !transceiver.IsStopped;
            PublishedTrack? existing = _published.Values.FirstOrDefault(t => t.Transceiver == transceiver);
            if (existing is not null && !receiving)
            {
                await UnpublishAsync(existing).ConfigureAwait(false);
                changed = true;
                continue;
            }

            if (!receiving || _boundTransceivers.Contains(transceiver) || transceiver.Receiver.Codecs.Count == 0)
            {
                continue;
            }

            TrackType kind = transceiver.Kind == MediaKind.Audio ? TrackType.Audio : TrackType.Video;
            AddTrackRequest? request = _pendingTracks.Find(p => p.Cid == transceiver.Receiver.TrackId)
                ?? _pendingTracks.Find(p => p.Type == kind);
            if (request is null)
            {
                continue;
            }

            _pendingTracks.Remove(request);
            _boundTransceivers.Add(transceiver);
            var track = new PublishedTrack(this, TrackInfoFor(request, transceiver), request.Cid, transceiver, _context);
            _published[track.Sid] = track;
            Info.Tracks.Add(track.Info);
            Info.IsPublisher = true;
            changed = true;
            track.Start();
        }

        if (changed)
        {
            Changed();
            Room.BroadcastParticipantUpdate(this);
            await Room.OnTracksChangedAsync(this).ConfigureAwait(false);
        }
    }

    /// <summary>Removes a published track: its subscribers lose it and it leaves the participant's info.</summary>
    public async Task UnpublishAsync(PublishedTrack track)
    {
        _published.Remove(track.Sid);
        for (int i = Info.Tracks.Count - 1; i >= 0; i--)
        {
            if (Info.Tracks[i].Sid == track.Sid)
            {
                Info.Tracks.RemoveAt(i);
            }
        }

        await Room.OnTrackUnpublishedAsync(track).ConfigureAwait(false);
        await track.DisposeAsync().ConfigureAwait(false);
    }

    private static TrackInfo TrackInfoFor(AddTrackRequest request, RtpTransceiver? transceiver)
    {
        var info = new TrackInfo
        {
            Sid = request.Sid,
            Type = request.Type,
            Name = request.Name,
            Muted = request.Muted,
            Width = request.Width,
            Height = request.Height,
            Source = request.Source,
            DisableRed = request.DisableRed,
            Encryption = request.Encryption,
            Stream = request.Stream,
            BackupCodecPolicy = request.BackupCodecPolicy,
        };
        info.AudioFeatures.Add(request.AudioFeatures);
        info.Layers.Add(request.Layers);
        if (transceiver is not null && transceiver.Receiver.Codecs.Count > 0)
        {
            RtpCodec codec = transceiver.Receiver.Codecs[0];
            info.MimeType = MimeTypes.Of(codec);
            info.Mid = transceiver.Mid ?? "";
            info.Codecs.Add(new SimulcastCodecInfo { MimeType = info.MimeType, Mid = info.Mid, Cid = request.Cid });
        }

        return info;
    }

    private Task OnPublisherDataChannel(DataChannel channel)
    {
        // The client's _reliable and _lossy channels (brief §3.1 step 5): each message is one DataPacket to relay.
        if (channel.Label is DataLabels.Reliable or DataLabels.Lossy)
        {
            if (channel.Label == DataLabels.Lossy)
            {
                _clientLossy = channel;
            }
            else
            {
                _clientReliable = channel;
            }

            _ = Task.Run(() => Room.RelayDataAsync(this, channel));
        }

        return Task.CompletedTask;
    }
}
