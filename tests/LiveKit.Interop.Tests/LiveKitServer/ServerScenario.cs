using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Testing;

namespace LiveKit.Interop.Tests.LiveKitServer;

/// <summary>
/// What the livekit-client scenario tests share: the address livekit-client takes, the server API client, and a
/// participant's page opened and joined.
/// </summary>
internal static class ServerScenario
{
    /// <summary>A guard for a whole test; each wait inside is bounded by the browser's operation timeout as well.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The server's address as livekit-client takes it: <c>ws://127.0.0.1:port</c>, no trailing slash.</summary>
    public static string ClientUrl(LiveKitTestServer server) => server.Url.ToString().TrimEnd('/');

    /// <summary>The Twirp RoomService client of LiveKit.Api, for this server.</summary>
    public static RoomServiceClient Api(LiveKitTestServer server) => new(server.HttpUrl.ToString(), server.ApiKey, server.ApiSecret);

    /// <summary>Opens a page for <paramref name="identity"/> and joins <paramref name="room"/> with a token the server issues.</summary>
    public static async Task<LiveKitClientPage> JoinAsync(
        ChromiumBrowser browser, LiveKitTestServer server, string identity, string room, CancellationToken cancellationToken, VideoGrants? grants = null)
    {
        LiveKitClientPage page = await LiveKitClientPage.OpenAsync(browser, identity, cancellationToken);
        try
        {
            ClientState state = await page.ConnectAsync(ClientUrl(server), server.CreateToken(identity, room, grants), cancellationToken: cancellationToken);
            if (state.Room?.ConnectionState != "connected")
            {
                throw new InvalidOperationException($"{identity} did not connect: {state.Room?.ConnectionState}");
            }

            return page;
        }
        catch
        {
            await page.DisposeAsync();
            throw;
        }
    }
}
