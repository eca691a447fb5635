namespace LiveKit.Interop.Tests.Pion;

/// <summary>Which kind of session description is handed to <see cref="PionPeer.SetRemoteAsync"/>.</summary>
public enum PionSdpType
{
    /// <summary>An offer; the peer answers it with <see cref="PionPeer.CreateAnswerAsync"/>.</summary>
    Offer,

    /// <summary>The answer to this peer's offer.</summary>
    Answer,
}
