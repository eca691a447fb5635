using System;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using LiveKit.WebRtc.Dtls;

namespace LiveKit.WebRtc.Tests.Dtls;

/// <summary>
/// Collects a transport's application data records into a channel, as the tests read them: one array per record,
/// completed when the association ends (with the failure, if any).
/// </summary>
internal sealed class ApplicationDataQueue : IDtlsApplicationDataHandler
{
    private static readonly ConditionalWeakTable<DtlsTransport, ApplicationDataQueue> Queues = new();
    private readonly Channel<byte[]> _records = Channel.CreateUnbounded<byte[]>();

    /// <summary>Attaches a queue to <paramref name="transport"/> (before its handshake) and returns the transport.</summary>
    public static DtlsTransport Capture(DtlsTransport transport)
    {
        var queue = new ApplicationDataQueue();
        transport.ApplicationDataHandler = queue;
        Queues.Add(transport, queue);
        return transport;
    }

    /// <summary>The records <see cref="Capture"/> collects for <paramref name="transport"/>.</summary>
    public static ChannelReader<byte[]> Of(DtlsTransport transport) =>
        Queues.TryGetValue(transport, out ApplicationDataQueue? queue)
            ? queue._records.Reader
            : throw new InvalidOperationException("The transport was not created through ApplicationDataQueue.Capture.");

    /// <inheritdoc />
    public void OnApplicationData(ReadOnlySpan<byte> record) => _records.Writer.TryWrite(record.ToArray());

    /// <inheritdoc />
    public void OnClosed(Exception? error) => _records.Writer.TryComplete(error);
}
