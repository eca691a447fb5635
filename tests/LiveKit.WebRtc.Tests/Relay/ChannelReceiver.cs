using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>
/// Reads one of our data channels and checks every message with a <see cref="MessageVerifier"/>, noting each arrival on
/// a clock shared with other receivers (for <see cref="StallMeasure"/>). The read ends when the expected messages all
/// arrived (if asked), when the channel closes, or when the token is cancelled.
/// </summary>
public sealed class ChannelReceiver
{
    private readonly List<TimeSpan> _arrivals = [];
    private readonly Stopwatch _clock;

    private ChannelReceiver(MessageVerifier verifier, Stopwatch clock)
    {
        Verifier = verifier;
        _clock = clock;
    }

    /// <summary>The verification so far (read it once <see cref="Completion"/> ended).</summary>
    public MessageVerifier Verifier { get; }

    /// <summary>The read loop: completes when it ends; faults if the read failed.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Text messages received (generated messages are sent as binary).</summary>
    public long TextMessages { get; private set; }

    /// <summary>The arrival times so far, on the shared clock.</summary>
    public IReadOnlyList<TimeSpan> Arrivals
    {
        get
        {
            lock (_arrivals)
            {
                return _arrivals.ToArray();
            }
        }
    }

    /// <summary>
    /// Starts reading <paramref name="channel"/>, expecting <paramref name="count"/> messages of <paramref name="shape"/>;
    /// with <paramref name="stopWhenComplete"/> the read ends once all expected messages arrived.
    /// </summary>
    public static ChannelReceiver Start(
        DataChannel channel, MessageShape shape, int count, Stopwatch clock, bool stopWhenComplete, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(clock);
        var receiver = new ChannelReceiver(new MessageVerifier(shape, count), clock);
        receiver.Completion = Task.Run(() => receiver.ReadAsync(channel, stopWhenComplete, cancellationToken), CancellationToken.None);
        return receiver;
    }

    private async Task ReadAsync(DataChannel channel, bool stopWhenComplete, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (DataChannelMessage message in channel.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (_arrivals)
                {
                    _arrivals.Add(_clock.Elapsed);
                }

                if (message.IsText)
                {
                    TextMessages++;
                }

                Verifier.Accept(message.Data.Span);
                if (stopWhenComplete && Verifier.Distinct == Verifier.Count)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The test stopped the read; what arrived is in the verifier.
        }
    }
}
