using System;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.Testing.Rooms;

namespace LiveKit.Testing.Faults;

/// <summary>
/// Faults a test can inject into a running <see cref="LiveKitTestServer"/>, to see how a client copes: a signal
/// connection that drops without a word, forwarding that stops and resumes, a leave with a chosen action.
/// </summary>
public sealed class ServerFaults
{
    private readonly RoomRegistry _rooms;

    internal ServerFaults(RoomRegistry rooms) => _rooms = rooms;

    /// <summary>Drops the participant's signal WebSocket without a close frame; the server then removes it.</summary>
    public Task CloseSignalConnectionAsync(string room, string identity) =>
        OnParticipantAsync(room, identity, participant =>
        {
            participant.Signal.Abort();
            return Task.CompletedTask;
        });

    /// <summary>Stops forwarding media and data to the participant (its connections stay up) until resumed.</summary>
    public Task StopForwardingAsync(string room, string identity) =>
        OnParticipantAsync(room, identity, participant =>
        {
            participant.ForwardingEnabled = false;
            return Task.CompletedTask;
        });

    /// <summary>Forwards to the participant again after <see cref="StopForwardingAsync"/>.</summary>
    public Task ResumeForwardingAsync(string room, string identity) =>
        OnParticipantAsync(room, identity, participant =>
        {
            participant.ForwardingEnabled = true;
            return Task.CompletedTask;
        });

    /// <summary>
    /// Sends the participant a leave with <paramref name="action"/> and <paramref name="reason"/> (brief §2.3), closes
    /// its signal connection and removes it, so that a RESUME or RECONNECT comes back as a new join.
    /// </summary>
    public Task SendLeaveAsync(string room, string identity, LeaveRequest.Types.Action action, DisconnectReason reason) =>
        OnParticipantAsync(room, identity, async participant =>
        {
            participant.SendLeaveAndClose(reason, action);
            await participant.Room.RemoveAsync(participant, reason).ConfigureAwait(false);
        });

    private async Task OnParticipantAsync(string room, string identity, Func<ServerParticipant, Task> fault)
    {
        ServerRoom target = _rooms.Find(room) ?? throw new InvalidOperationException($"There is no room \"{room}\" on this server.");
        await target.Loop.InvokeAsync(async () =>
        {
            ServerParticipant participant = target.Find(identity)
                ?? throw new InvalidOperationException($"There is no participant \"{identity}\" in room \"{room}\".");
            await fault(participant).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
