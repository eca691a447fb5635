namespace LiveKit.WebRtc.Ice;

/// <summary>The state of a candidate pair in a checklist (RFC 8445 §6.1.2.6).</summary>
internal enum IceCandidatePairState
{
    /// <summary>Waits for a pair of the same foundation to succeed.</summary>
    Frozen,

    /// <summary>May be checked at the next pacing slot.</summary>
    Waiting,

    /// <summary>A check is outstanding.</summary>
    InProgress,

    /// <summary>A check succeeded; the pair is valid.</summary>
    Succeeded,

    /// <summary>The check timed out or got an unrecoverable error.</summary>
    Failed,
}
