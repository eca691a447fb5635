using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace LiveKit.Rtc;

/// <summary>
/// A participant of a room: this client (<see cref="LocalParticipant"/>) or another one (<see cref="RemoteParticipant"/>).
/// </summary>
/// <remarks>
/// The room updates a participant on its room loop, right before it emits the event that reports the change, so a
/// handler sees the participant as of its event. Collections are immutable snapshots, replaced on each change: a
/// reference read once stays consistent, on any thread.
/// </remarks>
public abstract class Participant
{
    private ImmutableDictionary<string, string> _attributes = ImmutableDictionary<string, string>.Empty;

    private protected Participant(string sid, string identity)
    {
        ArgumentNullException.ThrowIfNull(sid);
        ArgumentException.ThrowIfNullOrEmpty(identity);
        Sid = sid;
        Identity = identity;
    }

    /// <summary>The participant's server-assigned id (<c>PA_...</c>). It changes when a full reconnect starts a new session.</summary>
    public string Sid { get; internal set; }

    /// <summary>The participant's identity, as its access token states it; unique in the room.</summary>
    public string Identity { get; }

    /// <summary>The participant's display name; empty when none was set.</summary>
    public string Name { get; internal set; } = string.Empty;

    /// <summary>The participant's metadata, an application-defined string; empty when none was set.</summary>
    public string Metadata { get; internal set; } = string.Empty;

    /// <summary>The participant's attributes, application-defined key/value pairs.</summary>
    public IReadOnlyDictionary<string, string> Attributes => _attributes;

    /// <summary>What kind of client the participant is (a regular client, an agent, a SIP caller...).</summary>
    public ParticipantKind Kind { get; internal set; }

    /// <summary>The participant's published tracks, by track sid.</summary>
    public IReadOnlyDictionary<string, TrackPublication> TrackPublications => TrackPublicationsCore;

    /// <summary>True while the server reports the participant as an active speaker.</summary>
    public bool IsSpeaking { get; internal set; }

    /// <summary>The participant's audio level as the server last reported it, from 0 (silent) to 1 (loudest).</summary>
    public float AudioLevel { get; internal set; }

    /// <summary>The quality of the participant's connection, as the server last reported it.</summary>
    public ConnectionQuality ConnectionQuality { get; internal set; } = ConnectionQuality.Good;

    /// <summary>What the participant may do in the room; null until the server has sent it.</summary>
    public ParticipantPermission? Permissions { get; internal set; }

    /// <summary>True when the participant publishes tracks and all of them are end-to-end encrypted.</summary>
    public bool IsEncrypted { get; internal set; }

    /// <summary>The version of the server's ParticipantInfo last applied; older updates are ignored (brief §2.3).</summary>
    internal uint Version { get; set; }

    /// <summary>The publications, as the base-typed view of the derived class's typed map.</summary>
    private protected abstract IReadOnlyDictionary<string, TrackPublication> TrackPublicationsCore { get; }

    /// <summary>Replaces the attributes with <paramref name="attributes"/>; an immutable map, so no caller can change it later.</summary>
    internal void SetAttributes(ImmutableDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        _attributes = attributes;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}({Identity}, {Sid})";
}
