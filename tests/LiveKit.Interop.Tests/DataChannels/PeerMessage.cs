namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>One message a real peer kept (<c>getMessages</c>).</summary>
/// <param name="Data">Its bytes (UTF-8 for text).</param>
/// <param name="IsText">Sent as a string.</param>
public sealed record PeerMessage(byte[] Data, bool IsText)
{
    /// <summary>The bytes as UTF-8 text.</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Data);
}
