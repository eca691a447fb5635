namespace LiveKit.WebRtc.Sdp;

/// <summary>Why a session description (or one of its lines) could not be parsed.</summary>
/// <param name="LineNumber">One-based number of the offending line, or 0 when the error is not tied to a line.</param>
/// <param name="Message">What was wrong, in words.</param>
public sealed record SdpError(int LineNumber, string Message)
{
    /// <inheritdoc />
    public override string ToString() => LineNumber > 0 ? $"line {LineNumber}: {Message}" : Message;
}
