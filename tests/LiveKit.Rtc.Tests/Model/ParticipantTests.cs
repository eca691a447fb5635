using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Xunit;

namespace LiveKit.Rtc.Tests.Model;

public sealed class ParticipantTests
{
    [Fact]
    public void Typed_and_base_publication_maps_hold_the_same_entries()
    {
        var participant = new RemoteParticipant("PA_1", "alice");
        var microphone = Sample.Publication("TR_1", "mic", TrackKind.Audio, TrackSource.Microphone);
        var camera = Sample.Publication("TR_2", "cam", TrackKind.Video, TrackSource.Camera);

        participant.AddTrackPublication(microphone);
        participant.AddTrackPublication(camera);
        Participant asBase = participant;

        Assert.Same(microphone, participant.TrackPublications["TR_1"]);
        Assert.Same(camera, asBase.TrackPublications["TR_2"]);
        Assert.Equal(["TR_1", "TR_2"], asBase.TrackPublications.Keys.Order());
        Assert.Equal(
            participant.TrackPublications.OrderBy(p => p.Key).Select(p => (p.Key, (TrackPublication)p.Value)),
            asBase.TrackPublications.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)));
        Assert.True(asBase.TrackPublications.TryGetValue("TR_1", out var found));
        Assert.Same(microphone, found);
    }

    [Fact]
    public void A_publication_map_read_before_a_change_is_a_stable_snapshot()
    {
        var participant = new RemoteParticipant("PA_1", "alice");
        participant.AddTrackPublication(Sample.Publication("TR_1", "mic", TrackKind.Audio, TrackSource.Microphone));
        var before = participant.TrackPublications;

        var removed = participant.RemoveTrackPublication("TR_1");

        Assert.NotNull(removed);
        Assert.Single(before);
        Assert.Empty(participant.TrackPublications);
        Assert.Null(participant.RemoveTrackPublication("TR_1"));
    }

    [Fact]
    public void Attributes_are_an_immutable_snapshot()
    {
        var participant = new LocalParticipant("PA_1", "me");
        participant.SetAttributes(ImmutableDictionary<string, string>.Empty.Add("role", "host"));
        var before = participant.Attributes;

        participant.SetAttributes(ImmutableDictionary<string, string>.Empty);

        Assert.Equal("host", before["role"]);
        Assert.Empty(participant.Attributes);
        Assert.IsNotType<Dictionary<string, string>>(before);
    }

    [Fact]
    public void A_remote_publication_is_subscribed_while_it_has_its_track()
    {
        var publication = Sample.Publication("TR_1", "cam", TrackKind.Video, TrackSource.Camera);
        TrackPublication asBase = publication;
        Assert.False(publication.IsSubscribed);
        Assert.Null(asBase.Track);

        var track = new RemoteVideoTrack("TR_1", "cam", Sample.Transceiver(LiveKit.WebRtc.MediaKind.Video));
        publication.Track = track;

        Assert.True(publication.IsSubscribed);
        Assert.Same(track, asBase.Track);
        Assert.Equal(TrackKind.Video, track.Kind);
    }
}
