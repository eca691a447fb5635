using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Interop.Tests.LiveKitServer;

/// <summary>
/// refresh_token (brief §2.2): the server hands each participant fresh tokens, which livekit-client keeps for its
/// reconnections. 2.23.0 has no RoomEvent for it; the page logs the engine's <c>engineTokenRefreshed</c> and reports
/// the token it holds (<see cref="ClientRoomState.Token"/>).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class LiveKitServerTokenTests
{
    private readonly ChromiumBrowser _browser;

    public LiveKitServerTokenTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task The_client_holds_the_newer_tokens_the_server_signs_for_the_same_identity_and_room()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync(new LiveKitTestServerOptions { TokenRefreshInterval = TimeSpan.FromSeconds(1) });
        await using LiveKitClientPage alice = await LiveKitClientPage.OpenAsync(_browser, "alice", timeout.Token);
        string original = server.CreateToken("alice", "room-token", configure: t => t.Name = "Alice");
        TokenPayload originalClaims = ServerTokens.Payload(original);
        ClientState connected = await alice.ConnectAsync(ServerScenario.ClientUrl(server), original, cancellationToken: timeout.Token);
        Assert.NotNull(connected.Room?.Token);

        // The first refresh follows the join at once; later ones come every second, the first of them dated later
        // than the token we made (iat is in whole seconds).
        ClientEvent refresh = await alice.WaitForEventAsync(
            "engineTokenRefreshed", e => ServerTokens.Payload(e.ArgString("token")!).IssuedAt > originalClaims.IssuedAt, cancellationToken: timeout.Token);
        string refreshed = refresh.ArgString("token")!;
        Assert.NotEqual(original, refreshed);
        Assert.True(ServerTokens.IsSignedWith(refreshed, server.ApiSecret), "the refreshed token is not signed with the server's secret");
        TokenPayload claims = ServerTokens.Payload(refreshed);
        Assert.Equal("alice", claims.Subject);
        Assert.Equal("room-token", claims.Room);
        Assert.Equal("Alice", claims.Name);
        Assert.True(claims.ExpiresAt > originalClaims.ExpiresAt, $"exp {claims.ExpiresAt} is not later than the original's {originalClaims.ExpiresAt}");

        // The client now holds a refreshed token (the latest, which may be newer still), not the one it connected with.
        string? held = (await alice.GetStateAsync(timeout.Token)).Room?.Token;
        Assert.NotNull(held);
        Assert.NotEqual(original, held);
        Assert.True(ServerTokens.IsSignedWith(held, server.ApiSecret));
        Assert.True(ServerTokens.Payload(held).IssuedAt >= claims.IssuedAt);
        Assert.Equal("connected", (await alice.GetStateAsync(timeout.Token)).Room?.ConnectionState);
    }
}
