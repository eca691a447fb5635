using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Interop.Tests.LiveKitServer;
using LiveKit.Rtc;
using LiveKit.Rtc.Tests.Client;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Interop.Tests.RoomClient;

/// <summary>
/// A participant's own metadata, name and attributes (UpdateParticipantMetadata, with canUpdateOwnMetadata), changed by
/// livekit-client and seen by our room client with old and new values, and changed by our room client and seen by
/// livekit-client.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RoomClientMetadataTests
{
    private const string Room = "room-metadata";
    private static readonly VideoGrants MayUpdate = new() { CanUpdateOwnMetadata = true };

    private readonly ChromiumBrowser _browser;

    public RoomClientMetadataTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task The_browsers_own_changes_reach_the_sdk_with_old_and_new_values()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token, MayUpdate);
        RemoteParticipant browserAtSdk = (RemoteParticipant)(await sdk.Log.WaitForAsync("participant_connected", "browser")).Args[0]!;

        await browser.SetMetadataAsync("{\"seat\":3}", timeout.Token);
        RoomEventRecord metadata = await sdk.Log.WaitForAsync("participant_metadata_changed", "browser {\"seat\":3}");
        Assert.Same(browserAtSdk, metadata.Args[0]);
        Assert.Equal(("", "{\"seat\":3}"), ((string)metadata.Args[1]!, (string)metadata.Args[2]!));
        await browser.SetMetadataAsync("{\"seat\":4}", timeout.Token);
        RoomEventRecord metadataAgain = await sdk.Log.WaitForAsync("participant_metadata_changed", "browser {\"seat\":4}");
        Assert.Equal(("{\"seat\":3}", "{\"seat\":4}"), ((string)metadataAgain.Args[1]!, (string)metadataAgain.Args[2]!));

        await browser.SetNameAsync("Browser B.", timeout.Token);
        RoomEventRecord name = await sdk.Log.WaitForAsync("participant_name_changed", "browser Browser B.");
        Assert.Same(browserAtSdk, name.Args[0]);
        Assert.Equal(("", "Browser B."), ((string)name.Args[1]!, (string)name.Args[2]!));

        await browser.SetAttributesAsync(new Dictionary<string, string> { ["role"] = "speaker", ["hand"] = "raised" }, timeout.Token);
        RoomEventRecord attributes = await sdk.Log.WaitForAsync("participant_attributes_changed", "browser hand=raised,role=speaker");
        Assert.Same(browserAtSdk, attributes.Args[1]);
        // An empty value deletes the key: reported with an empty value, as the Python SDK does.
        await browser.SetAttributesAsync(new Dictionary<string, string> { ["hand"] = "" }, timeout.Token);
        await sdk.Log.WaitForAsync("participant_attributes_changed", "browser hand=");

        Assert.Equal("{\"seat\":4}", browserAtSdk.Metadata);
        Assert.Equal("Browser B.", browserAtSdk.Name);
        Assert.Equal(new Dictionary<string, string> { ["role"] = "speaker" }, browserAtSdk.Attributes);
        Assert.Same(browserAtSdk, sdk.Room.RemoteParticipants["browser"]);
    }

    [Fact]
    public async Task The_sdks_own_changes_reach_the_browser()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token, MayUpdate);
        await browser.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "dotnet", cancellationToken: timeout.Token);

        await sdk.Local.SetMetadataAsync("{\"bot\":true}", timeout.Token);
        ClientEvent metadata = await browser.WaitForEventAsync(
            "participantMetadataChanged", e => e.ParticipantIdentity == "dotnet" && e.ArgString("participant", "metadata") == "{\"bot\":true}",
            cancellationToken: timeout.Token);
        Assert.Equal("", metadata.ArgString("previousMetadata"));
        Assert.Equal("false", metadata.ArgString("participant", "isLocal"));

        await sdk.Local.SetNameAsync("Dot Net", timeout.Token);
        ClientEvent name = await browser.WaitForEventAsync(
            "participantNameChanged", e => e.ParticipantIdentity == "dotnet" && e.ArgString("name") == "Dot Net", cancellationToken: timeout.Token);
        Assert.Equal("Dot Net", name.ArgString("participant", "name"));

        await sdk.Local.SetAttributesAsync(new Dictionary<string, string> { ["kind"] = "agent", ["state"] = "listening" }, timeout.Token);
        ClientEvent attributes = await browser.WaitForEventAsync(
            "participantAttributesChanged", e => e.ParticipantIdentity == "dotnet", cancellationToken: timeout.Token);
        Assert.Equal("agent", attributes.ArgString("changedAttributes", "kind"));
        Assert.Equal("listening", attributes.ArgString("changedAttributes", "state"));

        ClientParticipantState sdkAtBrowser = Assert.Single((await browser.GetStateAsync(timeout.Token)).RemoteParticipants);
        Assert.Equal("dotnet", sdkAtBrowser.Identity);
        Assert.Equal("{\"bot\":true}", sdkAtBrowser.Metadata);
        Assert.Equal("Dot Net", sdkAtBrowser.Name);
        Assert.Equal(new Dictionary<string, string> { ["kind"] = "agent", ["state"] = "listening" }, sdkAtBrowser.Attributes);
        // The SDK's own view agrees with what it set (its calls complete once the server has confirmed).
        Assert.Equal("{\"bot\":true}", sdk.Local.Metadata);
        Assert.Equal("Dot Net", sdk.Local.Name);
    }
}
