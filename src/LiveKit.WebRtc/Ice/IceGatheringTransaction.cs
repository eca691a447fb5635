using System;
using System.Net;
using LiveKit.WebRtc.Stun;

namespace LiveKit.WebRtc.Ice;

/// <summary>
/// A Binding request from one host candidate to one STUN server, whose answer is a server-reflexive candidate
/// (RFC 8445 §5.1.1.2). Created pending; the agent sends it at a pacing slot and retransmits it over UDP
/// (RFC 8489 §6.2.1).
/// </summary>
internal sealed class IceGatheringTransaction
{
    /// <summary>Creates a pending request; the message is built now and resent unchanged.</summary>
    public IceGatheringTransaction(IceHostSocket socket, IPEndPoint server)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(server);
        Socket = socket;
        Server = server;
        Id = StunTransactionId.NewRandom();
        Message = WriteBindingRequest(Id);
    }

    /// <summary>The STUN transaction ID, which alone authenticates the response (no credentials with a STUN server).</summary>
    public StunTransactionId Id { get; }

    /// <summary>The socket of the host candidate, the base of the server-reflexive candidate.</summary>
    public IceHostSocket Socket { get; }

    /// <summary>The STUN server.</summary>
    public IPEndPoint Server { get; }

    /// <summary>The request bytes.</summary>
    public byte[] Message { get; }

    /// <summary>How many times the request has been sent; 0 while pending.</summary>
    public int RequestsSent { get; private set; }

    /// <summary>Timestamp of the latest transmission.</summary>
    public long LastSentAt { get; private set; }

    /// <summary>Sends the request (again) and records when.</summary>
    public void Send(long now)
    {
        RequestsSent++;
        LastSentAt = now;
        Socket.TrySend(Message, Server);
    }

    // A plain Binding request (RFC 8489 §3): no credentials, FINGERPRINT because the port also carries DTLS and RTP
    // (RFC 8489 §7, RFC 7983).
    private static byte[] WriteBindingRequest(StunTransactionId id)
    {
        Span<byte> buffer = stackalloc byte[StunMessageHeader.Length + StunFingerprint.AttributeLength];
        if (!StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, id, out StunMessageWriter writer)
            || !writer.TryAppendFingerprint())
        {
            throw new InvalidOperationException("The STUN buffer is too small.");
        }

        return writer.WrittenSpan.ToArray();
    }
}
