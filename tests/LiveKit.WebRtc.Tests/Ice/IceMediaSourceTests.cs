using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Stun;
using Xunit;

namespace LiveKit.WebRtc.Tests.Ice;

/// <summary>
/// Non-STUN datagrams reach <see cref="IceAgent.DatagramReceived"/> only from remote addresses the agent knows: remote
/// candidates, signalled or learned as peer-reflexive from an authenticated check (RFC 8445 §7.3.1.3, §12.2).
/// </summary>
public class IceMediaSourceTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly byte[] Dtls = [22, 254, 253, 0, 0, 0, 0, 0, 0, 0, 1];
    private static readonly byte[] Rtp = [0x80, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7];

    private readonly IceAgent _agent = new(new IceAgentOptions { Role = IceRole.Controlled, Random = new Random(31) });
    private readonly Socket _known = Loopback();
    private readonly Socket _stranger = Loopback();
    private readonly ConcurrentQueue<(byte[] Datagram, PacketClass Class)> _delivered = new();
    private IPEndPoint _target = null!;

    public Task InitializeAsync()
    {
        _target = new IPEndPoint(IPAddress.Loopback, _agent.GatherHostCandidates()[0].Port);
        _agent.DatagramReceived = (datagram, packetClass) => _delivered.Enqueue((datagram.ToArray(), packetClass));
        int knownPort = ((IPEndPoint)_known.LocalEndPoint!).Port;
        Assert.True(IceCandidate.TryParse($"candidate:1 1 udp 2130706431 127.0.0.1 {knownPort} typ host", out IceCandidate? remote));
        Assert.True(_agent.AddRemoteCandidate(remote));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _known.Dispose();
        _stranger.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Media_from_a_signalled_candidate_is_delivered_and_from_a_stranger_dropped_and_counted()
    {
        await _stranger.SendToAsync(Dtls, _target);
        await _stranger.SendToAsync(Rtp, _target);
        await Barrier(_stranger, authenticated: false); // Answered 401, so the stranger stays a stranger.
        await _known.SendToAsync(Rtp, _target);
        await Barrier(_known);

        (byte[] datagram, PacketClass packetClass) = Assert.Single(_delivered);
        Assert.Equal(Rtp, datagram);
        Assert.Equal(PacketClass.RtpOrRtcp, packetClass);
        Assert.Equal(3, _agent.DroppedDatagramCount); // Two media datagrams and the rejected request.
    }

    [Fact]
    public async Task A_stranger_that_passes_a_check_becomes_peer_reflexive_and_its_media_is_delivered()
    {
        await _stranger.SendToAsync(Dtls, _target);
        await Barrier(_stranger); // An authenticated request: the stranger is now a peer-reflexive candidate.
        await _stranger.SendToAsync(Dtls, _target);
        await Barrier(_stranger);

        (byte[] datagram, PacketClass packetClass) = Assert.Single(_delivered);
        Assert.Equal(Dtls, datagram);
        Assert.Equal(PacketClass.Dtls, packetClass);
        Assert.Equal(1, _agent.DroppedDatagramCount);
    }

    private static Socket Loopback()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    // A check from the same socket: one receive loop handles datagrams in order, so its answer proves that everything
    // sent before it from that socket was handled. An unauthenticated one is answered 401 and teaches the agent nothing.
    private async Task Barrier(Socket from, bool authenticated = true)
    {
        StunTransactionId id = StunTransactionId.NewRandom();
        string password = authenticated ? _agent.LocalCredentials.Password : "not-the-password-at-all";
        byte[] request = IceCheckMessages.WriteBindingRequest(id, _agent.LocalCredentials.UsernameFragment, "peer",
            password, 1845501695, IceRole.Controlling, 42, useCandidate: false);
        await from.SendToAsync(request, _target);
        byte[] buffer = new byte[1500];
        while (true)
        {
            int received = await from.ReceiveAsync(buffer).WaitAsync(Wait);
            if (StunMessageReader.TryParse(buffer.AsSpan(0, received), out StunMessageReader response) && response.TransactionId == id)
            {
                Assert.Equal(authenticated ? StunMessageType.BindingSuccessResponse : StunMessageType.BindingErrorResponse, response.Type);
                return;
            }
        }
    }
}
