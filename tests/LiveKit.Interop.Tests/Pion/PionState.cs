using System;
using System.Text.Json;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>One <c>state</c> event of a pion peer: the peer program sends one whenever any of these changes.</summary>
/// <param name="Ice">The ICE connection state (<c>new</c>, <c>checking</c>, <c>connected</c>, <c>disconnected</c>, <c>failed</c>, <c>closed</c>).</param>
/// <param name="Connection">The connection state derived from ICE and DTLS.</param>
/// <param name="Dtls">The DTLS transport state (<c>new</c>, <c>connecting</c>, <c>connected</c>, <c>closed</c>, <c>failed</c>).</param>
/// <param name="PionConnection">pion's own PeerConnectionState, which can lag (see peer/state.go).</param>
/// <param name="Reason">When <paramref name="Connection"/> is <see cref="PionConnectionState.Failed"/>: why, from pion's last warning or error.</param>
public sealed record PionState(string Ice, PionConnectionState Connection, string Dtls, string PionConnection, string? Reason)
{
    /// <summary>The state of a peer that has not reported one yet.</summary>
    public static PionState Initial { get; } = new("new", PionConnectionState.New, "new", "new", null);

    /// <summary>Reads a <c>state</c> event.</summary>
    public static PionState FromJson(JsonElement json) => new(
        json.GetProperty("ice").GetString() ?? "",
        ParseConnection(json.GetProperty("connection").GetString()),
        json.GetProperty("dtls").GetString() ?? "",
        json.TryGetProperty("pionConnection", out JsonElement pion) ? pion.GetString() ?? "" : "",
        json.TryGetProperty("reason", out JsonElement reason) ? reason.GetString() : null);

    /// <summary>Parses a W3C RTCPeerConnectionState name.</summary>
    public static PionConnectionState ParseConnection(string? name) => name switch
    {
        "new" => PionConnectionState.New,
        "connecting" => PionConnectionState.Connecting,
        "connected" => PionConnectionState.Connected,
        "disconnected" => PionConnectionState.Disconnected,
        "failed" => PionConnectionState.Failed,
        "closed" => PionConnectionState.Closed,
        _ => throw new FormatException($"unknown connection state '{name}' from the pion peer"),
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"connection {Connection}, ice {Ice}, dtls {Dtls}, pion {PionConnection}" + (Reason is null ? "" : $" ({Reason})");
}
