using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// A <c>t=</c> line (RFC 8866 §5.9) with the <c>r=</c> lines that follow it (§5.10), kept as text since WebRTC
/// always writes <c>t=0 0</c> and never repeats.
/// </summary>
/// <param name="StartTime">NTP start time, 0 for unbounded.</param>
/// <param name="StopTime">NTP stop time, 0 for unbounded.</param>
public sealed record SdpTiming(ulong StartTime, ulong StopTime)
{
    /// <summary><c>t=0 0</c>: a permanent session, which is what JSEP writes (RFC 8829 §5.2.1).</summary>
    public static SdpTiming Unbounded { get; } = new(0, 0);

    /// <summary>The text of the <c>r=</c> lines that belong to this timing, in order.</summary>
    public IReadOnlyList<string> Repeats { get; init; } = Array.Empty<string>();

    /// <summary>Parses the text after <c>t=</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpTiming? timing, out string error)
    {
        timing = null;
        string[] parts = value.Split(' ');
        if (parts.Length != 2 || !SdpText.TryParseULong(parts[0], out ulong start) || !SdpText.TryParseULong(parts[1], out ulong stop))
        {
            error = "t= must be <start-time> <stop-time>";
            return false;
        }

        timing = new SdpTiming(start, stop);
        error = "";
        return true;
    }

    /// <summary>The text after <c>t=</c>.</summary>
    public override string ToString() => SdpText.Format(StartTime) + " " + SdpText.Format(StopTime);
}
