using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Interop.Tests.LiveKitServer;
using LiveKit.Media.Video;
using LiveKit.Rtc;
using LiveKit.Rtc.Tests.Client;
using LiveKit.Rtc.Tests.Media;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Interop.Tests.RoomClient;

/// <summary>VP8 video between our room client and livekit-client in Chromium, both ways, through the test server.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class RoomClientVideoTests
{
    private const string Room = "room-video";

    private readonly ChromiumBrowser _browser;

    public RoomClientVideoTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task A_moving_pattern_the_sdk_publishes_is_decoded_by_the_browser_at_its_size()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        using var source = new VideoSource(320, 240);
        Task camera = TestPattern.CaptureAsync(source, timeout.Token);

        LocalTrackPublication publication = await sdk.Local.PublishTrackAsync(
            LocalVideoTrack.Create("pattern", source), new TrackPublishOptions { Source = TrackSource.Camera });

        var stats = await browser.WaitForInboundStatsAsync(
            all => all.Any(s => s.Kind == "video" && s.TrackSid == publication.Sid && s.FramesDecoded >= 15),
            cancellationToken: timeout.Token);
        ClientInboundStats video = stats.Single(s => s.Kind == "video");
        Assert.Equal((320, 240), (video.FrameWidth, video.FrameHeight));
        Assert.Equal("video/vp8", video.CodecMimeType, ignoreCase: true);
        await timeout.CancelAsync();
        await camera;
    }

    [Fact]
    public async Task The_browsers_fake_camera_reaches_a_video_stream_as_frames_of_its_size()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);

        await browser.PublishCameraAsync(new ClientCameraOptions { Width = 640, Height = 360, Simulcast = false, VideoCodec = "vp8" }, timeout.Token);
        RoomEventRecord subscribed = await sdk.Log.WaitForAsync("track_subscribed", "browser Video");
        await using var stream = new VideoStream((RemoteTrack)subscribed.Args[0]!, VideoFormat.BGRA);

        int frames = 0;
        await foreach (VideoFrameEvent e in stream.WithCancellation(timeout.Token))
        {
            using VideoFrame frame = e.Frame;
            Assert.Equal((640, 360, VideoFormat.BGRA), (frame.Width, frame.Height, frame.Format));
            if (++frames == 10)
            {
                break;
            }
        }

        Assert.Equal(10, frames);
    }
}
