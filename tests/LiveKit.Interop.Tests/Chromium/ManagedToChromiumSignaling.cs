using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Ice;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// Trickles candidates both ways between our <see cref="PeerConnection"/> and a Chromium page until both have sent
/// end-of-candidates. Ours wait until Chromium has a remote description (addIceCandidate refuses them before), as a
/// signalling server would hold them.
/// </summary>
internal sealed class ManagedToChromiumSignaling
{
    private readonly Channel<IceCandidateInit> _ours = Channel.CreateUnbounded<IceCandidateInit>();
    private readonly TaskCompletionSource _chromiumHasRemoteDescription = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ManagedToChromiumSignaling(PeerConnection connection, ChromiumPeer chromium, CancellationToken cancellationToken)
    {
        connection.IceCandidateGathered += c => _ours.Writer.TryWrite(c);
        Completion = Task.WhenAll(ToChromiumAsync(chromium, cancellationToken), FromChromiumAsync(connection, chromium, cancellationToken));
    }

    /// <summary>Completes when every candidate has been delivered; faults when a delivery failed.</summary>
    public Task Completion { get; }

    /// <summary>Chromium has our description now; our candidates may go.</summary>
    public void ChromiumHasRemoteDescription() => _chromiumHasRemoteDescription.TrySetResult();

    private async Task ToChromiumAsync(ChromiumPeer chromium, CancellationToken cancellationToken)
    {
        await _chromiumHasRemoteDescription.Task.WaitAsync(cancellationToken);
        await foreach (IceCandidateInit candidate in _ours.Reader.ReadAllAsync(cancellationToken))
        {
            await chromium.AddIceCandidateAsync(candidate, cancellationToken);
            if (candidate.IsEndOfCandidates)
            {
                return;
            }
        }
    }

    private static async Task FromChromiumAsync(PeerConnection connection, ChromiumPeer chromium, CancellationToken cancellationToken)
    {
        await foreach (IceCandidateInit candidate in chromium.LocalCandidates.ReadAllAsync(cancellationToken))
        {
            connection.AddIceCandidate(candidate);
        }
    }
}
