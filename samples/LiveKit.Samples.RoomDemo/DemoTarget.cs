using System;
using LiveKit.Api;
using LiveKit.Testing;

namespace LiveKit.Samples.RoomDemo;

/// <summary>
/// Where the demo runs: the server's URL, alice's and bob's tokens, and the API key when the demo has one (to set the
/// room's metadata through the server API).
/// </summary>
internal sealed record DemoTarget
{
    /// <summary>The name alice gives herself in the demo.</summary>
    private const string AliceIdentity = "alice";

    /// <summary>The name bob gives himself in the demo.</summary>
    private const string BobIdentity = "bob";

    /// <summary>The server's signal URL.</summary>
    public required string Url { get; init; }

    /// <summary>What the server is, for the demo's first lines.</summary>
    public required string ServerDescription { get; init; }

    /// <summary>The room, when known here (with tokens, the server tells it at connect).</summary>
    public string? Room { get; init; }

    /// <summary>The first participant's token and identity.</summary>
    public required TokenIdentity Alice { get; init; }

    /// <summary>The second participant's token and identity.</summary>
    public required TokenIdentity Bob { get; init; }

    /// <summary>The API key and secret for the server API; null with caller-given tokens.</summary>
    public (string Key, string Secret)? Api { get; init; }

    /// <summary>
    /// True with caller-given tokens, whose grants the demo does not know: a refused name, metadata or attribute change
    /// is then printed and the demo goes on. With tokens minted here (canUpdateOwnMetadata granted), a refusal fails the demo.
    /// </summary>
    public bool MayRefuseMetadata { get; init; }

    /// <summary>The in-process test server, with tokens it signs.</summary>
    public static DemoTarget ForTestServer(LiveKitTestServer server, string room)
    {
        var grants = new VideoGrants { CanUpdateOwnMetadata = true };
        return new DemoTarget
        {
            Url = server.Url.ToString(),
            ServerDescription = "in-process LiveKitTestServer",
            Room = room,
            Alice = new TokenIdentity(server.CreateToken(AliceIdentity, room, grants), AliceIdentity),
            Bob = new TokenIdentity(server.CreateToken(BobIdentity, room, grants), BobIdentity),
            Api = (server.ApiKey, server.ApiSecret),
        };
    }

    /// <summary>A LiveKit server, with tokens minted here from its API key and secret.</summary>
    public static DemoTarget ForApiKey(string url, string apiKey, string apiSecret, string room) => new()
    {
        Url = url,
        ServerDescription = "LiveKit server, tokens minted with the API key " + apiKey,
        Room = room,
        Alice = new TokenIdentity(MintToken(apiKey, apiSecret, AliceIdentity, room), AliceIdentity),
        Bob = new TokenIdentity(MintToken(apiKey, apiSecret, BobIdentity, room), BobIdentity),
        Api = (apiKey, apiSecret),
    };

    /// <summary>A LiveKit server, with the caller's tokens.</summary>
    public static DemoTarget ForTokens(string url, TokenIdentity alice, TokenIdentity bob) => new()
    {
        Url = url,
        ServerDescription = "LiveKit server, with the given tokens",
        Alice = alice,
        Bob = bob,
        MayRefuseMetadata = true,
    };

    /// <summary>A join token for <paramref name="room"/> that lets its holder change its own name, metadata and attributes.</summary>
    private static string MintToken(string apiKey, string apiSecret, string identity, string room)
    {
        var token = new AccessToken(apiKey, apiSecret)
        {
            Identity = identity,
            Ttl = TimeSpan.FromMinutes(10),
            Video = new VideoGrants { RoomJoin = true, Room = room, CanUpdateOwnMetadata = true },
        };
        return token.ToJwt();
    }
}
