using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Rtc;
using Microsoft.Extensions.Logging;

namespace LiveKit.Samples.RoomDemo;

/// <summary>
/// One participant of the demo: a <see cref="Room"/> of its own whose events are printed, as they fire, with this
/// participant's identity in front.
/// </summary>
/// <remarks>
/// The handlers are registered in the constructor, before <see cref="ConnectAsync"/>, so they see every event of the
/// connection, the first connection_state_changed included. They are methods (not lambdas) that stay for the room's
/// life: there is nothing to remove, so the subscriptions On returns are not kept. They are synchronous, as every
/// handler must be (LK1001), and run on the room's loop, one at a time, with the room as of their event.
/// </remarks>
internal sealed class DemoParticipant : IAsyncDisposable
{
    private readonly EventPrinter _printer;
    private string _lastEvent = string.Empty;

    /// <summary>Creates the participant's room and registers its printing handlers.</summary>
    /// <param name="identity">The identity its token carries: the label of its lines, and how the other participant's events name it.</param>
    /// <param name="printer">Where events are printed.</param>
    /// <param name="logLevel">The lowest SDK log level printed (on standard error).</param>
    public DemoParticipant(string identity, EventPrinter printer, LogLevel logLevel)
    {
        Identity = identity;
        _printer = printer;
        Room = new Room(new DemoLog(identity, logLevel, Console.Error));

        Room.On(RoomEvent.ConnectionStateChanged, OnConnectionStateChanged);
        Room.On(RoomEvent.Connected, OnConnected);
        Room.On(RoomEvent.Reconnecting, OnReconnecting);
        Room.On(RoomEvent.Reconnected, OnReconnected);
        Room.On(RoomEvent.Disconnected, OnDisconnected);
        Room.On(RoomEvent.TokenRefreshed, OnTokenRefreshed);
        Room.On(RoomEvent.ParticipantConnected, OnParticipantConnected);
        Room.On(RoomEvent.ParticipantDisconnected, OnParticipantDisconnected);
        Room.On(RoomEvent.ParticipantNameChanged, OnParticipantNameChanged);
        Room.On(RoomEvent.ParticipantMetadataChanged, OnParticipantMetadataChanged);
        Room.On(RoomEvent.ParticipantAttributesChanged, OnParticipantAttributesChanged);
        Room.On(RoomEvent.RoomMetadataChanged, OnRoomMetadataChanged);
        Room.On(RoomEvent.RoomUpdated, OnRoomUpdated);
        Room.On(RoomEvent.DataReceived, OnDataReceived);
        Room.On(RoomEvent.ActiveSpeakersChanged, OnActiveSpeakersChanged);
        Room.On(RoomEvent.ConnectionQualityChanged, OnConnectionQualityChanged);
    }

    /// <summary>The participant's identity.</summary>
    public string Identity { get; }

    /// <summary>The participant's room.</summary>
    public Room Room { get; }

    /// <summary>This participant as its room sees it; only while connected.</summary>
    public LocalParticipant Local =>
        Room.LocalParticipant ?? throw new InvalidOperationException($"{Identity} is not connected.");

    /// <summary>The name of the last event this participant's room emitted; empty before the first.</summary>
    public string LastEvent => Volatile.Read(ref _lastEvent);

    /// <summary>Joins the room <paramref name="token"/> names at <paramref name="url"/>.</summary>
    /// <exception cref="DemoFailedException">The join failed: the <see cref="RoomConnectException"/>'s failure and message.</exception>
    public async Task ConnectAsync(string url, string token)
    {
        try
        {
            await Room.ConnectAsync(url, token);
        }
        catch (RoomConnectException exception)
        {
            string status = exception.StatusCode is { } code ? $", HTTP {(int)code}" : string.Empty;
            throw new DemoFailedException($"{Identity} could not connect ({exception.Failure}{status}): {exception.Message}", exception);
        }
    }

    /// <summary>Disconnects (when connected) and stops the room's loop.</summary>
    public ValueTask DisposeAsync() => Room.DisposeAsync();

    private void OnConnectionStateChanged(ConnectionState state) =>
        Print(RoomEvent.ConnectionStateChangedKey.Name, EventPrinter.Describe(state));

    private void OnConnected()
    {
        IEnumerable<Participant> others = Room.RemoteParticipants.Values;
        Print(RoomEvent.ConnectedKey.Name, $"room {EventPrinter.Quote(Room.Name)}, already here: {EventPrinter.Describe(others)}");
    }

    private void OnReconnecting() => Print(RoomEvent.ReconnectingKey.Name);

    private void OnReconnected() => Print(RoomEvent.ReconnectedKey.Name);

    private void OnDisconnected(DisconnectReason reason) =>
        Print(RoomEvent.DisconnectedKey.Name, EventPrinter.Describe(reason));

    private void OnTokenRefreshed() => Print(RoomEvent.TokenRefreshedKey.Name);

    private void OnParticipantConnected(RemoteParticipant participant) =>
        Print(RoomEvent.ParticipantConnectedKey.Name, participant.Identity);

    private void OnParticipantDisconnected(RemoteParticipant participant) =>
        Print(RoomEvent.ParticipantDisconnectedKey.Name, participant.Identity);

    private void OnParticipantNameChanged(Participant participant, string oldName, string newName) =>
        Print(RoomEvent.ParticipantNameChangedKey.Name, $"{participant.Identity}: {EventPrinter.Change(oldName, newName)}");

    private void OnParticipantMetadataChanged(Participant participant, string oldMetadata, string newMetadata) =>
        Print(RoomEvent.ParticipantMetadataChangedKey.Name, $"{participant.Identity}: {EventPrinter.Change(oldMetadata, newMetadata)}");

    private void OnParticipantAttributesChanged(IReadOnlyDictionary<string, string> changedAttributes, Participant participant) =>
        Print(RoomEvent.ParticipantAttributesChangedKey.Name, $"{participant.Identity}: {EventPrinter.Describe(changedAttributes)}");

    private void OnRoomMetadataChanged(string oldMetadata, string newMetadata) =>
        Print(RoomEvent.RoomMetadataChangedKey.Name, EventPrinter.Change(oldMetadata, newMetadata));

    private void OnRoomUpdated() =>
        Print(RoomEvent.RoomUpdatedKey.Name, $"{Room.NumParticipants} participant(s), metadata {EventPrinter.Quote(Room.Metadata)}");

    private void OnDataReceived(DataPacket packet) =>
        Print(RoomEvent.DataReceivedKey.Name, EventPrinter.Describe(packet));

    private void OnActiveSpeakersChanged(IReadOnlyList<Participant> speakers) =>
        Print(RoomEvent.ActiveSpeakersChangedKey.Name, EventPrinter.Describe(speakers));

    private void OnConnectionQualityChanged(Participant participant, ConnectionQuality quality) =>
        Print(RoomEvent.ConnectionQualityChangedKey.Name, $"{participant.Identity}: {EventPrinter.Describe(quality)}");

    private void Print(string eventName, string detail = "")
    {
        Volatile.Write(ref _lastEvent, eventName);
        _printer.Event(Identity, eventName, detail);
    }
}
