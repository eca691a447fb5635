using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using LiveKit.Media.Audio;
using LiveKit.Media.Tests.Codecs;
using Xunit;

namespace LiveKit.Rtc.Tests.Media;

/// <summary>
/// <see cref="AudioStream"/> stepped by hand (no clock): what one playout slot does with the packets that arrived
/// before it, which is what the process's shared clock does every 20 ms.
/// </summary>
public sealed class AudioStreamPlayoutTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Reordered_packets_play_in_order_one_frame_per_slot()
    {
        using var feed = new OpusRtpFeed();
        await using var stream = new AudioStream(feed.Track, 16_000, 1, AudioStream.DefaultCapacity, clock: null);
        foreach (int index in new[] { 0, 2, 1, 4, 3, 5 })
        {
            feed.Deliver(index);
        }

        stream.Play(6);
        List<short[]> frames = await ReadAsync(stream, 6);

        Assert.All(frames, f => Assert.Equal(320, f.Length));
        Assert.Equal(0, stream.FramesConcealed);
        Assert.Equal(0, stream.FramesDropped);
        double[] settled = AudioSignals.Channel(frames[5], 1, 0, 0);
        Assert.True(AudioSignals.GoertzelPower(settled, 440, 16_000) > 100 * AudioSignals.GoertzelPower(settled, 1_000, 16_000), "440 Hz is not dominant");
    }

    [Fact]
    public async Task A_lost_packet_is_made_up_in_its_slot()
    {
        using var feed = new OpusRtpFeed();
        await using var stream = new AudioStream(feed.Track, 48_000, 1, AudioStream.DefaultCapacity, clock: null);
        for (int index = 0; index < 8; index++)
        {
            if (index != 3)
            {
                feed.Deliver(index);
            }
        }

        stream.Play(8);
        List<short[]> frames = await ReadAsync(stream, 8);

        Assert.All(frames, f => Assert.Equal(960, f.Length));
        Assert.Equal(1, stream.FramesConcealed);
    }

    [Fact]
    public async Task A_slow_reader_loses_the_oldest_frames_only()
    {
        using var feed = new OpusRtpFeed();
        await using var stream = new AudioStream(feed.Track, 48_000, 1, capacity: 3, clock: null);
        for (int index = 0; index < 10; index++)
        {
            feed.Deliver(index);
        }

        stream.Play(10);

        Assert.Equal(7, stream.FramesDropped);
        Assert.Equal(3, (await ReadAsync(stream, 3)).Count);
    }

    [Fact]
    public async Task Slots_without_packets_play_nothing_and_the_stream_ends_with_its_connection()
    {
        using var feed = new OpusRtpFeed();
        await using var stream = new AudioStream(feed.Track, 48_000, 1, AudioStream.DefaultCapacity, clock: null);
        stream.Play(5);
        feed.Deliver(0);
        feed.Complete();
        stream.Play(1);

        await using IAsyncEnumerator<AudioFrameEvent> frames = stream.GetAsyncEnumerator();
        Assert.False(await frames.MoveNextAsync().AsTask().WaitAsync(Wait));
        Assert.Equal(0, feed.Receiver.Packets.Count);
    }

    [Fact]
    public async Task Disposing_ends_the_reader_and_later_slots_do_nothing()
    {
        using var feed = new OpusRtpFeed();
        var stream = new AudioStream(feed.Track, 48_000, 1, AudioStream.DefaultCapacity, clock: null);
        await using IAsyncEnumerator<AudioFrameEvent> frames = stream.GetAsyncEnumerator();
        ValueTask<bool> next = frames.MoveNextAsync();

        await stream.DisposeAsync();
        feed.Deliver(0);
        stream.Play(1);
        await stream.DisposeAsync();

        Assert.False(await next.AsTask().WaitAsync(Wait));
        Assert.Equal(1, feed.Receiver.Packets.Count);
    }

    private static async Task<List<short[]>> ReadAsync(AudioStream stream, int count)
    {
        var frames = new List<short[]>();
        await using IAsyncEnumerator<AudioFrameEvent> reader = stream.GetAsyncEnumerator();
        while (frames.Count < count && await reader.MoveNextAsync().AsTask().WaitAsync(Wait))
        {
            using AudioFrame frame = reader.Current.Frame;
            frames.Add(frame.Data.ToArray());
        }

        return frames;
    }
}
