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
        // The server tells the publisher about its track's first subscriber.
        RoomEventRecord firstSubscriber = await alice.Log.WaitForAsync("local_track_subscribed");
        Assert.Same(track, firstSubscriber.Args[0]);
        await using var stream = new AudioStream(remote, sampleRate: 16_000, channels: 1);

        using var stop = new CancellationTokenSource();
        Task tone = Tone.CaptureAsync(source, 440, stop.Token);
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

    [Fact]
    public async Task A_44_1_khz_source_is_resampled_for_opus_and_a_44_1_khz_stream_gets_882_sample_frames_of_the_tone()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        using var source = new AudioSource(44_100, 1, queueSizeMs: 200);
        await using var stream = new AudioStream(await PublishAndSubscribeAsync(alice, bob, source), sampleRate: 44_100, channels: 1);
        using var stop = new CancellationTokenSource();
        Task tone = Tone.CaptureAsync(source, 440, stop.Token);

        List<short> samples = await ReadAsync(stream, TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await tone;
        double[] settled = AudioSignals.Channel(samples.ToArray(), 1, 0, 8_820);
        foreach (double other in new[] { 330.0, 550, 880 })
        {
            Assert.True(AudioSignals.GoertzelPower(settled, 440, 44_100) > 100 * AudioSignals.GoertzelPower(settled, other, 44_100), $"440 Hz is not dominant over {other} Hz");
        }
    }

    [Fact]
    public async Task Corrupt_opus_payloads_are_concealed_or_decoded_and_the_stream_goes_on()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        using var source = new AudioSource(Rate, 1, queueSizeMs: 200);
        await using var stream = new AudioStream(await PublishAndSubscribeAsync(alice, bob, source), sampleRate: 16_000, channels: 1);
        using var stop = new CancellationTokenSource();
        Task tone = Tone.CaptureAsync(source, 440, stop.Token);
        await ReadAsync(stream, TimeSpan.FromMilliseconds(200));

        // Garbage on the track's own sender, between the tone's packets (seeded, so the same garbage every run).
        LiveKit.WebRtc.RtpSender sender = alice.Room.Engine!.Publisher.Transceivers.Single(t => t.Kind == LiveKit.WebRtc.MediaKind.Audio).Sender;
        var random = new Random(7);
        byte[] junk = new byte[120];
        for (int i = 0; i < 30; i++)
        {
            random.NextBytes(junk);
            sender.SendRtp(junk.AsSpan(0, random.Next(1, junk.Length)), (uint)random.Next(), marker: false);
        }

        // Random bytes are often valid Opus (any TOC byte is): such packets decode to noise of their own length.
        List<short> after = await ReadAsync(stream, TimeSpan.FromSeconds(1), anyFrameSize: true);
        await stop.CancelAsync();
        await tone;

        double[] samples = AudioSignals.Channel(after.ToArray(), 1, 0, 3_200);
        Assert.True(AudioSignals.GoertzelPower(samples, 440, 16_000) > 100 * AudioSignals.GoertzelPower(samples, 660, 16_000));
    }

    [Fact]
    public async Task A_stream_read_as_a_pipe_gives_little_endian_pcm_of_the_tone_and_only_one_reader_is_allowed()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        using var source = new AudioSource(Rate, 1, queueSizeMs: 200);
        await using var stream = new AudioStream(await PublishAndSubscribeAsync(alice, bob, source), sampleRate: 16_000, channels: 1);
        using var stop = new CancellationTokenSource();
        Task tone = Tone.CaptureAsync(source, 440, stop.Token);

        System.IO.Pipelines.PipeReader pcm = stream.AsPipeReader();
        Assert.Throws<InvalidOperationException>(() => stream.GetAsyncEnumerator());
        byte[] bytes = new byte[16_000 * 2];
        using var bound = new CancellationTokenSource(RoomEventLog.Timeout);
        await pcm.AsStream().ReadExactlyAsync(bytes, bound.Token);
        await stop.CancelAsync();
        await tone;

        short[] samples = new short[bytes.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(2 * i));
        }

        double[] settled = AudioSignals.Channel(samples, 1, 0, 3_200);
        Assert.True(AudioSignals.GoertzelPower(settled, 440, 16_000) > 100 * AudioSignals.GoertzelPower(settled, 660, 16_000));
    }

    [Fact]
    public async Task A_loud_published_track_makes_its_participant_an_active_speaker_from_its_audio_level()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        using var source = new AudioSource(Rate, 1, queueSizeMs: 200);
        await alice.Local.PublishTrackAsync(LocalAudioTrack.Create("voice", source), new TrackPublishOptions { Source = TrackSource.Microphone });
        using var stop = new CancellationTokenSource();
        Task tone = Tone.CaptureAsync(source, 440, stop.Token);

        // The server hears the RFC 6464 level our sender puts on each packet (no media is decoded for it).
        RoomEventRecord speaking = await bob.Log.WaitForAsync(e => e.Name == "active_speakers_changed" && e.Detail == "alice", "alice speaking");
        await stop.CancelAsync();
        await tone;

        Participant speaker = Assert.Single((IReadOnlyList<Participant>)speaking.Args[0]!);
        Assert.True(speaker.IsSpeaking);
        Assert.True(speaker.AudioLevel > 0);
        await alice.Log.WaitForAsync(e => e.Name == "active_speakers_changed" && e.Detail == "alice", "alice speaking, seen by herself");
    }

    [Fact]
    public async Task Muting_and_unpublishing_a_local_track_are_seen_by_both_sides()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        using var source = new AudioSource(Rate, 1);
        var track = LocalAudioTrack.Create("mic", source);
        LocalTrackPublication publication = await alice.Local.PublishTrackAsync(track, new TrackPublishOptions { Source = TrackSource.Microphone });
        await bob.Log.WaitForAsync("track_subscribed", "alice Audio");

        track.Mute();

        Assert.True(track.IsMuted);
        await alice.Log.WaitForAsync("track_muted", "alice Audio");
        await bob.Log.WaitForAsync("track_muted", "alice Audio");
        Assert.True(bob.Room.RemoteParticipants["alice"].TrackPublications[publication.Sid].IsMuted);
        track.Unmute();
        await bob.Log.WaitForAsync("track_unmuted", "alice Audio");

        await alice.Local.UnpublishTrackAsync(publication.Sid);

        await alice.Log.WaitForAsync("local_track_unpublished");
        Assert.Empty(alice.Local.TrackPublications);
        await bob.Log.WaitForAsync("track_unpublished", "alice Audio");
        Assert.Empty(bob.Room.RemoteParticipants["alice"].TrackPublications);
        string[] atBob = bob.Log.Names.Where(n => n is "track_unsubscribed" or "track_unpublished").ToArray();
        Assert.Equal(["track_unsubscribed", "track_unpublished"], atBob);
    }

    [Fact]
    public async Task Publishing_without_the_grant_or_twice_is_refused_with_a_clear_error()
    {
        await using ConnectedRoom viewer = await ConnectedRoom.JoinAsync(_server, "viewer", "lobby", new LiveKit.Api.VideoGrants { CanPublish = false });
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        using var source = new AudioSource(Rate, 1);
        var track = LocalAudioTrack.Create("mic", source);

        InvalidOperationException noGrant = await Assert.ThrowsAsync<InvalidOperationException>(() => viewer.Local.PublishTrackAsync(track));
        Assert.Contains("canPublish", noGrant.Message);

        await alice.Local.PublishTrackAsync(track);
        InvalidOperationException twice = await Assert.ThrowsAsync<InvalidOperationException>(() => alice.Local.PublishTrackAsync(track));
        Assert.Contains("published already", twice.Message);
        Assert.Single(alice.Local.TrackPublications);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(2, null)]
    public async Task The_stereo_option_or_the_source_sets_the_opus_channel_count_on_the_wire(int sourceChannels, bool? stereo)
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        await using ConnectedRoom bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        using var source = new AudioSource(Rate, sourceChannels, queueSizeMs: 200);
        using var stop = new CancellationTokenSource();
        Task tone = Tone.CaptureAsync(source, 440, stop.Token);

        RemoteTrack remote = await PublishAndSubscribeAsync(alice, bob, source, new TrackPublishOptions { Stereo = stereo });
        // RFC 6716 §3.1: bit 2 of an Opus packet's first octet (TOC) says stereo.
        var stereoBits = new List<bool>();
        using var bound = new CancellationTokenSource(RoomEventLog.Timeout);
        await foreach (LiveKit.WebRtc.ReceivedRtpPacket packet in remote.Transceiver.Receiver.ReadAllAsync(bound.Token))
        {
            using (packet)
            {
                stereoBits.Add((packet.Payload.Span[0] & 0x04) != 0);
            }

            if (stereoBits.Count == 10)
            {
                break;
            }
        }

        await stop.CancelAsync();
        await tone;
        Assert.All(stereoBits, bit => Assert.Equal(stereo ?? sourceChannels == 2, bit));
    }

    [Fact]
    public async Task Options_out_of_range_are_refused_before_anything_is_sent()
    {
        await using ConnectedRoom alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        using var source = new AudioSource(Rate, 1);
        var track = LocalAudioTrack.Create("mic", source);

        ArgumentException bitrate = await Assert.ThrowsAsync<ArgumentException>(() => alice.Local.PublishTrackAsync(track, new TrackPublishOptions { AudioBitrate = 1_000 }));
        ArgumentException codec = await Assert.ThrowsAsync<ArgumentException>(() => alice.Local.PublishTrackAsync(track, new TrackPublishOptions { VideoCodec = (VideoCodec)7 }));
        ArgumentException video = await Assert.ThrowsAsync<ArgumentException>(() => alice.Local.PublishTrackAsync(track, new TrackPublishOptions { VideoBitrate = 0 }));

        Assert.Contains("6,000 to 510,000", bitrate.Message);
        Assert.Contains("VideoCodec.Vp8", codec.Message);
        Assert.Contains("at least 10,000", video.Message);
        Assert.Empty(alice.Local.TrackPublications);
        // The track was not taken: it publishes with valid options.
        await alice.Local.PublishTrackAsync(track, new TrackPublishOptions { AudioBitrate = 24_000 });
        Assert.Single(alice.Local.TrackPublications);
    }

    /// <summary>Alice publishes <paramref name="source"/>; returns the track once Bob is subscribed to it.</summary>
    private static async Task<RemoteTrack> PublishAndSubscribeAsync(ConnectedRoom alice, ConnectedRoom bob, AudioSource source, TrackPublishOptions? options = null)
    {
        await alice.Local.PublishTrackAsync(LocalAudioTrack.Create("tone", source), options);
        return (RemoteTrack)(await bob.Log.WaitForAsync("track_subscribed", "alice Audio")).Args[0]!;
    }

    /// <summary>Reads at least <paramref name="duration"/> of samples; every frame 20 ms unless <paramref name="anyFrameSize"/>.</summary>
    private static async Task<List<short>> ReadAsync(AudioStream stream, TimeSpan duration, bool anyFrameSize = false)
    {
        var samples = new List<short>();
        int wanted = (int)(stream.SampleRate * duration.TotalSeconds);
        using var bound = new CancellationTokenSource(RoomEventLog.Timeout);
        await foreach (AudioFrameEvent e in stream.WithCancellation(bound.Token))
        {
            using AudioFrame frame = e.Frame;
            Assert.Equal((stream.SampleRate, stream.Channels), (frame.SampleRate, frame.Channels));
            Assert.True(anyFrameSize || frame.SamplesPerChannel == stream.SampleRate / 50, $"a frame of {frame.SamplesPerChannel} samples");
            samples.AddRange(frame.Data.ToArray());
            if (samples.Count >= wanted)
            {
                break;
            }
        }

        return samples;
    }
}
