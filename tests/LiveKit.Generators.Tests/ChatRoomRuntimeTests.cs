using System;
using System.Collections.Generic;
using LiveKit.Generators.Tests.Chat;
using Microsoft.Extensions.Logging;
using Xunit;

namespace LiveKit.Generators.Tests;

/// <summary>
/// The generated code at run time, on this project's own ChatRoom (generated at build from Schemas/chat_events.proto
/// by the generator under test): both handler shapes, Once, Off, Dispose and handler failures.
/// </summary>
public sealed class ChatRoomRuntimeTests
{
    private static readonly Member Ada = new("Ada");

    [Fact]
    public void BothShapesReceiveTheArgumentsInRegistrationOrder()
    {
        var room = new ChatRoom(new RecordingLogger());
        var calls = new List<string>();
        room.On(ChatEvent.MemberJoined, (Member m) => calls.Add("positional " + m.Name));
        room.On(ChatEvent.MemberJoined, (MemberJoinedEventArgs e) => calls.Add("record " + e.Member.Name));

        room.Emit(ChatEvent.MemberJoined, Ada);

        Assert.Equal(["positional Ada", "record Ada"], calls);
    }

    [Fact]
    public void ManyArgumentsArriveInDeclarationOrder()
    {
        var room = new ChatRoom(new RecordingLogger());
        MessagePostedEventArgs? received = null;
        string? text = null;
        room.On(ChatEvent.MessagePosted, e => received = e);
        room.On(ChatEvent.MessagePosted, (author, body, mentions, replyTo, labels, payload) => text = $"{author.Name}:{body}:{mentions.Count}:{replyTo}:{labels["k"]}:{payload.Length}");

        room.Emit(ChatEvent.MessagePosted, Ada, "hi", [Ada], 7, new Dictionary<string, string> { ["k"] = "v" }, new byte[3]);

        Assert.Equal("Ada:hi:1:7:v:3", text);
        Assert.Equal(("Ada", "hi", 7L), (received!.Value.Author.Name, received.Value.Text, received.Value.ReplyTo));
    }

    [Fact]
    public void ZeroArgumentEventsTakeBothShapes()
    {
        var room = new ChatRoom(new RecordingLogger());
        var n = 0;
        room.On(ChatEvent.Opened, () => n++);
        room.On(ChatEvent.Opened, (OpenedEventArgs _) => n += 10);

        room.Emit(ChatEvent.Opened);

        Assert.Equal(11, n);
    }

    [Fact]
    public void OnceRunsOnceAndOffAndDisposeRemove()
    {
        var room = new ChatRoom(new RecordingLogger());
        var once = 0;
        var on = 0;
        Action<Member> handler = _ => on++;
        room.Once(ChatEvent.MemberJoined, _ => once++);
        room.On(ChatEvent.MemberJoined, handler);
        var subscription = room.On(ChatEvent.MemberJoined, (MemberJoinedEventArgs _) => on += 100);

        room.Emit(ChatEvent.MemberJoined, Ada);
        Assert.True(room.Off(ChatEvent.MemberJoined, handler));
        Assert.False(room.Off(ChatEvent.MemberJoined, handler));
        subscription.Dispose();
        room.Emit(ChatEvent.MemberJoined, Ada);

        Assert.Equal((1, 101), (once, on));
        Assert.Equal("member_joined", subscription.EventName);
    }

    [Fact]
    public void AThrowingHandlerIsLoggedAndTheOthersStillRun()
    {
        var logger = new RecordingLogger();
        var room = new ChatRoom(logger);
        var ran = false;
        room.On(ChatEvent.Opened, () => throw new InvalidOperationException("boom"));
        room.On(ChatEvent.Opened, () => ran = true);

        room.Emit(ChatEvent.Opened);

        Assert.True(ran);
        var (level, exception) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.Equal("boom", exception?.Message);
    }

    [Fact]
    public void KeysCarryThePythonNames()
    {
        Assert.Equal("member_joined", ChatEvent.MemberJoinedKey.Name);
        Assert.Equal("message_posted", ChatEvent.MessagePosted.ToString());
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, exception));
    }
}
