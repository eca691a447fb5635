using System;

namespace LiveKit.WebRtc.DataChannels;

/// <summary>What the data channel layer needs from its peer connection: events raised safely, and counters.</summary>
internal interface IDataChannelOwner
{
    /// <summary>Invokes a handler, counting (not propagating) its exception.</summary>
    void Raise(Action? handler);

    /// <summary>Invokes a handler, counting (not propagating) its exception.</summary>
    void Raise<T>(Action<T>? handler, T value);

    /// <summary>The peer opened a channel in-band (W3C ondatachannel).</summary>
    void OnChannelReceived(DataChannel channel);

    /// <summary>A message was dropped: unknown stream or PPID, or a DCEP message that does not parse or is not allowed.</summary>
    void CountDroppedMessage();
}
