using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary><c>a=msid:&lt;stream id&gt; [&lt;track id&gt;]</c> (RFC 8830 §2); the stream id is <c>-</c> for no stream.</summary>
/// <param name="StreamId">The MediaStream id.</param>
/// <param name="TrackId">The application data, the track id in WebRTC; null when absent.</param>
public sealed record SdpMsid(string StreamId, string? TrackId)
{
    /// <summary>Parses the value of <c>a=msid</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpMsid? msid, out string error)
    {
        msid = null;
        string[] parts = value.Split(' ');
        if (parts.Length is < 1 or > 2 || parts[0].Length == 0 || (parts.Length == 2 && parts[1].Length == 0))
        {
            error = "a=msid must be <stream id> [<track id>]";
            return false;
        }

        msid = new SdpMsid(parts[0], parts.Length == 2 ? parts[1] : null);
        error = "";
        return true;
    }

    /// <summary>The attribute value.</summary>
    public string ToValue() => TrackId is null ? StreamId : StreamId + " " + TrackId;

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.Msid, ToValue());
}
