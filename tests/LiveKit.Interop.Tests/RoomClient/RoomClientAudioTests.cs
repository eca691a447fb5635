using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Interop.Tests.LiveKitServer;
using LiveKit.Media.Audio;
using LiveKit.Rtc;
using LiveKit.Rtc.Tests.Client;
using LiveKit.Rtc.Tests.Media;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Interop.Tests.RoomClient;

/// <summary>Audio between our room client and livekit-client in Chromium, both ways, through the test server.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class RoomClientAudioTests
{
    private const string Room = "room-audio";
    private const int Rate = 48_000;

    private readonly ChromiumBrowser _browser;

    public RoomClientAudioTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task A_tone_the_sdk_publishes_is_decoded_by_the_browser_as_non_silent_audio()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        using var source = new AudioSource(Rate, 1, queueSizeMs: 200);
        Task tone = Tone.CaptureAsync(source, 440, timeout.Token);

        LocalTrackPublication publication = await sdk.Local.PublishTrackAsync(
            LocalAudioTrack.Create("tone", source), new TrackPublishOptions { Source = TrackSource.Microphone });

        await browser.WaitForEventAsync("trackSubscribed", cancellationToken: timeout.Token);
        var stats = await browser.WaitForInboundStatsAsync(
            all => all.Any(s => s.Kind == "audio" && s.TrackSid == publication.Sid && s.TotalAudioEnergy > 0 && s.PacketsReceived > 50),
            cancellationToken: timeout.Token);
        ClientInboundStats audio = stats.Single(s => s.Kind == "audio");
        Assert.Equal("dotnet", audio.ParticipantIdentity);
        Assert.Equal("audio/opus", audio.CodecMimeType, ignoreCase: true);
        Assert.True(audio.ConcealedSamples < audio.TotalSamplesReceived / 2, audio.ToString());
        await timeout.CancelAsync();
        await tone;
    }

    [Fact]
    public async Task The_browsers_fake_microphone_reaches_an_audio_stream_as_non_silent_audio_at_the_asked_rate()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);

        await browser.PublishMicrophoneAsync(cancellationToken: timeout.Token);
        RoomEventRecord subscribed = await sdk.Log.WaitForAsync("track_subscribed", "browser Audio");
        await using var stream = new AudioStream((RemoteTrack)subscribed.Args[0]!, sampleRate: 24_000, channels: 2);

        // Chromium's fake microphone beeps a quarter of the time: 2 s of audio holds several beeps.
        double sumOfSquares = 0;
        int samples = 0;
        await foreach (AudioFrameEvent e in stream.WithCancellation(timeout.Token))
        {
            using AudioFrame frame = e.Frame;
            Assert.Equal((24_000, 2, 480), (frame.SampleRate, frame.Channels, frame.SamplesPerChannel));
            foreach (short sample in frame.Data)
            {
                sumOfSquares += (double)sample * sample;
            }

            samples += frame.Data.Length;
            if (samples >= 24_000 * 2 * 2)
            {
                break;
            }
        }

        double rms = Math.Sqrt(sumOfSquares / samples);
        Assert.True(rms > 100, $"The decoded audio is silent (RMS {rms:0.0}).");
    }
}
