using System.Collections.Generic;

namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>A participant as livekit-client sees it; in event arguments without <see cref="Tracks"/>, speaking and quality.</summary>
public sealed record ClientParticipantState
{
    /// <summary>The server's participant sid (<c>PA_...</c>).</summary>
    public string Sid { get; init; } = "";

    /// <summary>The identity from the token.</summary>
    public string Identity { get; init; } = "";

    /// <summary>The display name, empty when none.</summary>
    public string Name { get; init; } = "";

    /// <summary>The metadata, empty when none.</summary>
    public string Metadata { get; init; } = "";

    /// <summary>The attributes.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>True for the page's own participant.</summary>
    public bool IsLocal { get; init; }

    /// <summary>The participant kind's protobuf name: <c>STANDARD</c>, <c>AGENT</c>, <c>SIP</c>...</summary>
    public string Kind { get; init; } = "";

    /// <summary>Whether the client counts it as speaking (from the server's speaker updates); null in event arguments.</summary>
    public bool? IsSpeaking { get; init; }

    /// <summary><c>excellent</c>, <c>good</c>, <c>poor</c>, <c>lost</c> or <c>unknown</c>; null in event arguments.</summary>
    public string? ConnectionQuality { get; init; }

    /// <summary>The participant's track publications; empty in event arguments.</summary>
    public IReadOnlyList<ClientTrackPublication> Tracks { get; init; } = [];
}
