using System;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Proto;
using Xunit;

namespace LiveKit.Testing.Tests;

/// <summary>
/// refresh_token (brief §2.2 #16): one follows the join at once (captures/real-server/README.md), then one every
/// refresh interval; each is a valid token of the server's key for the same identity and room.
/// </summary>
public sealed class TokenRefreshTests
{
    [Fact]
    public async Task Refreshed_tokens_arrive_every_interval_and_verify_with_the_same_identity_and_room()
    {
        var options = new LiveKitTestServerOptions { TokenRefreshInterval = TimeSpan.FromSeconds(1) };
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync(options);
        string original = server.CreateToken("alice", "refresh-room", new VideoGrants { CanPublish = false }, token => token.Name = "Alice");
        await using SignalTestClient alice = await SignalTestClient.ConnectAsync(server, original);
        var verifier = new TokenVerifier(server.ApiKey, server.ApiSecret);

        for (int i = 0; i < 3; i++)
        {
            SignalResponse refresh = await alice.WaitForAsync(SignalResponse.MessageOneofCase.RefreshToken);
            TokenVerificationResult result = verifier.Verify(refresh.RefreshToken, DateTimeOffset.UtcNow);

            Assert.True(result.IsValid, result.ToString());
            Assert.Equal("alice", result.Claims.Identity);
            Assert.Equal("Alice", result.Claims.Name);
            Assert.Equal(server.ApiKey, result.Claims.Issuer);
            Assert.NotNull(result.Claims.Video);
            Assert.True(result.Claims.Video.RoomJoin);
            Assert.Equal("refresh-room", result.Claims.Video.Room);
            Assert.False(result.Claims.Video.GetCanPublish(), "the grants are the original token's");
        }
    }
}
