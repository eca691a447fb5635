using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Media.Audio;
using LiveKit.Rtc;

namespace LiveKit.Benchmarks;

/// <summary>
/// SDK rooms that publish audio tracks for the subscriber benchmarks: <c>rooms</c> participants, each publishing its
/// share of <c>tracks</c> <see cref="LocalAudioTrack"/>s (several per participant; each its own
/// <see cref="AudioSource"/> and sender), every source fed the speech-like signal of <see cref="AudioOpusPackets"/>
/// in 20 ms frames by its own loop, which the source's 100 ms queue paces to real time (the capture waits while the
/// queue is full). The rooms subscribe to nothing (<see cref="RoomOptions.AutoSubscribe"/> off).
/// </summary>
internal sealed class AudioPublishers : IAsyncDisposable
{
    private const int Rate = AudioOpusPackets.SampleRate;
    private const int FrameSamples = Rate / 50;

    private readonly List<Room> _rooms = new();
    private readonly List<AudioSource> _sources = new();
    private readonly List<Task> _captures = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly short[] _signal = AudioOpusPackets.CreateSignal(Rate);

    private AudioPublishers()
    {
    }

    /// <summary>Connects the rooms to <paramref name="url"/>'s room <paramref name="roomName"/> and publishes the tracks.</summary>
    public static async Task<AudioPublishers> StartAsync(Uri url, string apiKey, string apiSecret, string roomName, int rooms, int tracks)
    {
        var publishers = new AudioPublishers();
        try
        {
            var joins = new List<Task>();
            for (int r = 0; r < rooms; r++)
            {
                int count = tracks / rooms + (r < tracks % rooms ? 1 : 0);
                string token = new AccessToken(apiKey, apiSecret)
                {
                    Identity = $"publisher-{r}",
                    Ttl = TimeSpan.FromHours(1),
                    Video = new VideoGrants { RoomJoin = true, Room = roomName },
                }.ToJwt();
                joins.Add(publishers.JoinAndPublishAsync(url, token, r, count));
            }

            await Task.WhenAll(joins).ConfigureAwait(false);
            return publishers;
        }
        catch
        {
            await publishers.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the capture loops and disconnects the rooms.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        List<Task> captures;
        List<Room> rooms;
        lock (_rooms)
        {
            captures = new List<Task>(_captures);
            rooms = new List<Room>(_rooms);
        }

        await Task.WhenAll(captures).ConfigureAwait(false);
        foreach (Room room in rooms)
        {
            await room.DisposeAsync().ConfigureAwait(false);
        }

        lock (_rooms)
        {
            foreach (AudioSource source in _sources)
            {
                source.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task JoinAndPublishAsync(Uri url, string token, int roomIndex, int tracks)
    {
        var room = new Room();
        lock (_rooms)
        {
            _rooms.Add(room);
        }

        await room.ConnectAsync(url.ToString(), token, new RoomOptions { AutoSubscribe = false }).ConfigureAwait(false);
        for (int t = 0; t < tracks; t++)
        {
            var source = new AudioSource(Rate, 1, queueSizeMs: 100);
            lock (_rooms)
            {
                _sources.Add(source);
            }

            await room.LocalParticipant!.PublishTrackAsync(LocalAudioTrack.Create($"voice-{roomIndex}-{t}", source), new TrackPublishOptions { Source = TrackSource.Microphone })
                .ConfigureAwait(false);

            // Each track starts at its own point of the signal, so the tracks are not sample-identical.
            int offset = (roomIndex * 7 + t * 3) % 50 * FrameSamples;
            Task capture = Task.Run(() => CaptureAsync(source, offset, _stop.Token));
            lock (_rooms)
            {
                _captures.Add(capture);
            }
        }
    }

    private async Task CaptureAsync(AudioSource source, int offset, CancellationToken stop)
    {
        using AudioFrame frame = AudioFrame.Create(Rate, 1, FrameSamples);
        int position = offset;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                _signal.AsSpan(position, FrameSamples).CopyTo(frame.Data);
                position = (position + FrameSamples) % _signal.Length;
                await source.CaptureFrameAsync(frame, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
