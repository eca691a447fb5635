namespace LiveKit.Interop.Tests.Chromium;

/// <summary>The page's <c>RTCPeerConnection.iceGatheringState</c> (W3C WebRTC §4.4.2 RTCIceGatheringState).</summary>
public enum GatheringState
{
    /// <summary>No gathering yet.</summary>
    New,

    /// <summary>Gathering candidates.</summary>
    Gathering,

    /// <summary>Gathering finished: the end-of-candidates indication has been emitted.</summary>
    Complete,
}
