using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.WebRtc;

namespace LiveKit.Rtc.Engine;

// Data packets (brief §4): sent on the publisher's _reliable or _lossy channel, one serialized DataPacket per
// message; received on whichever channel the server uses. Reliable packets are numbered 1, 2, 3... per session so
// receivers can drop the duplicates a resume resends.
internal sealed partial class RtcEngine
{
    /// <summary>The largest serialized DataPacket sent (the official SDKs' clamp, brief §4).</summary>
    public const int MaxDataPacketSize = 64_000;

    private readonly SemaphoreSlim _reliableSend = new(1, 1);
    private long _malformedDataPackets;
    private uint _reliableSequence;

    /// <summary>The publisher's reliable channel.</summary>
    public DataChannel PublisherReliable { get; }

    /// <summary>The publisher's lossy channel.</summary>
    public DataChannel PublisherLossy { get; }

    /// <summary>
    /// Sends <paramref name="packet"/> on the reliable or lossy channel, negotiating the publisher PeerConnection first
    /// when it is not up yet (brief §3.1: sending data triggers it). Reliable packets get the next sequence number and
    /// leave in call order.
    /// </summary>
    /// <exception cref="ArgumentException">The packet is larger than <see cref="MaxDataPacketSize"/>.</exception>
    public async ValueTask SendDataAsync(Proto.DataPacket packet, bool reliable, CancellationToken cancellationToken)
    {
        DataChannel channel = reliable ? PublisherReliable : PublisherLossy;
        if (channel.State != DataChannelState.Open)
        {
            await WaitForPublisherChannelAsync(channel, cancellationToken).ConfigureAwait(false);
        }

        if (!reliable)
        {
            await SendSerializedAsync(channel, packet, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _reliableSend.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            packet.Sequence = _reliableSequence + 1;
            await SendSerializedAsync(channel, packet, cancellationToken).ConfigureAwait(false);
            _reliableSequence++;
        }
        finally
        {
            _reliableSend.Release();
        }
    }

    private static async ValueTask SendSerializedAsync(DataChannel channel, Proto.DataPacket packet, CancellationToken cancellationToken)
    {
        int size = packet.CalculateSize();
        if (size > MaxDataPacketSize)
        {
            throw new ArgumentException(
                $"The data packet is {size} bytes serialized; LiveKit data messages are limited to {MaxDataPacketSize}. Split the payload, or use a data stream.",
                nameof(packet));
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            packet.WriteTo(buffer.AsSpan(0, size));
            // The channel copies the message into its send queue before the send completes.
            await channel.SendAsync(buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task WaitForPublisherChannelAsync(DataChannel channel, CancellationToken cancellationToken)
    {
        Task negotiation = EnsurePublisherNegotiated();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        try
        {
            Task opened = channel.WaitForOpenAsync(linked.Token);
            if (await Task.WhenAny(opened, negotiation).ConfigureAwait(false) == negotiation && negotiation.IsFaulted)
            {
                throw new InvalidOperationException(
                    "The publisher PeerConnection could not be negotiated, so data cannot be sent: " + negotiation.Exception!.GetBaseException().Message,
                    negotiation.Exception.GetBaseException());
            }

            await opened.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException("The room is disconnected; data can be sent only while it is connected.");
        }
    }

    private void StartReading(DataChannel channel)
    {
        DataPacketKind kind = channel.Label == DataChannelLabels.Lossy ? DataPacketKind.Lossy : DataPacketKind.Reliable;
        if (channel.Label is not (DataChannelLabels.Reliable or DataChannelLabels.Lossy))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (DataChannelMessage message in channel.ReadAllAsync(_closing.Token).ConfigureAwait(false))
                {
                    Proto.DataPacket packet;
                    try
                    {
                        packet = Proto.DataPacket.Parser.ParseFrom(message.Data.Span);
                    }
                    catch (InvalidProtocolBufferException)
                    {
                        Interlocked.Increment(ref _malformedDataPackets);
                        continue;
                    }

                    _listener.OnDataPacket(packet, kind);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }
}
