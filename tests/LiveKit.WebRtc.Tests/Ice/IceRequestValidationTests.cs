using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Stun;
using Xunit;

namespace LiveKit.WebRtc.Tests.Ice;

/// <summary>
/// Answers to Binding requests the agent rejects (RFC 8445 §7.3 with RFC 8489 §6.3 and §9.1.3): 400 when USERNAME or
/// MESSAGE-INTEGRITY is missing, 401 when either is wrong (both without MESSAGE-INTEGRITY), 420 with
/// UNKNOWN-ATTRIBUTES for comprehension-required attributes it does not know (keyed, as the request authenticated).
/// </summary>
public class IceRequestValidationTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private const string PeerUfrag = "peer";

    private readonly IceAgent _agent = new(new IceAgentOptions { Role = IceRole.Controlled, Random = new Random(21) });
    private readonly Socket _peer = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private IPEndPoint _target = null!;

    public Task InitializeAsync()
    {
        _target = new IPEndPoint(IPAddress.Loopback, _agent.GatherHostCandidates()[0].Port);
        _peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _peer.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task A_request_without_USERNAME_gets_400()
    {
        byte[] request = Request(username: null, password: LocalPassword);

        byte[] response = await Exchange(request);

        AssertError(response, request, StunErrorCode.BadRequest, keyed: false);
        Assert.Equal(1, _agent.DroppedDatagramCount);
    }

    [Fact]
    public async Task A_request_without_MESSAGE_INTEGRITY_gets_400()
    {
        byte[] request = Request(username: LocalUfrag + ":" + PeerUfrag, password: null);

        AssertError(await Exchange(request), request, StunErrorCode.BadRequest, keyed: false);
    }

    [Fact]
    public async Task A_request_for_another_ufrag_gets_401()
    {
        byte[] request = Request(username: "someone:" + PeerUfrag, password: LocalPassword);

        AssertError(await Exchange(request), request, StunErrorCode.Unauthenticated, keyed: false);
        Assert.Equal(1, _agent.DroppedDatagramCount);
    }

    [Fact]
    public async Task A_request_whose_integrity_fails_gets_401()
    {
        byte[] request = Request(username: LocalUfrag + ":" + PeerUfrag, password: "not-the-password-at-all");

        AssertError(await Exchange(request), request, StunErrorCode.Unauthenticated, keyed: false);
    }

    [Fact]
    public async Task An_unknown_comprehension_required_attribute_gets_420_listing_it()
    {
        byte[] request = Request(LocalUfrag + ":" + PeerUfrag, LocalPassword, extraTypes: [0x7FFF, 0x0030]);

        byte[] response = await Exchange(request);

        StunMessageReader reader = AssertError(response, request, StunErrorCode.UnknownAttribute, keyed: true);
        Assert.True(reader.TryGetUnknownAttributes(out StunUnknownAttributes unknown));
        Assert.Equal(2, unknown.Count);
        Assert.Equal((0x7FFF, 0x0030), (unknown[0], unknown[1]));
        Assert.Equal(1, _agent.DroppedDatagramCount);
    }

    [Fact]
    public async Task An_unknown_comprehension_optional_attribute_is_ignored_and_the_check_answered()
    {
        byte[] request = Request(LocalUfrag + ":" + PeerUfrag, LocalPassword, extraTypes: [0xC057]);

        byte[] response = await Exchange(request);

        Assert.True(StunMessageReader.TryParse(response, out StunMessageReader reader));
        Assert.Equal(StunMessageType.BindingSuccessResponse, reader.Type);
        Assert.True(reader.VerifyMessageIntegrity(Encoding.UTF8.GetBytes(LocalPassword)));
        Assert.Equal(0, _agent.DroppedDatagramCount);
    }

    private string LocalUfrag => _agent.LocalCredentials.UsernameFragment;

    private string LocalPassword => _agent.LocalCredentials.Password;

    private static StunMessageReader AssertError(byte[] response, byte[] request, int code, bool keyed)
    {
        Assert.True(StunMessageReader.TryParse(response, out StunMessageReader reader));
        Assert.Equal(StunMessageType.BindingErrorResponse, reader.Type);
        Assert.Equal(StunTransactionId.Read(request.AsSpan(StunMessageHeader.TransactionIdOffset)), reader.TransactionId);
        Assert.True(reader.TryGetErrorCode(out StunErrorCode error));
        Assert.Equal(code, error.Code);
        Assert.Equal(keyed, reader.HasMessageIntegrity);
        Assert.True(reader.VerifyFingerprint());
        return reader;
    }

    // A Binding request as a peer would send it, with parts left out or extra attributes put in before the integrity.
    private static byte[] Request(string? username, string? password, ushort[]? extraTypes = null)
    {
        Span<byte> buffer = stackalloc byte[256];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, StunTransactionId.NewRandom(), out StunMessageWriter writer));
        if (username is not null)
        {
            Assert.True(writer.TryAppendUsername(Encoding.UTF8.GetBytes(username)));
        }

        Assert.True(writer.TryAppendPriority(1845501695));
        Assert.True(writer.TryAppendIceControlling(42));
        foreach (ushort type in extraTypes ?? [])
        {
            Assert.True(writer.TryAppend((StunAttributeType)type, [1, 2, 3, 4]));
        }

        if (password is not null)
        {
            Assert.True(writer.TryAppendMessageIntegrity(Encoding.UTF8.GetBytes(password)));
        }

        Assert.True(writer.TryAppendFingerprint());
        return writer.WrittenSpan.ToArray();
    }

    private async Task<byte[]> Exchange(byte[] request)
    {
        await _peer.SendToAsync(request, _target);
        byte[] buffer = new byte[1500];
        int received = await _peer.ReceiveAsync(buffer).WaitAsync(Wait);
        return buffer.AsSpan(0, received).ToArray();
    }
}
