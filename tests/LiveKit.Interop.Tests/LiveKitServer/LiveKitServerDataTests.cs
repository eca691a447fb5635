using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Interop.Tests.LiveKitServer;

/// <summary>
/// Data packets through LiveKit.Testing between livekit-client pages: reliable and lossy, with topics and destination
/// identities, judged by each receiver's <c>dataReceived</c> (sender identity, topic, kind).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class LiveKitServerDataTests
{
    private const string Room = "room-data";

    private readonly ChromiumBrowser _browser;

    public LiveKitServerDataTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task Reliable_and_lossy_packets_arrive_with_their_sender_topic_and_kind()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage alice = await ServerScenario.JoinAsync(_browser, server, "alice", Room, timeout.Token);
        await using LiveKitClientPage bob = await ServerScenario.JoinAsync(_browser, server, "bob", Room, timeout.Token);
        await alice.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);

        await alice.PublishDataAsync("hello reliably", new ClientDataOptions { Reliable = true, Topic = "chat" }, timeout.Token);
        await alice.PublishDataAsync("hello lossily", new ClientDataOptions { Reliable = false, Topic = "telemetry" }, timeout.Token);
        await bob.PublishDataAsync("hello back", new ClientDataOptions { Reliable = true }, timeout.Token);

        ClientEvent reliable = await bob.WaitForEventAsync("dataReceived", e => e.ArgString("payload") == "hello reliably", cancellationToken: timeout.Token);
        Assert.Equal("alice", reliable.ArgString("participantIdentity"));
        Assert.Equal("alice", reliable.ParticipantIdentity);
        Assert.Equal("chat", reliable.ArgString("topic"));
        Assert.Equal("RELIABLE", reliable.ArgString("kindName"));

        ClientEvent lossy = await bob.WaitForEventAsync("dataReceived", e => e.ArgString("payload") == "hello lossily", cancellationToken: timeout.Token);
        Assert.Equal("alice", lossy.ParticipantIdentity);
        Assert.Equal("telemetry", lossy.ArgString("topic"));
        Assert.Equal("LOSSY", lossy.ArgString("kindName"));

        ClientEvent back = await alice.WaitForEventAsync("dataReceived", e => e.ArgString("payload") == "hello back", cancellationToken: timeout.Token);
        Assert.Equal("bob", back.ParticipantIdentity);
        Assert.Null(back.ArgString("topic"));
        Assert.Equal("RELIABLE", back.ArgString("kindName"));
    }

    [Fact]
    public async Task A_packet_addressed_to_bob_reaches_bob_and_never_carol()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage alice = await ServerScenario.JoinAsync(_browser, server, "alice", Room, timeout.Token);
        await using LiveKitClientPage bob = await ServerScenario.JoinAsync(_browser, server, "bob", Room, timeout.Token);
        await using LiveKitClientPage carol = await ServerScenario.JoinAsync(_browser, server, "carol", Room, timeout.Token);
        await alice.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "carol", cancellationToken: timeout.Token);

        await alice.PublishDataAsync("for bob only", new ClientDataOptions { Topic = "private", DestinationIdentities = ["bob"] }, timeout.Token);
        await alice.PublishDataAsync("for carol, lossy", new ClientDataOptions { Reliable = false, DestinationIdentities = ["carol"] }, timeout.Token);
        // Sent after on the same ordered channel, from the same sender: when it has reached carol, so would have the first.
        await alice.PublishDataAsync("for everyone", new ClientDataOptions { Topic = "public" }, timeout.Token);

        ClientEvent toBob = await bob.WaitForEventAsync("dataReceived", e => e.ArgString("payload") == "for bob only", cancellationToken: timeout.Token);
        Assert.Equal("alice", toBob.ParticipantIdentity);
        Assert.Equal("private", toBob.ArgString("topic"));
        ClientEvent bobsEveryone = await bob.WaitForEventAsync("dataReceived", e => e.ArgString("payload") == "for everyone", cancellationToken: timeout.Token);
        Assert.True(toBob.Seq < bobsEveryone.Seq, "bob got the reliable packets out of order");

        ClientEvent carolsLossy = await carol.WaitForEventAsync("dataReceived", e => e.ArgString("payload") == "for carol, lossy", cancellationToken: timeout.Token);
        Assert.Equal("alice", carolsLossy.ParticipantIdentity);
        Assert.Equal("LOSSY", carolsLossy.ArgString("kindName"));
        ClientEvent carolsEveryone = await carol.WaitForEventAsync("dataReceived", e => e.ArgString("payload") == "for everyone", cancellationToken: timeout.Token);
        Assert.Equal("alice", carolsEveryone.ParticipantIdentity);
        Assert.Equal("public", carolsEveryone.ArgString("topic"));

        // The log is complete up to "for everyone" (events are logged in the page's order): bob's packet is not in it,
        // nor in the page's own copy.
        Assert.DoesNotContain(carol.Events, e => e.Name == "dataReceived" && e.ArgString("payload") == "for bob only");
        Assert.DoesNotContain(await carol.GetPageEventsAsync(timeout.Token), e => e.Name == "dataReceived" && e.ArgString("payload") == "for bob only");
        Assert.Equal(["for carol, lossy", "for everyone"],
            carol.Events.Where(e => e.Name == "dataReceived").Select(e => e.ArgString("payload")).Order(System.StringComparer.Ordinal));
    }
}
