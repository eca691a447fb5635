using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Testing.Faults;
using LiveKit.Testing.Hosting;
using LiveKit.Testing.Rooms;

namespace LiveKit.Testing;

/// <summary>
/// An in-process, single-node LiveKit-compatible server: signal protocol 17 on <c>/rtc</c> (dual PeerConnection),
/// a forwarding SFU for RTP and data packets, and the Twirp RoomService, all on one address (127.0.0.1 by default).
/// For tests, demos and CI; production uses the real LiveKit server or LiveKit Cloud.
/// <code>
/// await using var server = await LiveKitTestServer.StartAsync();
/// string token = server.CreateToken("alice", "my-room");
/// // connect any LiveKit client to server.Url with the token
/// </code>
/// </summary>
public sealed class LiveKitTestServer : IAsyncDisposable
{
    private readonly ServerContext _context;
    private readonly RoomRegistry _rooms;
    private readonly ServerHost _host;
    private readonly ITimer _sweep;
    private int _disposed;

    private LiveKitTestServer(ServerContext context, RoomRegistry rooms, ServerHost host)
    {
        _context = context;
        _rooms = rooms;
        _host = host;
        HttpUrl = host.HttpUrl;
        Url = new Uri("ws" + host.HttpUrl.ToString()["http".Length..]);
        Faults = new ServerFaults(rooms);
        _sweep = context.Time.CreateTimer(_ => _ = rooms.SweepAsync(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    /// <summary>The signal URL clients connect to: <c>ws://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The same address over HTTP, for the server API (<c>http://127.0.0.1:&lt;port&gt;/</c>).</summary>
    public Uri HttpUrl { get; }

    /// <summary>The API key tokens must be issued by.</summary>
    public string ApiKey => _context.Options.ApiKey;

    /// <summary>The secret tokens must be signed with.</summary>
    public string ApiSecret => _context.Options.ApiSecret;

    /// <summary>The settings the server runs with.</summary>
    public LiveKitTestServerOptions Options => _context.Options;

    /// <summary>Fault injection for tests: drop a signal connection, stop forwarding, send a leave.</summary>
    public ServerFaults Faults { get; }

    /// <summary>Starts a server; with the default options on 127.0.0.1 and an ephemeral port.</summary>
    public static async Task<LiveKitTestServer> StartAsync(LiveKitTestServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LiveKitTestServerOptions();
        options.Validate();
        var context = new ServerContext(options);
        var rooms = new RoomRegistry(context);
        ServerHost host = await ServerHost.StartAsync(context, rooms, cancellationToken).ConfigureAwait(false);
        return new LiveKitTestServer(context, rooms, host);
    }

    /// <summary>
    /// A join token for <paramref name="identity"/> in <paramref name="room"/>: roomJoin and the room, plus
    /// <paramref name="grants"/> when given (its room and roomJoin are set for you). <paramref name="configure"/> can
    /// set the name, metadata, attributes, kind or lifetime.
    /// </summary>
    public string CreateToken(string identity, string room, VideoGrants? grants = null, Action<AccessToken>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity);
        ArgumentException.ThrowIfNullOrEmpty(room);
        var token = new AccessToken(ApiKey, ApiSecret)
        {
            Identity = identity,
            Ttl = _context.Options.TokenLifetime,
            Video = (grants ?? new VideoGrants()) with { RoomJoin = true, Room = room },
        };
        configure?.Invoke(token);
        return token.ToJwt();
    }

    /// <summary>
    /// A token for calling the server API by hand (LiveKit.Api's RoomServiceClient mints its own): roomCreate and
    /// roomList, and roomAdmin for <paramref name="room"/> (the methods about a room need the grant to name it, as the
    /// real server checks), with <paramref name="destinationRoom"/> for MoveParticipant.
    /// </summary>
    public string CreateAdminToken(string? room = null, string? destinationRoom = null)
    {
        var token = new AccessToken(ApiKey, ApiSecret)
        {
            Identity = "test-server-admin",
            Ttl = TimeSpan.FromHours(1),
            Video = new VideoGrants { RoomCreate = true, RoomList = true, RoomAdmin = true, Room = room, DestinationRoom = destinationRoom },
        };
        return token.ToJwt();
    }

    /// <summary>Closes every room (participants get a leave with SERVER_SHUTDOWN) and stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _sweep.DisposeAsync().ConfigureAwait(false);
        await _rooms.DisposeAsync().ConfigureAwait(false);
        await _host.DisposeAsync().ConfigureAwait(false);
    }
}
