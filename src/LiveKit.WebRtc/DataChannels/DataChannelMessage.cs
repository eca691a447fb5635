using System;
using System.Text;

namespace LiveKit.WebRtc;

/// <summary>One message received on a data channel: its bytes, and whether the sender sent it as text.</summary>
public readonly struct DataChannelMessage
{
    /// <summary>Creates a message.</summary>
    public DataChannelMessage(ReadOnlyMemory<byte> data, bool isText)
    {
        Data = data;
        IsText = isText;
    }

    /// <summary>The message bytes (UTF-8 when <see cref="IsText"/>). The memory belongs to the reader.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>True when the sender sent a string (PPID 51 or 56, RFC 8831 §8).</summary>
    public bool IsText { get; }

    /// <summary>The bytes decoded as UTF-8; invalid sequences become U+FFFD.</summary>
    public string GetText() => Encoding.UTF8.GetString(Data.Span);
}
