using System;

namespace LiveKit.WebRtc.DataChannels;

/// <summary>Settings of a <see cref="DataChannelTransport"/>, from the connection's options.</summary>
internal sealed record DataChannelTransportOptions
{
    /// <summary>The largest message we accept: our <c>a=max-message-size</c> (RFC 8841 §6).</summary>
    public int MaxReceiveMessageSize { get; init; } = 262144;

    /// <summary>The cap on what we send when the peer says <c>a=max-message-size:0</c> (no limit).</summary>
    public int MaxSendMessageSizeWhenUnlimited { get; init; } = 16 * 1024 * 1024;

    /// <summary>The clock for the association's timers.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Randomness for verification tags and initial TSNs; null for a cryptographic source.</summary>
    public Random? Random { get; init; }
}
