using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Rtc;
using Microsoft.Extensions.Logging;

namespace LiveKit.Samples.RoomDemo;

/// <summary>
/// The demo's story, step by step: alice and bob join, alice changes her name, metadata and attributes, the server
/// changes the room's metadata, they exchange data (reliable with a topic, lossy, and to one destination), and they
/// leave. Each step starts by expecting the events it should cause, in both rooms, then acts, then waits for them.
/// </summary>
internal sealed class DemoScenario(DemoTarget target, EventPrinter printer, LogLevel logLevel)
{
    /// <summary>How long the demo waits for any one expected event before it fails.</summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(10);

    private const string ChatTopic = "chat";
    private const string ParticipantMetadata = "likes tea and riddles";
    private const string AttributeKey = "mood";
    private const string AttributeValue = "curious";
    private const string RoomMetadata = "a demo room";

    private int _eventsAwaited;

    /// <summary>Runs the story; returns how many expected events arrived (all of them, or it throws).</summary>
    /// <exception cref="DemoFailedException">A step failed or an expected event did not arrive in time.</exception>
    public async Task<int> RunAsync()
    {
        await using var alice = new DemoParticipant(target.Alice.Identity, printer, logLevel);
        await using var bob = new DemoParticipant(target.Bob.Identity, printer, logLevel);

        await JoinAsync(alice, target.Alice.Token, alreadyThere: null);
        await JoinAsync(bob, target.Bob.Token, alreadyThere: alice);
        await ChangeProfileAsync(alice, bob);
        await ChangeRoomMetadataAsync(alice, bob);
        await ExchangeMessagesAsync(alice, bob);
        await SendToOneAsync(bob, alice);
        await LeaveAsync(bob, stayer: alice);
        await LeaveAsync(alice, stayer: null);
        return _eventsAwaited;
    }

    private async Task JoinAsync(DemoParticipant joiner, string token, DemoParticipant? alreadyThere)
    {
        printer.Step($"{joiner.Identity} joins");
        Expectation connected = Expectation.Of($"{joiner.Identity} is connected", e =>
            joiner.Room.On(RoomEvent.Connected, () => e.MetIf(true)));
        Expectation? seen = alreadyThere is null ? null : Expectation.Of($"{alreadyThere.Identity} sees {joiner.Identity} join", e =>
            alreadyThere.Room.On(RoomEvent.ParticipantConnected, participant => e.MetIf(participant.Identity == joiner.Identity)));

        await joiner.ConnectAsync(target.Url, token);
        await WaitAsync(connected);
        if (seen is not null)
        {
            await WaitAsync(seen);
        }
    }

    private async Task ChangeProfileAsync(DemoParticipant changer, DemoParticipant other)
    {
        string name = Unlike(changer.Local.Name, CultureInfo.InvariantCulture.TextInfo.ToTitleCase(changer.Identity));
        string metadata = Unlike(changer.Local.Metadata, ParticipantMetadata);
        string attributeValue = Unlike(changer.Local.Attributes.GetValueOrDefault(AttributeKey, string.Empty), AttributeValue);
        printer.Step($"{changer.Identity} sets a display name, metadata and an attribute");

        await ChangeAsync(changer, other, "name", () => changer.Local.SetNameAsync(name), viewer => Expectation.Of(
            $"{viewer.Identity} sees {changer.Identity}'s name change", e =>
                viewer.Room.On(RoomEvent.ParticipantNameChanged, (participant, oldName, newName) =>
                    e.MetIf(participant.Identity == changer.Identity && newName == name))));

        await ChangeAsync(changer, other, "metadata", () => changer.Local.SetMetadataAsync(metadata), viewer => Expectation.Of(
            $"{viewer.Identity} sees {changer.Identity}'s metadata change", e =>
                viewer.Room.On(RoomEvent.ParticipantMetadataChanged, (participant, oldMetadata, newMetadata) =>
                    e.MetIf(participant.Identity == changer.Identity && newMetadata == metadata))));

        var attributes = new Dictionary<string, string> { [AttributeKey] = attributeValue };
        await ChangeAsync(changer, other, "attributes", () => changer.Local.SetAttributesAsync(attributes), viewer => Expectation.Of(
            $"{viewer.Identity} sees {changer.Identity}'s attribute change", e =>
                viewer.Room.On(RoomEvent.ParticipantAttributesChanged, (changed, participant) =>
                    e.MetIf(participant.Identity == changer.Identity
                        && changed.TryGetValue(AttributeKey, out string? value) && value == attributeValue))));
    }

    /// <summary>
    /// Makes one change of <paramref name="changer"/>'s own participant and waits until both rooms report it. With
    /// caller-given tokens a refusal (no canUpdateOwnMetadata) is printed and the demo goes on.
    /// </summary>
    private async Task ChangeAsync(
        DemoParticipant changer, DemoParticipant other, string what, Func<Task> change, Func<DemoParticipant, Expectation> expect)
    {
        Expectation seenByChanger = expect(changer);
        Expectation seenByOther = expect(other);
        try
        {
            await change();
        }
        catch (SignalRequestException exception)
        {
            seenByChanger.Cancel();
            seenByOther.Cancel();
            string refusal = $"{changer.Identity}'s {what} change failed: {exception.Message}";
            if (!target.MayRefuseMetadata)
            {
                throw new DemoFailedException(refusal, exception);
            }

            printer.Line($"   {refusal}; going on");
            return;
        }

        await WaitAsync(seenByChanger);
        await WaitAsync(seenByOther);
    }

