using System;
using LiveKit.WebRtc.Stun;

namespace LiveKit.WebRtc.Ice;

/// <summary>An outstanding Binding request of an <see cref="IceAgent"/>: a connectivity check or a consent check.</summary>
internal sealed class IceCheckTransaction
{
    /// <summary>Records a request just sent, to be retransmitted on <paramref name="retransmission"/>'s schedule.</summary>
    public IceCheckTransaction(StunTransactionId id, IceCandidatePair pair, byte[] message, string remotePassword, IceRole role,
        bool useCandidate, bool isConsent, long sentAt, StunRetransmission retransmission)
    {
        ArgumentNullException.ThrowIfNull(retransmission);
        Id = id;
        Pair = pair;
        Message = message;
        RemotePassword = remotePassword;
        Role = role;
        UseCandidate = useCandidate;
        IsConsent = isConsent;
        LastSentAt = sentAt;
        Retransmission = retransmission;
    }

    /// <summary>The STUN transaction ID.</summary>
    public StunTransactionId Id { get; }

    /// <summary>The pair checked.</summary>
    public IceCandidatePair Pair { get; }

    /// <summary>The request bytes, resent unchanged on retransmission (RFC 8489 §6.2.1).</summary>
    public byte[] Message { get; }

    /// <summary>The password the request was keyed with; responses are verified with it, even across a restart.</summary>
    public string RemotePassword { get; }

    /// <summary>The role the request claimed; a 487 answer means switching away from it (RFC 8445 §7.2.5.1).</summary>
    public IceRole Role { get; }

    /// <summary>The request carried USE-CANDIDATE.</summary>
    public bool UseCandidate { get; }

    /// <summary>A consent freshness check (RFC 7675) rather than a connectivity check.</summary>
    public bool IsConsent { get; }

    /// <summary>Timestamp of the last transmission.</summary>
    public long LastSentAt { get; set; }

    /// <summary>Retransmissions so far.</summary>
    public int Retransmits { get; set; }

    /// <summary>The RTO, Rc and Rm of this check; the RTO depends on how busy the checklist was when it was sent (RFC 8445 §14.3).</summary>
    public StunRetransmission Retransmission { get; }

    /// <summary>How long to wait after the latest transmission before retransmitting or failing (RFC 8489 §6.2.1).</summary>
    public TimeSpan CurrentWait => Retransmission.WaitAfter(Retransmits + 1);
}
