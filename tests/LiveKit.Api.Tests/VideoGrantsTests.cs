using System;
using System.Text.Json;
using Xunit;

namespace LiveKit.Api.Tests;

public class VideoGrantsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1704067200);

    private static string VideoJson(VideoGrants video)
    {
        string jwt = new AccessToken("key", "secret") { Identity = "id", Video = video }.ToJwt(new FixedTimeProvider(Now));
        using JsonDocument payload = JsonDocument.Parse(TestJwt.PayloadJson(jwt));
        return payload.RootElement.GetProperty("video").GetRawText();
    }

    [Fact]
    public void Every_member_has_livekits_json_name()
    {
        var video = new VideoGrants
        {
            RoomCreate = true,
            RoomList = true,
            RoomRecord = true,
            RoomAdmin = true,
            RoomJoin = true,
            Room = "r",
            CanPublish = true,
            CanSubscribe = true,
            CanPublishData = true,
            CanPublishSources = [TrackSources.Camera, TrackSources.Microphone, TrackSources.ScreenShare, TrackSources.ScreenShareAudio],
            CanUpdateOwnMetadata = true,
            IngressAdmin = true,
            Hidden = true,
            Recorder = true,
            Agent = true,
            CanSubscribeMetrics = true,
            CanManageAgentSession = true,
            DestinationRoom = "d",
        };

        Assert.Equal(
            """{"roomCreate":true,"roomList":true,"roomRecord":true,"roomAdmin":true,"roomJoin":true,"room":"r","canPublish":true,"canSubscribe":true,"canPublishData":true,"canPublishSources":["camera","microphone","screen_share","screen_share_audio"],"canUpdateOwnMetadata":true,"ingressAdmin":true,"hidden":true,"recorder":true,"agent":true,"canSubscribeMetrics":true,"canManageAgentSession":true,"destinationRoom":"d"}""",
            VideoJson(video));
    }

    [Fact]
    public void False_flags_and_unset_options_are_left_out()
    {
        Assert.Equal("{}", VideoJson(new VideoGrants()));
        Assert.Equal("{}", VideoJson(new VideoGrants { CanPublishSources = [], Room = "" }));
    }

    [Fact]
    public void Explicit_false_options_are_written()
    {
        var video = new VideoGrants
        {
            CanPublish = false,
            CanSubscribe = false,
            CanPublishData = false,
            CanUpdateOwnMetadata = false,
            CanSubscribeMetrics = false,
            CanManageAgentSession = false,
        };

        Assert.Equal(
            """{"canPublish":false,"canSubscribe":false,"canPublishData":false,"canUpdateOwnMetadata":false,"canSubscribeMetrics":false,"canManageAgentSession":false}""",
            VideoJson(video));
    }

    [Fact]
    public void Unset_publish_and_subscribe_allow_everything()
    {
        var video = new VideoGrants();

        Assert.True(video.GetCanPublish());
        Assert.True(video.GetCanSubscribe());
        Assert.True(video.GetCanPublishData());
        Assert.True(video.GetCanPublishSource(TrackSources.ScreenShare));
        Assert.False(video.GetCanUpdateOwnMetadata());
        Assert.False(video.GetCanSubscribeMetrics());
    }

    [Fact]
    public void Unset_publish_data_follows_publish()
    {
        Assert.False(new VideoGrants { CanPublish = false }.GetCanPublishData());
        Assert.True(new VideoGrants { CanPublish = false, CanPublishData = true }.GetCanPublishData());
        Assert.False(new VideoGrants { CanPublish = true, CanPublishData = false }.GetCanPublishData());
    }

    [Fact]
    public void Subscribe_does_not_follow_publish()
    {
        var video = new VideoGrants { CanPublish = false };

        Assert.False(video.GetCanPublish());
        Assert.True(video.GetCanSubscribe());
        Assert.False(new VideoGrants { CanSubscribe = false }.GetCanSubscribe());
    }

    [Fact]
    public void Listed_sources_are_the_only_ones_allowed()
    {
        var video = new VideoGrants { CanPublishSources = [TrackSources.Microphone] };

        Assert.True(video.GetCanPublishSource(TrackSources.Microphone));
        Assert.True(video.GetCanPublishSource("MICROPHONE"));
        Assert.False(video.GetCanPublishSource(TrackSources.Camera));
        Assert.False(video.GetCanPublishSource(TrackSources.ScreenShareAudio));
    }

    [Fact]
    public void No_source_may_be_published_when_publishing_is_denied()
    {
        var video = new VideoGrants { CanPublish = false, CanPublishSources = [TrackSources.Camera] };

        Assert.False(video.GetCanPublishSource(TrackSources.Camera));
        Assert.False(video.GetCanPublishSource(TrackSources.Microphone));
    }

    [Fact]
    public void Grants_with_equal_source_lists_are_equal()
    {
        var left = new VideoGrants { RoomJoin = true, CanPublishSources = [TrackSources.Camera] };
        var right = new VideoGrants { RoomJoin = true, CanPublishSources = new[] { "camera" } };

        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.NotEqual(left, right with { CanPublishSources = [TrackSources.Microphone] });
        Assert.Equal(new VideoGrants(), new VideoGrants { CanPublishSources = [] });
    }
}
