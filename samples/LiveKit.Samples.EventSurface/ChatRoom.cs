using System;
using System.Collections.Generic;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace LiveKit.Samples.EventSurface;

/// <summary>
/// A chat room that raises the events of chat_events.proto; the generator adds its On/Once/Off and Emit methods.
/// </summary>
/// <remarks>
/// Built like LiveKit's Room: what the "network" delivers is posted to one loop, which applies it to the room's state
/// and then emits. So handlers run one at a time, in order, never on the network's thread, and see the room as of
/// their event. (The Room's own loop is internal to LiveKit.Rtc; a channel with one reader does the same job here.)
/// </remarks>
public sealed partial class ChatRoom : IAsyncDisposable
{
    private readonly Channel<Action> _loop = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<string> _members = [];
    private readonly ILogger _logger;
    private readonly Task _loopTask;

    public ChatRoom(ILogger logger)
    {
        _logger = logger;
        _loopTask = Task.Run(RunLoopAsync);
    }

    /// <summary>Who is in the room; read it from a handler, which runs on the loop that changes it.</summary>
    public IReadOnlyList<string> Members => _members;

    private partial ILogger EventLogger => _logger;

    /// <summary>What a network receive loop calls when a join arrives: it only posts; the loop applies and emits.</summary>
    public void ReceiveJoin(string name) => _loop.Writer.TryWrite(() =>
    {
        _members.Add(name);
        Emit(ChatEvent.UserJoined, name);
    });

    /// <summary>What a network receive loop calls when a message arrives.</summary>
    public void ReceiveMessage(string author, string text) => _loop.Writer.TryWrite(() => Emit(ChatEvent.MessagePosted, author, text));

    /// <summary>Completes once everything received before this call was emitted.</summary>
    public Task DrainAsync()
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_loop.Writer.TryWrite(drained.SetResult))
        {
            drained.SetResult();
        }

        return drained.Task;
    }

    /// <summary>Stops accepting input and waits until everything received so far was emitted.</summary>
    public async ValueTask DisposeAsync()
    {
        _loop.Writer.TryComplete();
        await _loopTask;
    }

    private async Task RunLoopAsync()
    {
        await foreach (var work in _loop.Reader.ReadAllAsync())
        {
            work();
        }
    }
}
