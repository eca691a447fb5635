using System;

namespace LiveKit.Media.Tests;

/// <summary>
/// Measures what steady state allocates. The runtime itself allocates now and then on a busy machine (tiered
/// compilation, on-stack replacement) at any moment, so one window can catch a few bytes that are not the code's: steady
/// state means some window of the work allocates nothing.
/// </summary>
internal static class SteadyStateAllocation
{
    /// <summary>The fewest bytes any of <paramref name="windows"/> runs of <paramref name="window"/> allocated on this thread.</summary>
    public static long FewestBytes(Action window, int windows = 5)
    {
        long fewest = long.MaxValue;
        for (int i = 0; i < windows && fewest > 0; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            window();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