    private async Task ChangeRoomMetadataAsync(DemoParticipant alice, DemoParticipant bob)
    {
        if (target.Api is not { } api)
        {
            printer.Step("the server API sets the room's metadata: skipped (needs --api-key and --api-secret)");
            return;
        }

        printer.Step("the server API sets the room's metadata (RoomService.UpdateRoomMetadata)");
        string metadata = Unlike(alice.Room.Metadata, RoomMetadata);
        Expectation seenByAlice = ExpectRoomMetadata(alice, metadata);
        Expectation seenByBob = ExpectRoomMetadata(bob, metadata);
        using var roomService = new RoomServiceClient(target.Url, api.Key, api.Secret);
        await roomService.UpdateRoomMetadataAsync(new LiveKit.Proto.UpdateRoomMetadataRequest { Room = alice.Room.Name, Metadata = metadata });
        await WaitAsync(seenByAlice);
        await WaitAsync(seenByBob);
    }

    private static Expectation ExpectRoomMetadata(DemoParticipant viewer, string metadata) => Expectation.Of(
        $"{viewer.Identity} sees the room's metadata change", e =>
            viewer.Room.On(RoomEvent.RoomMetadataChanged, (oldMetadata, newMetadata) => e.MetIf(newMetadata == metadata)));

    /// <summary>
    /// <paramref name="wanted"/>, or a variant of it when that is the value already: setting the same value changes
    /// nothing and emits no event. It happens on a real server when the demo runs again in a room that is still open,
    /// or with a token that already sets the name.
    /// </summary>
    private static string Unlike(string current, string wanted) => current == wanted ? wanted + " again" : wanted;

    private async Task ExchangeMessagesAsync(DemoParticipant alice, DemoParticipant bob)
    {
        printer.Step($"{alice.Identity} and {bob.Identity} exchange messages: reliable with a topic, then lossy");
        await SendAsync(alice, bob, $"hi {bob.Identity}", reliable: true, ChatTopic, onlyToReceiver: false);
        await SendAsync(bob, alice, $"hi {alice.Identity}", reliable: true, ChatTopic, onlyToReceiver: false);
        await SendAsync(alice, bob, "ping", reliable: false, topic: null, onlyToReceiver: false);
        await SendAsync(bob, alice, "pong", reliable: false, topic: null, onlyToReceiver: false);
    }

    private async Task SendToOneAsync(DemoParticipant sender, DemoParticipant receiver)
    {
        printer.Step($"{sender.Identity} sends to {receiver.Identity} only (destination identities: {receiver.Identity})");
        await SendAsync(sender, receiver, $"just for you, {receiver.Identity}", reliable: true, ChatTopic, onlyToReceiver: true);
    }

    /// <summary>
    /// Publishes <paramref name="text"/> and waits until <paramref name="receiver"/>'s room emits it. A lossy packet can
    /// be dropped by design; on one machine, or on a sound network, it arrives.
    /// </summary>
    private async Task SendAsync(DemoParticipant sender, DemoParticipant receiver, string text, bool reliable, string? topic, bool onlyToReceiver)
    {
        DataPacketKind kind = reliable ? DataPacketKind.Reliable : DataPacketKind.Lossy;
        Expectation received = Expectation.Of(
            $"{receiver.Identity} receives {sender.Identity}'s {(reliable ? "reliable" : "lossy")} message \"{text}\"", e =>
                receiver.Room.On(RoomEvent.DataReceived, packet => e.MetIf(
                    packet.Participant?.Identity == sender.Identity && packet.Kind == kind && packet.Topic == topic
                    && Encoding.UTF8.GetString(packet.Data.Span) == text)));

        string[]? destinations = onlyToReceiver ? [receiver.Identity] : null;
        await sender.Local.PublishDataAsync(text, reliable, destinations, topic);
        await WaitAsync(received);
    }

    /// <summary>
    /// <paramref name="leaver"/> disconnects: <paramref name="stayer"/> sees it leave, and the leaver's own room reports
    /// <c>disconnected</c> last, once DisconnectAsync has completed.
    /// </summary>
    private async Task LeaveAsync(DemoParticipant leaver, DemoParticipant? stayer)
    {
        printer.Step($"{leaver.Identity} leaves");
        Expectation disconnected = Expectation.Of($"{leaver.Identity} is disconnected", e =>
            leaver.Room.On(RoomEvent.Disconnected, reason => e.MetIf(reason == DisconnectReason.ClientInitiated)));
        Expectation? seen = stayer is null ? null : Expectation.Of($"{stayer.Identity} sees {leaver.Identity} leave", e =>
            stayer.Room.On(RoomEvent.ParticipantDisconnected, participant => e.MetIf(participant.Identity == leaver.Identity)));

        await leaver.Room.DisconnectAsync();
        await WaitAsync(disconnected);
        if (seen is not null)
        {
            await WaitAsync(seen);
        }

        if (leaver.LastEvent != RoomEvent.DisconnectedKey.Name)
        {
            throw new DemoFailedException($"{leaver.Identity}'s last event was {leaver.LastEvent}, not {RoomEvent.DisconnectedKey.Name}");
        }
    }

    private async Task WaitAsync(Expectation expectation)
    {
        await expectation.WaitAsync(WaitTimeout);
        _eventsAwaited++;
    }
}
