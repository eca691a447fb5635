using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;

namespace LiveKit.Benchmarks;

/// <summary>
/// Two of our PeerConnections in this process, connected to each other over 127.0.0.1 with one reliable, ordered data
/// channel open on both ends, candidates handed over directly (no signalling server, no LiveKit envelope): the floor of
/// the room client's benchmarks, for a join (raw connect) and for data (raw channel throughput). The options are the
/// ones the room client gives its own PeerConnections when the server is on loopback (<c>PeerConnectionSettings</c>:
/// loopback host candidates only, 4 MiB socket buffers each way), so the floor and the room run the same transport.
/// </summary>
internal sealed class RoomClientPeerConnectionPair : IAsyncDisposable
{
    private const string Label = "bench";

    private RoomClientPeerConnectionPair(PeerConnection offerer, PeerConnection answerer, DataChannel offererChannel, DataChannel answererChannel)
    {
        Offerer = offerer;
        Answerer = answerer;
        OffererChannel = offererChannel;
        AnswererChannel = answererChannel;
    }

    /// <summary>The options of both connections: what the room client uses against a server on loopback.</summary>
    public static PeerConnectionOptions Options { get; } = new()
    {
        HostAddresses = [IPAddress.Loopback],
        SocketReceiveBufferSize = 4 * 1024 * 1024,
        SocketSendBufferSize = 4 * 1024 * 1024,
    };

    /// <summary>The connection that created the channel and offered.</summary>
    public PeerConnection Offerer { get; }

    /// <summary>The connection that answered and received the channel.</summary>
    public PeerConnection Answerer { get; }

    /// <summary>The channel on the offerer's side (the sending side of the data floor).</summary>
    public DataChannel OffererChannel { get; }

    /// <summary>The channel on the answerer's side (the receiving side of the data floor).</summary>
    public DataChannel AnswererChannel { get; }

    /// <summary>
    /// Creates both connections and the channel, negotiates, and completes once the channel is open on both ends (ICE
    /// pair selected, DTLS done, SCTP associated, DCEP open acknowledged). Everything a join needs at the transport
    /// level, creation of the connections included, happens inside this call.
    /// </summary>
    public static async Task<RoomClientPeerConnectionPair> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var offerer = new PeerConnection(Options);
        var answerer = new PeerConnection(Options);
        try
        {
            var received = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
            answerer.DataChannelReceived += c => received.TrySetResult(c);
            offerer.IceCandidateGathered += c => answerer.AddIceCandidate(c);
            answerer.IceCandidateGathered += c => offerer.AddIceCandidate(c);
            DataChannel channel = offerer.CreateDataChannel(Label, new DataChannelInit { Ordered = true });

            SessionDescriptionInit offer = await offerer.CreateOfferAsync(cancellationToken);
            await offerer.SetLocalDescriptionAsync(offer, cancellationToken);
            await answerer.SetRemoteDescriptionAsync(offer, cancellationToken);
            SessionDescriptionInit answer = await answerer.CreateAnswerAsync(cancellationToken);
            await answerer.SetLocalDescriptionAsync(answer, cancellationToken);
            await offerer.SetRemoteDescriptionAsync(answer, cancellationToken);

            await channel.WaitForOpenAsync(cancellationToken);
            DataChannel remote = await received.Task.WaitAsync(cancellationToken);
            await remote.WaitForOpenAsync(cancellationToken);
            return new RoomClientPeerConnectionPair(offerer, answerer, channel, remote);
        }
        catch
        {
            await offerer.DisposeAsync();
            await answerer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes both connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await Offerer.DisposeAsync();
        await Answerer.DisposeAsync();
    }
}
