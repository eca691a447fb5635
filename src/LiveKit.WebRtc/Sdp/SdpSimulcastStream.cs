namespace LiveKit.WebRtc.Sdp;

/// <summary>One rid in an <c>a=simulcast</c> list (RFC 8853 §5.1): <c>[~]rid-id</c>, where <c>~</c> means paused.</summary>
/// <param name="Rid">The rid-id.</param>
/// <param name="Paused">True when written with a leading <c>~</c>.</param>
public readonly record struct SdpSimulcastStream(string Rid, bool Paused)
{
    /// <inheritdoc />
    public override string ToString() => Paused ? "~" + Rid : Rid;
}
