using System;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>Sends generated messages (<see cref="MessageShape"/>) on our data channels.</summary>
public static class DataChannelTraffic
{
    /// <summary>Sends messages 0 to <paramref name="count"/> - 1 of <paramref name="shape"/>; returns their bytes.</summary>
    public static async Task<long> SendAsync(DataChannel channel, MessageShape shape, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        long bytes = 0;
        for (uint i = 0; i < count; i++)
        {
            // A new array each time: the channel may hold the memory until the message is sent.
            byte[] message = shape.Create(i);
            await channel.SendAsync(message, cancellationToken).ConfigureAwait(false);
            bytes += message.Length;
        }

        return bytes;
    }

    /// <summary>
    /// Sends message i of <paramref name="firstShape"/> on <paramref name="first"/>, then message i of
    /// <paramref name="secondShape"/> on <paramref name="second"/>, for each i (each up to its own count), as the real
    /// peers' <c>sendMessages</c> with <c>with</c> does; returns the bytes sent on each. With
    /// <paramref name="maxBuffered"/> each send first waits until its channel's buffered amount is at most that (the
    /// channels' low thresholds become half of it), which spreads both channels' messages over the whole run.
    /// <paramref name="progress"/> counts what was sent so far, for a test that has to say where a run got stuck.
    /// </summary>
    public static async Task<(long First, long Second)> SendInterleavedAsync(
        DataChannel first, MessageShape firstShape, int firstCount, DataChannel second, MessageShape secondShape, int secondCount,
        CancellationToken cancellationToken, long? maxBuffered = null, SendProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (maxBuffered is long limit)
        {
            first.BufferedAmountLowThreshold = limit / 2;
            second.BufferedAmountLowThreshold = limit / 2;
        }

        long firstBytes = 0;
        long secondBytes = 0;
        for (uint i = 0; i < Math.Max(firstCount, secondCount); i++)
        {
            if (i < firstCount)
            {
                byte[] message = firstShape.Create(i);
                await WaitForRoomAsync(first, maxBuffered, cancellationToken).ConfigureAwait(false);
                await first.SendAsync(message, cancellationToken).ConfigureAwait(false);
                firstBytes += message.Length;
                progress?.SentFirst(message.Length);
            }

            if (i < secondCount)
            {
                byte[] message = secondShape.Create(i);
                await WaitForRoomAsync(second, maxBuffered, cancellationToken).ConfigureAwait(false);
                await second.SendAsync(message, cancellationToken).ConfigureAwait(false);
                secondBytes += message.Length;
                progress?.SentSecond(message.Length);
            }
        }

        return (firstBytes, secondBytes);
    }

    /// <summary>Waits while the channel's buffered amount is above <paramref name="maxBuffered"/> (for the BufferedAmountLow event).</summary>
    private static async Task WaitForRoomAsync(DataChannel channel, long? maxBuffered, CancellationToken cancellationToken)
    {
        if (maxBuffered is not long limit)
        {
            return;
        }

        while (channel.BufferedAmount > limit)
        {
            var low = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Action onLow = () => low.TrySetResult();
            channel.BufferedAmountLow += onLow;
            try
            {
                // Subscribed first, then checked: a drop below the threshold cannot slip between the two.
                if (channel.BufferedAmount <= limit)
                {
                    return;
                }

                if (channel.State != DataChannelState.Open)
                {
                    throw new InvalidOperationException($"{channel} closed while its sender waited for room");
                }

                await low.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                channel.BufferedAmountLow -= onLow;
            }
        }
    }
}
