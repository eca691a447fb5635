using System.Collections.Generic;

namespace LiveKit.Rtc;

/// <summary>
/// LiveKit's msid convention (brief §3.5): a subscribed m-line carries <c>a=msid:&lt;PA_sid&gt;|&lt;TR_sid or stream&gt; &lt;TR_sid&gt;</c>,
/// which names the publisher and the published track.
/// </summary>
internal static class TrackMsid
{
    /// <summary>Reads the participant sid and the track sid; false when the msid does not follow the convention.</summary>
    /// <param name="streamIds">The receiver's stream ids (the first one is used).</param>
    /// <param name="trackId">The receiver's msid track id.</param>
    /// <param name="participantSid">The publisher's sid (<c>PA_...</c>).</param>
    /// <param name="trackSid">The published track's sid (<c>TR_...</c>).</param>
    public static bool TryParse(IReadOnlyList<string> streamIds, string? trackId, out string participantSid, out string trackSid)
    {
        participantSid = string.Empty;
        trackSid = string.Empty;
        if (streamIds.Count == 0)
        {
            return false;
        }

        string stream = streamIds[0];
        int bar = stream.IndexOf('|');
        if (bar <= 0)
        {
            return false;
        }

        participantSid = stream[..bar];
        string afterBar = stream[(bar + 1)..];
        if (afterBar.StartsWith("TR", System.StringComparison.Ordinal))
        {
            trackSid = afterBar;
        }
        else if (trackId is not null && trackId.StartsWith("TR", System.StringComparison.Ordinal))
        {
            trackSid = trackId;
        }

        return trackSid.Length > 0;
    }
}
