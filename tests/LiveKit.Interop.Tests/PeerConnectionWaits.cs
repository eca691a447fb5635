using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;

namespace LiveKit.Interop.Tests;

/// <summary>Awaiting our connection's states in the interop tests.</summary>
internal static class PeerConnectionWaits
{
    /// <summary>Completes at Connected; fails with the reason if the connection fails first.</summary>
    public static Task WhenConnectedAsync(PeerConnection connection, CancellationToken ct)
    {
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionStateChanged += s =>
        {
            if (s == PeerConnectionState.Connected)
            {
                connected.TrySetResult();
            }
            else if (s == PeerConnectionState.Failed)
            {
                connected.TrySetException(new InvalidOperationException($"Our connection failed: {connection.FailureReason}"));
            }
        };
        return connected.Task.WaitAsync(ct);
    }

    /// <summary>Completes when the connection reaches <paramref name="state"/>.</summary>
    public static Task WhenStateAsync(PeerConnection connection, PeerConnectionState state, CancellationToken ct)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionStateChanged += s =>
        {
            if (s == state)
            {
                reached.TrySetResult();
            }
        };
        return reached.Task.WaitAsync(ct);
    }
}
