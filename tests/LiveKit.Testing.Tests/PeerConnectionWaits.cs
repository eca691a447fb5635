using System;
using System.Threading.Tasks;
using LiveKit.WebRtc;

namespace LiveKit.Testing.Tests;

/// <summary>Awaits PeerConnection states through its events (no polling).</summary>
internal static class PeerConnectionWaits
{
    public static async Task ConnectedAsync(PeerConnection connection)
    {
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnState(PeerConnectionState state)
        {
            if (state == PeerConnectionState.Connected)
            {
                connected.TrySetResult();
            }
            else if (state is PeerConnectionState.Failed or PeerConnectionState.Closed)
            {
                connected.TrySetException(new InvalidOperationException($"The connection went {state}."));
            }
        }

        connection.ConnectionStateChanged += OnState;
        try
        {
            OnState(connection.ConnectionState);
            await connected.Task.WaitAsync(SignalTestClient.Timeout);
        }
        finally
        {
            connection.ConnectionStateChanged -= OnState;
        }
    }
}
