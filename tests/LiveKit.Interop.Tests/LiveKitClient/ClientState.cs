using System.Collections.Generic;

namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>What a page's Room says now (<c>lkClient.getState()</c>); every member null or empty before the first connect.</summary>
public sealed record ClientState
{
    /// <summary>The room, or null before the first connect.</summary>
    public ClientRoomState? Room { get; init; }

    /// <summary>The local participant, or null before the first connect.</summary>
    public ClientParticipantState? LocalParticipant { get; init; }

    /// <summary>The remote participants with their track publications, in the client's map order.</summary>
    public IReadOnlyList<ClientParticipantState> RemoteParticipants { get; init; } = [];
}
