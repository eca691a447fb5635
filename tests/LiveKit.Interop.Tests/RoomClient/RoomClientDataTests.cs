using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Interop.Tests.LiveKitServer;
using LiveKit.Rtc;
using LiveKit.Rtc.Tests.Client;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Interop.Tests.RoomClient;

/// <summary>
/// User data packets between our room client and livekit-client, both ways, through the test server: reliable and
/// lossy, with topics and destination identities, judged by the SDK's <c>data_received</c> and the page's
/// <c>dataReceived</c> (sender, topic, kind, payload).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RoomClientDataTests
{
    private const string Room = "room-data";

    private readonly ChromiumBrowser _browser;

    public RoomClientDataTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task Reliable_and_lossy_packets_from_the_browser_reach_the_sdk_with_sender_topic_and_kind()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);
        // The browser found the SDK in the room; the SDK knows the browser once the server has announced it.
        await sdk.Log.WaitForAsync("participant_connected", "browser");

        await browser.PublishDataAsync("hello reliably", new ClientDataOptions { Reliable = true, Topic = "chat" }, timeout.Token);
        await browser.PublishDataAsync("hello lossily", new ClientDataOptions { Reliable = false, Topic = "telemetry" }, timeout.Token);
        await browser.PublishDataAsync("no topic", new ClientDataOptions { Reliable = true }, timeout.Token);

        RemoteParticipant browserAtSdk = sdk.Room.RemoteParticipants["browser"];
        DataPacket reliable = await ReceivedAsync(sdk, "hello reliably");
        Assert.Equal(DataPacketKind.Reliable, reliable.Kind);
        Assert.Equal("chat", reliable.Topic);
        Assert.Same(browserAtSdk, reliable.Participant);
        Assert.Equal(Encoding.UTF8.GetBytes("hello reliably"), reliable.Data.ToArray());

        DataPacket lossy = await ReceivedAsync(sdk, "hello lossily");
        Assert.Equal(DataPacketKind.Lossy, lossy.Kind);
        Assert.Equal("telemetry", lossy.Topic);
        Assert.Same(browserAtSdk, lossy.Participant);

        DataPacket plain = await ReceivedAsync(sdk, "no topic");
        Assert.Equal(DataPacketKind.Reliable, plain.Kind);
        Assert.Null(plain.Topic);
        Assert.Same(browserAtSdk, plain.Participant);
    }

    [Fact]
    public async Task Packets_from_the_sdk_reach_the_browser_and_one_addressed_to_it_reaches_no_one_else()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SdkParticipant sdk = await SdkParticipant.JoinAsync(server, "dotnet", Room, timeout.Token);
        await using SdkParticipant carol = await SdkParticipant.JoinAsync(server, "carol", Room, timeout.Token);
        await using LiveKitClientPage browser = await ServerScenario.JoinAsync(_browser, server, "browser", Room, timeout.Token);
        await sdk.Log.WaitForAsync("participant_connected", "browser");
        await carol.Log.WaitForAsync("participant_connected", "browser");

        await sdk.Local.PublishDataAsync("hello browser", topic: "chat", cancellationToken: timeout.Token);
        await sdk.Local.PublishDataAsync("hello lossily", reliable: false, topic: "telemetry", cancellationToken: timeout.Token);
        await sdk.Local.PublishDataAsync("for the browser only", destinationIdentities: ["browser"], topic: "private", cancellationToken: timeout.Token);
        // Sent after on the same ordered channel: once carol has it, she would have had the one before.
        await sdk.Local.PublishDataAsync("for everyone", topic: "public", cancellationToken: timeout.Token);

        ClientEvent hello = await browser.WaitForEventAsync("dataReceived", e => e.ArgString("payload") == "hello browser", cancellationToken: timeout.Token);
        Assert.Equal("dotnet", hello.ParticipantIdentity);
        Assert.Equal("dotnet", hello.ArgString("participantIdentity"));
        Assert.Equal("chat", hello.ArgString("topic"));
        Assert.Equal("RELIABLE", hello.ArgString("kindName"));

        ClientEvent lossy = await browser.WaitForEventAsync("dataReceived", e => e.ArgString("payload") == "hello lossily", cancellationToken: timeout.Token);
        Assert.Equal("dotnet", lossy.ParticipantIdentity);
        Assert.Equal("telemetry", lossy.ArgString("topic"));
        Assert.Equal("LOSSY", lossy.ArgString("kindName"));

        ClientEvent addressed = await browser.WaitForEventAsync("dataReceived", e => e.ArgString("payload") == "for the browser only", cancellationToken: timeout.Token);
        Assert.Equal("dotnet", addressed.ParticipantIdentity);
        Assert.Equal("private", addressed.ArgString("topic"));
        ClientEvent everyone = await browser.WaitForEventAsync("dataReceived", e => e.ArgString("payload") == "for everyone", cancellationToken: timeout.Token);
        Assert.True(hello.Seq < addressed.Seq && addressed.Seq < everyone.Seq, "the browser got the reliable packets out of order");

        DataPacket carolsEveryone = await ReceivedAsync(carol, "for everyone");
        Assert.Equal("public", carolsEveryone.Topic);
        Assert.Same(carol.Room.RemoteParticipants["dotnet"], carolsEveryone.Participant);
        Assert.DoesNotContain(carol.Log.Events, e => e.Name == "data_received" && Text(e) == "for the browser only");
    }

    private static async Task<DataPacket> ReceivedAsync(SdkParticipant sdk, string text)
    {
        RoomEventRecord received = await sdk.Log.WaitForAsync(e => e.Name == "data_received" && Text(e) == text, $"data_received '{text}'");
        return (DataPacket)received.Args[0]!;
    }

    private static string Text(RoomEventRecord e) => Encoding.UTF8.GetString(((DataPacket)e.Args[0]!).Data.Span);
}
