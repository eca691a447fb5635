using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.LiveKitClient;
using LiveKit.Proto;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Interop.Tests.LiveKitServer;

/// <summary>
/// A participant's own metadata, name and attributes (update_metadata, brief §2.3), with and without the
/// canUpdateOwnMetadata grant, judged by livekit-client's participant events in both pages.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class LiveKitServerParticipantTests
{
    private const string Room = "room-participants";

    private readonly ChromiumBrowser _browser;

    public LiveKitServerParticipantTests(ChromiumBrowser browser) => _browser = browser;

    [Fact]
    public async Task Own_metadata_name_and_attributes_updates_reach_the_other_browser_and_the_updater()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage alice = await ServerScenario.JoinAsync(
            _browser, server, "alice", Room, timeout.Token, new VideoGrants { CanUpdateOwnMetadata = true });
        await using LiveKitClientPage bob = await ServerScenario.JoinAsync(_browser, server, "bob", Room, timeout.Token);
        await alice.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);

        // Each call resolves once the server's participant update has brought the new value back to alice.
        await alice.SetMetadataAsync("{\"seat\":3}", timeout.Token);
        ClientEvent metadataAtBob = await bob.WaitForEventAsync(
            "participantMetadataChanged", e => e.ParticipantIdentity == "alice" && e.ArgString("participant", "metadata") == "{\"seat\":3}",
            cancellationToken: timeout.Token);
        Assert.Equal("", metadataAtBob.ArgString("previousMetadata"));
        ClientEvent metadataAtAlice = await alice.WaitForEventAsync(
            "participantMetadataChanged", e => e.ParticipantIdentity == "alice", cancellationToken: timeout.Token);
        Assert.Equal("true", metadataAtAlice.ArgString("participant", "isLocal"));
        Assert.Equal("{\"seat\":3}", metadataAtAlice.ArgString("participant", "metadata"));

        await alice.SetNameAsync("Alice Liddell", timeout.Token);
        ClientEvent nameAtBob = await bob.WaitForEventAsync(
            "participantNameChanged", e => e.ParticipantIdentity == "alice" && e.ArgString("name") == "Alice Liddell", cancellationToken: timeout.Token);
        Assert.Equal("Alice Liddell", nameAtBob.ArgString("participant", "name"));
        await alice.WaitForEventAsync(
            "participantNameChanged", e => e.ParticipantIdentity == "alice" && e.ArgString("name") == "Alice Liddell", cancellationToken: timeout.Token);

        await alice.SetAttributesAsync(new Dictionary<string, string> { ["role"] = "speaker", ["hand"] = "raised" }, timeout.Token);
        ClientEvent attributesAtBob = await bob.WaitForEventAsync(
            "participantAttributesChanged", e => e.ParticipantIdentity == "alice", cancellationToken: timeout.Token);
        Assert.Equal("speaker", attributesAtBob.ArgString("changedAttributes", "role"));
        Assert.Equal("raised", attributesAtBob.ArgString("changedAttributes", "hand"));
        await alice.WaitForEventAsync(
            "participantAttributesChanged", e => e.ParticipantIdentity == "alice" && e.ArgString("changedAttributes", "role") == "speaker",
            cancellationToken: timeout.Token);

        // An empty value deletes the key; only the keys given change.
        await alice.SetAttributesAsync(new Dictionary<string, string> { ["hand"] = "" }, timeout.Token);
        await bob.WaitForEventAsync(
            "participantAttributesChanged", e => e.ParticipantIdentity == "alice" && e.ArgString("changedAttributes", "hand") == "",
            cancellationToken: timeout.Token);

        ClientParticipantState aliceAtBob = Assert.Single((await bob.GetStateAsync(timeout.Token)).RemoteParticipants);
        Assert.Equal("alice", aliceAtBob.Identity);
        Assert.Equal("{\"seat\":3}", aliceAtBob.Metadata);
        Assert.Equal("Alice Liddell", aliceAtBob.Name);
        Assert.Equal(new Dictionary<string, string> { ["role"] = "speaker" }, aliceAtBob.Attributes);
        ClientParticipantState aliceHerself = (await alice.GetStateAsync(timeout.Token)).LocalParticipant!;
        Assert.Equal("{\"seat\":3}", aliceHerself.Metadata);
        Assert.Equal("Alice Liddell", aliceHerself.Name);
        Assert.Equal(new Dictionary<string, string> { ["role"] = "speaker" }, aliceHerself.Attributes);
    }

    [Fact]
    public async Task Without_the_grant_own_updates_are_refused_with_not_allowed_and_nothing_changes_for_the_other()
    {
        using var timeout = new CancellationTokenSource(ServerScenario.TestTimeout);
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using LiveKitClientPage alice = await ServerScenario.JoinAsync(_browser, server, "alice", Room, timeout.Token);
        await using LiveKitClientPage bob = await ServerScenario.JoinAsync(_browser, server, "bob", Room, timeout.Token);
        await alice.WaitForEventAsync("participantConnected", e => e.ParticipantIdentity == "bob", cancellationToken: timeout.Token);

        // The server answers request_response NOT_ALLOWED; livekit-client rejects with a SignalRequestError.
        var metadata = await Assert.ThrowsAsync<LiveKitClientException>(() => alice.SetMetadataAsync("forbidden", timeout.Token));
        Assert.Equal("SignalRequestError", metadata.Error.Name);
        Assert.Equal("NOT_ALLOWED", metadata.Error.ReasonName);
        var name = await Assert.ThrowsAsync<LiveKitClientException>(() => alice.SetNameAsync("Forbidden", timeout.Token));
        Assert.Equal("NOT_ALLOWED", name.Error.ReasonName);
        var attributes = await Assert.ThrowsAsync<LiveKitClientException>(
            () => alice.SetAttributesAsync(new Dictionary<string, string> { ["forbidden"] = "yes" }, timeout.Token));
        Assert.Equal("NOT_ALLOWED", attributes.Error.ReasonName);

        // A later change through the server API reaches bob on the same signal connection, after anything the refused
        // requests could have sent him.
        using RoomServiceClient api = ServerScenario.Api(server);
        await api.UpdateParticipantAsync(new UpdateParticipantRequest { Room = Room, Identity = "alice", Attributes = { ["probe"] = "after" } }, timeout.Token);
        await bob.WaitForEventAsync(
            "participantAttributesChanged", e => e.ParticipantIdentity == "alice" && e.ArgString("changedAttributes", "probe") == "after",
            cancellationToken: timeout.Token);

        Assert.DoesNotContain(bob.Events, e => e.Name is "participantMetadataChanged" or "participantNameChanged" && e.ParticipantIdentity == "alice");
        Assert.DoesNotContain(bob.Events, e => e.Name == "participantAttributesChanged" && e.ArgString("changedAttributes", "forbidden") is not null);
        ClientParticipantState aliceAtBob = Assert.Single((await bob.GetStateAsync(timeout.Token)).RemoteParticipants);
        Assert.Equal("", aliceAtBob.Metadata);
        Assert.Equal("", aliceAtBob.Name);
        Assert.Equal(new Dictionary<string, string> { ["probe"] = "after" }, aliceAtBob.Attributes);
        Assert.Equal("", (await alice.GetStateAsync(timeout.Token)).LocalParticipant!.Metadata);
    }
}
