using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace LiveKit.Benchmarks;

/// <summary>
/// The CPU time a process has used, user plus system (<c>utime + stime</c>, fields 14 and 15 of <c>/proc/&lt;pid&gt;/stat</c>,
/// proc(5)): every thread's, the kernel's work on its behalf included (a loopback <c>sendto</c> runs the receiving
/// side's UDP path in the sender's system time). Counted in clock ticks, <c>getconf CLK_TCK</c> per second (100 on
/// Linux: 10 ms resolution, so a window should cost seconds of CPU, not milliseconds).
/// </summary>
internal static class ProcessCpuTime
{
    private static readonly Lazy<long> TicksPerSecond = new(ReadClockTicks);

    /// <summary>The resolution of <see cref="Read"/>.</summary>
    public static TimeSpan Resolution => TimeSpan.FromSeconds(1.0 / TicksPerSecond.Value);

    /// <summary>User plus system CPU time of process <paramref name="pid"/> so far.</summary>
    public static TimeSpan Read(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name (field 2) is in parentheses and may hold spaces or ')': fields are counted after the last ')'.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        const int FirstFieldAfterName = 3; // fields[0] is field 3 (state)
        long user = long.Parse(fields[14 - FirstFieldAfterName], CultureInfo.InvariantCulture);
        long system = long.Parse(fields[15 - FirstFieldAfterName], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((double)(user + system) / TicksPerSecond.Value);
    }

    /// <summary>This process's CPU time so far, read the same way.</summary>
    public static TimeSpan ReadCurrent() => Read(Environment.ProcessId);

    private static long ReadClockTicks()
    {
        var start = new ProcessStartInfo("getconf") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("CLK_TCK");
        using Process getconf = Process.Start(start) ?? throw new InvalidOperationException("getconf did not start.");
        string output = getconf.StandardOutput.ReadToEnd().Trim();
        getconf.WaitForExit();
        return long.TryParse(output, NumberStyles.Integer, CultureInfo.InvariantCulture, out long ticks) && ticks > 0
            ? ticks
            : throw new InvalidOperationException($"getconf CLK_TCK printed '{output}', not a tick rate.");
    }
}
