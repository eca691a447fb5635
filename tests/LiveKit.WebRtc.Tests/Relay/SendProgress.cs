using System.Threading;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>What <see cref="DataChannelTraffic.SendInterleavedAsync"/> has sent so far on each of its two channels.</summary>
public sealed class SendProgress
{
    private long _firstMessages;
    private long _firstBytes;
    private long _secondMessages;
    private long _secondBytes;

    /// <summary>Messages accepted by the first channel.</summary>
    public long FirstMessages => Interlocked.Read(ref _firstMessages);

    /// <summary>Messages accepted by the second channel.</summary>
    public long SecondMessages => Interlocked.Read(ref _secondMessages);

    /// <summary>Counts a message of <paramref name="bytes"/> accepted by the first channel.</summary>
    public void SentFirst(int bytes)
    {
        Interlocked.Increment(ref _firstMessages);
        Interlocked.Add(ref _firstBytes, bytes);
    }

    /// <summary>Counts a message of <paramref name="bytes"/> accepted by the second channel.</summary>
    public void SentSecond(int bytes)
    {
        Interlocked.Increment(ref _secondMessages);
        Interlocked.Add(ref _secondBytes, bytes);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"sent {FirstMessages} messages ({Interlocked.Read(ref _firstBytes)} B) and {SecondMessages} ({Interlocked.Read(ref _secondBytes)} B)";
}
