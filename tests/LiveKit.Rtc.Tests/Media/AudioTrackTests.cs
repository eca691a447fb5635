using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Media.Audio;
using LiveKit.Media.Tests.Codecs;
using LiveKit.Rtc.Tests.Client;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Media;

/// <summary>Audio published by one SDK participant and received by another through the test server.</summary>
public sealed class AudioTrackTests : IAsyncLifetime
{
    private const int Rate = 48_000;
    private LiveKitTestServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveKitTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_published_440_hz_tone_arrives_as_440_hz_frames_at_the_asked_rate()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        using var source = new AudioSource(Rate, 1, queueSizeMs: 200);
        var track = LocalAudioTrack.Create("tone", source);

        LocalTrackPublication publication = await alice.Local.PublishTrackAsync(track, new TrackPublishOptions { Source = TrackSource.Microphone });

        Assert.StartsWith("TR_", publication.Sid);
        Assert.Same(track, publication.Track);
        await alice.Log.WaitForAsync("local_track_published");
        RoomEventRecord subscribed = await bob.Log.WaitForAsync("track_subscribed", "alice Audio");
        var remote = (RemoteTrack)subscribed.Args[0]!;
        await using var stream = new AudioStream(remote, sampleRate: 16_000, channels: 1);

        using var stop = new CancellationTokenSource();
        Task tone = CaptureToneAsync(source, 440, stop.Token);
        List<short> received = await ReadAsync(stream, TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await tone;

        // Skip the first 200 ms (the decoder and the encoder settle), then compare 440 Hz with its neighbours.
        double[] samples = AudioSignals.Channel(received.ToArray(), 1, 0, 3_200);
        double at440 = AudioSignals.GoertzelPower(samples, 440, 16_000);
        foreach (double other in new[] { 220.0, 330, 550, 660, 880, 1_000 })
        {
            Assert.True(at440 > 100 * AudioSignals.GoertzelPower(samples, other, 16_000), $"440 Hz is not dominant over {other} Hz");
        }
    }

    private static async Task<List<short>> ReadAsync(AudioStream stream, TimeSpan duration)
    {
        var samples = new List<short>();
        int wanted = (int)(stream.SampleRate * duration.TotalSeconds);
        using var bound = new CancellationTokenSource(RoomEventLog.Timeout);
        await foreach (AudioFrameEvent e in stream.WithCancellation(bound.Token))
        {
            using AudioFrame frame = e.Frame;
            Assert.Equal(16_000, frame.SampleRate);
            Assert.Equal(1, frame.Channels);
            Assert.Equal(320, frame.SamplesPerChannel);
            samples.AddRange(frame.Data.ToArray());
            if (samples.Count >= wanted)
            {
                break;
            }
        }

        return samples;
    }

    /// <summary>Captures a tone in 20 ms frames until stopped; the source's queue paces it to real time.</summary>
    private static async Task CaptureToneAsync(AudioSource source, double frequency, CancellationToken stop)
    {
        using AudioFrame frame = AudioFrame.Create(Rate, 1, Rate / 50);
        long n = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                Span<short> data = frame.Data;
                for (int i = 0; i < data.Length; i++, n++)
                {
                    data[i] = (short)(8_000 * Math.Sin(2 * Math.PI * frequency * n / Rate));
                }

                await source.CaptureFrameAsync(frame, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
