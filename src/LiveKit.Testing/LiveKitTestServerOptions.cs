using System;
using System.Net;
using Microsoft.Extensions.Logging;

namespace LiveKit.Testing;

/// <summary>
/// Settings of a <see cref="LiveKitTestServer"/>. The defaults are <c>livekit-server --dev</c>'s: API key
/// <c>devkey</c>, secret <c>secret</c>, rooms created on join, ping every 5 s with a 15 s timeout.
/// </summary>
public sealed record LiveKitTestServerOptions
{
    /// <summary>The TCP port of the HTTP/WebSocket listener; 0 (the default) takes an ephemeral port.</summary>
    public int Port { get; init; }

    /// <summary>The address listened on and handed out in ICE candidates. Loopback only by default.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The API key tokens are issued by (the JWT <c>iss</c>).</summary>
    public string ApiKey { get; init; } = "devkey";

    /// <summary>The secret that signs tokens (HS256).</summary>
    public string ApiSecret { get; init; } = "secret";

    /// <summary>Whether a join creates its room when it does not exist (the real server's <c>room.auto_create</c>).</summary>
    public bool AutoCreateRooms { get; init; } = true;

    /// <summary>How often clients ping (JoinResponse.ping_interval, whole seconds).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a signal connection may stay silent before the server drops it (JoinResponse.ping_timeout).</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each participant gets a fresh token in <c>refresh_token</c>; the first follows the join at once.</summary>
    public TimeSpan TokenRefreshInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The lifetime of refreshed tokens (and of <see cref="LiveKitTestServer.CreateToken"/>'s by default).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(6);

    /// <summary>How often active speakers are evaluated and <c>speakers_changed</c> deltas sent.</summary>
    public TimeSpan SpeakerObservationInterval { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>How often <c>connection_quality</c> updates are sent.</summary>
    public TimeSpan ConnectionQualityInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest signal message accepted; a bigger one closes the connection with 1009 (message too big).</summary>
    public int MaxSignalMessageSize { get; init; } = 1024 * 1024;

    /// <summary>How long an empty room created by a join lives on (the real server's departure timeout).</summary>
    public TimeSpan DepartureTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Whether the server API may unmute a participant's track (the real server's <c>room.enable_remote_unmute</c>,
    /// off by default: MutePublishedTrack with muted=false then fails with failed_precondition).
    /// </summary>
    public bool EnableRemoteUnmute { get; init; }

    /// <summary>Logging; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be 0 (ephemeral) or a TCP port number.");
        }

        if (string.IsNullOrEmpty(ApiKey) || string.IsNullOrEmpty(ApiSecret))
        {
            throw new ArgumentException("ApiKey and ApiSecret must not be empty.");
        }

        if (PingInterval < TimeSpan.FromSeconds(1) || PingTimeout <= PingInterval)
        {
            throw new ArgumentException("PingInterval must be at least 1 s and PingTimeout longer than PingInterval.");
        }

        if (TokenRefreshInterval <= TimeSpan.Zero || SpeakerObservationInterval <= TimeSpan.Zero || ConnectionQualityInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("Intervals must be positive.");
        }

        if (MaxSignalMessageSize < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSignalMessageSize), MaxSignalMessageSize, "MaxSignalMessageSize must be at least 1024 bytes.");
        }
    }
}
