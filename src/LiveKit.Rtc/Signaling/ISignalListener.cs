using LiveKit.Proto;

namespace LiveKit.Rtc.Signaling;

/// <summary>
/// What a started <see cref="SignalClient"/> reports. Both methods are called on the client's read loop, one at a
/// time, so they must not block: post the work elsewhere (the room loop) and return.
/// </summary>
internal interface ISignalListener
{
    /// <summary>A message from the server after the join response, in arrival order (pongs included).</summary>
    void OnSignalResponse(SignalResponse response);

    /// <summary>
    /// The connection ended for a reason other than <see cref="SignalClient.CloseAsync"/> or
    /// <see cref="SignalClient.DisposeAsync"/>. Called at most once, after the last <see cref="OnSignalResponse"/>.
    /// </summary>
    void OnSignalClosed(SignalClosed closed);
}
