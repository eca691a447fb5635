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

    /// <summary>The most types a 420 response lists in UNKNOWN-ATTRIBUTES; the rest are left out to fit <see cref="MaxLength"/>.</summary>
    public const int MaxUnknownAttributes = 16;

    private static ReadOnlySpan<byte> RoleConflictReason => "Role Conflict"u8;

    private static ReadOnlySpan<byte> BadRequestReason => "Bad Request"u8;

    private static ReadOnlySpan<byte> UnauthenticatedReason => "Unauthenticated"u8;

    private static ReadOnlySpan<byte> UnknownAttributeReason => "Unknown Attribute"u8;

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

    /// <summary>
    /// A 400 (Bad Request) error response: the request lacks USERNAME or MESSAGE-INTEGRITY (RFC 8489 §9.1.3). Without
    /// MESSAGE-INTEGRITY, since nothing was authenticated; with FINGERPRINT, which ICE puts on every message (§7.1).
    /// </summary>
    public static int WriteBadRequest(Span<byte> buffer, StunTransactionId transactionId) =>
        WriteUnprotectedError(buffer, transactionId, new StunErrorCode(StunErrorCode.BadRequest, BadRequestReason));

    /// <summary>
    /// A 401 (Unauthenticated) error response: the USERNAME is not ours or MESSAGE-INTEGRITY does not verify
    /// (RFC 8489 §9.1.3). Without MESSAGE-INTEGRITY: the request proved no knowledge of the password.
    /// </summary>
    public static int WriteUnauthenticated(Span<byte> buffer, StunTransactionId transactionId) =>
        WriteUnprotectedError(buffer, transactionId, new StunErrorCode(StunErrorCode.Unauthenticated, UnauthenticatedReason));

    /// <summary>
    /// A 420 (Unknown Attribute) error response listing the comprehension-required attributes not understood
    /// (RFC 8489 §6.3.1.1), at most <see cref="MaxUnknownAttributes"/>. The request passed authentication, so the
    /// response is keyed with the local password (RFC 8489 §9.1.3).
    /// </summary>
    public static int WriteUnknownAttributes(Span<byte> buffer, StunTransactionId transactionId, ReadOnlySpan<ushort> unknownTypes, string localPassword)
    {
        if (unknownTypes.Length > MaxUnknownAttributes)
        {
            unknownTypes = unknownTypes[..MaxUnknownAttributes];
        }

        if (!StunMessageWriter.TryCreate(buffer, StunMessageType.BindingErrorResponse, transactionId, out StunMessageWriter writer)
            || !writer.TryAppendErrorCode(new StunErrorCode(StunErrorCode.UnknownAttribute, UnknownAttributeReason))
            || !writer.TryAppendUnknownAttributes(unknownTypes)
            || !writer.TryAppendMessageIntegrity(Encoding.UTF8.GetBytes(localPassword))
            || !writer.TryAppendFingerprint())
        {
            return 0;
        }

        return writer.Length;
    }

    private static int WriteUnprotectedError(Span<byte> buffer, StunTransactionId transactionId, StunErrorCode error)
    {
        if (!StunMessageWriter.TryCreate(buffer, StunMessageType.BindingErrorResponse, transactionId, out StunMessageWriter writer)
            || !writer.TryAppendErrorCode(error)
            || !writer.TryAppendFingerprint())
        {
            return 0;
        }

        return writer.Length;
    }
}
