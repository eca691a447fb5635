using System;
using System.Collections.Generic;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>
/// Whether a lossy channel keeps delivering while a reliable one waits for retransmissions: a gap longer than a
/// threshold between two consecutive arrivals on the reliable channel is a stall; the arrivals of the other channel
/// inside the stalls are counted. Only stalls while the other channel was active count (after its first arrival and
/// before its last): a stall after the other sender finished, or before it began, says nothing. A channel held back
/// behind the reliable one's retransmissions (head-of-line blocking across streams) receives nothing during the stalls
/// and then everything at once. The pion peer (datachannel.go) and peer.js count the same way.
/// </summary>
/// <remarks>
/// The threshold only classifies gaps; no test asserts how long anything took. A sender may also stop sending during a
/// stall (after a retransmission timeout its congestion window is one packet), so tests assert on the sum over all
/// receivers, not per stall.
/// </remarks>
public static class StallMeasure
{
    /// <summary>The default threshold: on loopback, consecutive arrivals of a flowing channel are well under a millisecond apart.</summary>
    public static readonly TimeSpan DefaultThreshold = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Counts the gaps longer than <paramref name="threshold"/> between consecutive times of <paramref name="stalled"/>
    /// that lie within the span of <paramref name="others"/>, and the times of <paramref name="others"/> inside them; both
    /// lists ascending, on one clock.
    /// </summary>
    public static (int Stalls, int During) Count(IReadOnlyList<TimeSpan> stalled, IReadOnlyList<TimeSpan> others, TimeSpan threshold)
    {
        ArgumentNullException.ThrowIfNull(stalled);
        ArgumentNullException.ThrowIfNull(others);
        int stalls = 0;
        int during = 0;
        int j = 0;
        for (int k = 0; k + 1 < stalled.Count && others.Count > 0; k++)
        {
            if (stalled[k + 1] - stalled[k] <= threshold || others[0] > stalled[k] || others[^1] < stalled[k + 1])
            {
                continue;
            }

            stalls++;
            while (j < others.Count && others[j] <= stalled[k])
            {
                j++;
            }

            while (j < others.Count && others[j] < stalled[k + 1])
            {
                during++;
                j++;
            }
        }

        return (stalls, during);
    }
}
