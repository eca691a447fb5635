using System;
using System.Threading.Tasks;
using LiveKit.Rtc;
using LiveKit.Samples.EventSurface;

// The generated event API at work. Part 1 uses a schema of the sample's own (chat_events.proto, bound to ChatRoom):
// the generator is not specific to LiveKit's Room. Part 2 registers handlers on a real LiveKit.Rtc.Room.
var log = new ConsoleLineLogger();

Console.WriteLine("1. ChatRoom, generated from chat_events.proto");
await using (var chat = new ChatRoom(log))
{
    var posted = 0;

    // Record form: one parameter, the event's args record.
    using var transcript = chat.On(ChatEvent.MessagePosted, e => Console.WriteLine($"   [record form]     {e.Author}: {e.Text}"));

    // Positional form: the arguments in the schema's (the Python SDK's) order.
    using var counter = chat.On(ChatEvent.MessagePosted, (author, text) => posted++);

    // A one-argument event: `name => ...` fits both forms; the positional form wins the tie.
    using var joins = chat.On(ChatEvent.UserJoined, name =>
        Console.WriteLine($"   [positional form] {name} joined; members: {string.Join(", ", chat.Members)}"));

    // Once: runs for the first join only.
    using var firstJoin = chat.Once(ChatEvent.UserJoined, (UserJoinedEventArgs e) => Console.WriteLine($"   [once]            first to join: {e.Name}"));

    // A handler that throws is logged with the event's and the handler's names; the handlers after it still run.
    chat.On(ChatEvent.MessagePosted, RejectShouting);

    // A handler kept in a variable can be removed with Off (delegate equality).
    Action<string, string> echo = Echo;
    chat.On(ChatEvent.MessagePosted, echo);

    // An async handler is refused: LK1001 reports it at compile time (disabled here to show the run-time check).
#pragma warning disable LK1001
    try
    {
        using var refused = chat.On(ChatEvent.MessagePosted, async (author, text) => await Task.Yield());
    }
    catch (ArgumentException exception)
    {
        Console.WriteLine($"   async handler refused: {exception.Message.Split(':')[0]}");
    }
#pragma warning restore LK1001

    // The "network" delivers from another thread; ChatRoom posts to its loop, which emits.
    await Task.Run(() =>
    {
        chat.ReceiveJoin("ada");
        chat.ReceiveJoin("grace");
        chat.ReceiveMessage("ada", "hello");
        chat.ReceiveMessage("grace", "HELLO EVERYONE");
    });
    await chat.DrainAsync();

    Console.WriteLine($"   Off(echo) removed a handler: {chat.Off(ChatEvent.MessagePosted, echo)}; again: {chat.Off(ChatEvent.MessagePosted, echo)}");
    using (chat.On(ChatEvent.MessagePosted, (author, text) => Console.WriteLine($"   [scoped]          {author}: {text}")))
    {
        chat.ReceiveJoin("linus");
        chat.ReceiveMessage("linus", "hi");
        await chat.DrainAsync();
    }

    // The scoped subscription is disposed and echo was removed: only the long-lived handlers see this one.
    chat.ReceiveMessage("ada", "bye");
    await chat.DrainAsync();
    Console.WriteLine($"   messages counted by the positional handler: {posted}");
}

Console.WriteLine();
Console.WriteLine("2. LiveKit.Rtc.Room, generated from proto/events/room_events.proto");
await using (var room = new Room(log))
{
    using var trackSubscribed = room.On(RoomEvent.TrackSubscribed, (track, publication, participant) =>
        Console.WriteLine($"   subscribed to {track.Kind} track '{track.Name}' of {participant.Identity}"));
    using var participantConnected = room.On(RoomEvent.ParticipantConnected, participant =>
        Console.WriteLine($"   {participant.Identity} joined"));
    using var disconnected = room.On(RoomEvent.Disconnected, e => Console.WriteLine($"   disconnected: {e.Reason}"));
    using var connected = room.Once(RoomEvent.Connected, () => Console.WriteLine($"   connected to {room.Name}"));

    // Wrong shapes do not compile, e.g. room.On(RoomEvent.TrackSubscribed, (string s) => { }) is error CS1503.
    Console.WriteLine($"   4 handlers registered; the room is {room.ConnectionState} with {room.RemoteParticipants.Count} remote participants.");
    Console.WriteLine("   It is not connected here (samples/LiveKit.Samples.RoomDemo connects rooms), so no event fires.");
}

return 0;

static void RejectShouting(string author, string text)
{
    if (text == text.ToUpperInvariant())
    {
        throw new InvalidOperationException($"{author} is shouting");
    }
}

static void Echo(string author, string text) => Console.WriteLine($"   [echo]            {text}");
