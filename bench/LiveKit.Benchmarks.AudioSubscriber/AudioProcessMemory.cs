using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LiveKit.Benchmarks;

/// <summary>
/// This process's resident memory from <c>/proc/self/status</c> (proc(5)): <c>VmRSS</c> (all resident pages),
/// <c>VmHWM</c> (its peak), and the part of it that is anonymous memory (<c>RssAnon</c>: heaps, stacks, the GC's
/// segments) or file pages (<c>RssFile</c>: mapped assemblies and native libraries).
/// </summary>
internal readonly record struct AudioProcessMemory(long RssBytes, long PeakRssBytes, long AnonymousBytes, long FileBytes)
{
    /// <summary>Reads the current values.</summary>
    public static AudioProcessMemory ReadCurrent()
    {
        long rss = 0, peak = 0, anonymous = 0, file = 0;
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anonymous = Kilobytes(line);
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                file = Kilobytes(line);
            }
        }

        return new AudioProcessMemory(rss, peak, anonymous, file);
    }

    /// <summary>
    /// The mappings of /proc/self/smaps with the most resident memory, summed by what is mapped (a file's path, or
    /// <c>[heap]</c>, <c>[stack]</c>, or <c>[anonymous]</c> for mappings without a name), largest first.
    /// </summary>
    public static IReadOnlyList<(string Mapping, long RssBytes)> LargestMappings(int count)
    {
        var totals = new Dictionary<string, long>();
        string current = "[anonymous]";
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            // A mapping's header: "start-end perms offset dev inode [path]"; its fields follow as "Name:   value kB".
            string[] fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && fields[0].Contains('-') && !fields[0].EndsWith(':'))
            {
                current = fields.Length == 6 ? fields[5].Trim() : "[anonymous]";
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                totals[current] = totals.GetValueOrDefault(current) + Kilobytes(line);
            }
        }

        return totals.OrderByDescending(t => t.Value).Take(count).Select(t => (t.Key, t.Value)).ToArray();
    }

    /// <summary>"12.3 MB" (10^6 bytes).</summary>
    public static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    // "VmRSS:	   51234 kB"
    private static long Kilobytes(string line)
    {
        string value = line[(line.IndexOf(':') + 1)..].Trim();
        return long.Parse(value[..value.IndexOf(' ')], CultureInfo.InvariantCulture) * 1024;
    }
}
