using System;
using System.Net;
using System.Text;
using LiveKit.WebRtc.Stun;

namespace LiveKit.WebRtc.Ice;

/// <summary>Builds the STUN messages of ICE connectivity checks (RFC 8445 §7.2.2, §7.3.1).</summary>
internal static class IceCheckMessages
{
    /// <summary>Large enough for any message built here.</summary>
    public const int MaxLength = 512;

    private static ReadOnlySpan<byte> RoleConflictReason => "Role Conflict"u8;

    /// <summary>
    /// A Binding request with USERNAME "remote:local" (§7.2.2), PRIORITY of a prflx candidate on the same base
    /// (§7.1.1), ICE-CONTROLLING or ICE-CONTROLLED (§7.1.3), USE-CANDIDATE when nominating (§8.1.1),
    /// MESSAGE-INTEGRITY keyed with the remote password (§7.2.2) and FINGERPRINT (§7.1).
    /// </summary>
    public static byte[] WriteBindingRequest(
        StunTransactionId transactionId,
        string remoteUfrag,
        string localUfrag,
        string remotePassword,
        uint priority,
        IceRole role,
        ulong tieBreaker,
        bool useCandidate)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        if (!StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, transactionId, out StunMessageWriter writer))
        {
            throw new InvalidOperationException("The STUN buffer is too small.");
        }

        bool ok = writer.TryAppendUsername(Encoding.UTF8.GetBytes(remoteUfrag + ":" + localUfrag))
            && writer.TryAppendPriority(priority)
            && (role == IceRole.Controlling ? writer.TryAppendIceControlling(tieBreaker) : writer.TryAppendIceControlled(tieBreaker))
            && (!useCandidate || writer.TryAppendUseCandidate())
            && writer.TryAppendMessageIntegrity(Encoding.UTF8.GetBytes(remotePassword))
            && writer.TryAppendFingerprint();
        return ok ? writer.WrittenSpan.ToArray() : throw new InvalidOperationException("The ICE check does not fit.");
    }

    /// <summary>A success response with XOR-MAPPED-ADDRESS of the request's source (§7.3.1.2), keyed with the local password.</summary>
    public static int WriteSuccessResponse(Span<byte> buffer, StunTransactionId transactionId, IPEndPoint source, string localPassword)
    {
        if (!StunMessageWriter.TryCreate(buffer, StunMessageType.BindingSuccessResponse, transactionId, out StunMessageWriter writer)
            || !writer.TryAppendXorMappedAddress(StunTransportAddress.FromIPEndPoint(source))
            || !writer.TryAppendMessageIntegrity(Encoding.UTF8.GetBytes(localPassword))
            || !writer.TryAppendFingerprint())
        {
            return 0;
        }

        return writer.Length;
    }

    /// <summary>A 487 (Role Conflict) error response (§7.3.1.1), keyed with the local password.</summary>
    public static int WriteRoleConflict(Span<byte> buffer, StunTransactionId transactionId, string localPassword)
    {
        if (!StunMessageWriter.TryCreate(buffer, StunMessageType.BindingErrorResponse, transactionId, out StunMessageWriter writer)
            || !writer.TryAppendErrorCode(new StunErrorCode(StunErrorCode.RoleConflict, RoleConflictReason))
            || !writer.TryAppendMessageIntegrity(Encoding.UTF8.GetBytes(localPassword))
            || !writer.TryAppendFingerprint())
        {
            return 0;
        }

        return writer.Length;
    }
}
