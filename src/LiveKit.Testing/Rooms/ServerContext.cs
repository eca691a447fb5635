using System;
using LiveKit.WebRtc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveKit.Testing.Rooms;

/// <summary>What every room and participant of one server shares: its settings, clock, logging and token issuer.</summary>
internal sealed class ServerContext
{
    public ServerContext(LiveKitTestServerOptions options)
    {
        Options = options;
        Loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Tokens = new TokenIssuer(options.ApiKey, options.ApiSecret, options.TokenLifetime);
        NodeId = SidGenerator.New("ND_");
    }

    public LiveKitTestServerOptions Options { get; }

    public ILoggerFactory Loggers { get; }

    public TokenIssuer Tokens { get; }

    public TimeProvider Time { get; } = TimeProvider.System;

    /// <summary>This server's node id (ServerInfo.node_id).</summary>
    public string NodeId { get; }

    /// <summary>The version we report: the real server version whose wire behaviour we follow (the captures').</summary>
    public const string ServerVersion = "1.11.0";

    /// <summary>The signal protocol we speak (brief §1.1).</summary>
    public const int Protocol = 17;

    public long NowMilliseconds => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Options for each server-side PeerConnection: host candidates on the server's address only.</summary>
    public PeerConnectionOptions PeerConnectionOptions() => new()
    {
        HostAddresses = new[] { Options.Address },
        IncludeLoopback = true,
        // The real server answers publisher offers with a=setup:active (captures/real-server/README.md).
        AnswerSetupRole = LiveKit.WebRtc.Sdp.SdpSetupRole.Active,

        // Publishers' simulcast layers are all accepted; subscribers get one (Media/SimulcastSelector.cs).
        ReceiveSimulcast = true,
    };
}
