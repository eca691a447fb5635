using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Media.Video;
using LiveKit.Rtc.Tests.Client;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Media;

/// <summary>VP8 video published by one SDK participant and decoded by another through the test server.</summary>
public sealed class VideoTrackTests : IAsyncLifetime
{
    private LiveKitTestServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveKitTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Corrupt_vp8_payloads_make_the_receiver_ask_for_a_key_frame_and_decoding_resumes()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        using var source = new VideoSource(160, 120);
        using var stop = new CancellationTokenSource();
        Task camera = TestPattern.CaptureAsync(source, stop.Token);
        await alice.Local.PublishTrackAsync(LocalVideoTrack.Create("pattern", source));
        RoomEventRecord subscribed = await bob.Log.WaitForAsync("track_subscribed", "alice Video");
        await using var stream = new VideoStream((RemoteTrack)subscribed.Args[0]!);
        await ReadFramesAsync(stream, 5);
        long requestsBefore = stream.KeyFramesRequested;

        // Garbage on the track's own sender (seeded): broken descriptors, broken VP8, frames that never complete.
        LiveKit.WebRtc.RtpSender sender = alice.Room.Engine!.Publisher.Transceivers.Single(t => t.Kind == LiveKit.WebRtc.MediaKind.Video).Sender;
        var random = new Random(11);
        byte[] junk = new byte[300];
        for (int i = 0; i < 40; i++)
        {
            random.NextBytes(junk);
            sender.SendRtp(junk.AsSpan(0, random.Next(1, junk.Length)), (uint)random.Next(), marker: random.Next(2) == 0);
        }

        // Decoding goes on after a key frame the sender made on the receiver's request.
        await ReadFramesAsync(stream, 10);
        await stop.CancelAsync();
        await camera;
        Assert.True(stream.KeyFramesRequested > requestsBefore, "no key frame was asked for after the garbage");
    }

    private static async Task ReadFramesAsync(VideoStream stream, int count)
    {
        using var bound = new CancellationTokenSource(RoomEventLog.Timeout);
        int frames = 0;
        await foreach (VideoFrameEvent e in stream.WithCancellation(bound.Token))
        {
            e.Frame.Dispose();
            if (++frames == count)
            {
                return;
            }
        }
    }

    [Fact]
    public async Task A_published_test_pattern_arrives_as_decoded_frames_of_its_size_in_the_asked_format()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        using var source = new VideoSource(320, 240);
        using var stop = new CancellationTokenSource();
        Task camera = TestPattern.CaptureAsync(source, stop.Token);

        LocalTrackPublication publication = await alice.Local.PublishTrackAsync(
            LocalVideoTrack.Create("pattern", source), new TrackPublishOptions { Source = TrackSource.Camera });

        RoomEventRecord subscribed = await bob.Log.WaitForAsync("track_subscribed", "alice Video");
        var remote = (RemoteTrackPublication)subscribed.Args[1]!;
        Assert.Equal((320, 240), (remote.Width, remote.Height));
        await using var stream = new VideoStream((RemoteTrack)subscribed.Args[0]!, VideoFormat.RGBA);
        int frames = 0;
        long lastTimestamp = -1;
        using var bound = new CancellationTokenSource(RoomEventLog.Timeout);
        await foreach (VideoFrameEvent e in stream.WithCancellation(bound.Token))
        {
            using VideoFrame frame = e.Frame;
            Assert.Equal((320, 240, VideoFormat.RGBA), (frame.Width, frame.Height, frame.Format));
            Assert.True(e.TimestampUs > lastTimestamp, "frame timestamps go forward");
            lastTimestamp = e.TimestampUs;
            if (++frames == 15)
            {
                // The square is white on a dark gradient: the frame is not flat.
                Span<byte> row = frame.GetPlane(0).GetRow(90);
                byte min = 255, max = 0;
                for (int x = 0; x < 320; x++)
                {
                    min = Math.Min(min, row[x * 4]);
                    max = Math.Max(max, row[x * 4]);
                }

                Assert.True(max - min > 100, $"row 90 spans {min}..{max}");
                break;
            }
        }

        await stop.CancelAsync();
        await camera;
        Assert.Equal(15, frames);
        Assert.StartsWith("TR_", publication.Sid);
    }
}
