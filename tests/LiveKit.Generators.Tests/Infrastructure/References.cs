using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LiveKit.Rtc.Events;
using Microsoft.CodeAnalysis;

namespace LiveKit.Generators.Tests.Infrastructure;

/// <summary>
/// What in-memory compilations reference: the framework, logging abstractions and the real LiveKit.Rtc runtime (not
/// the test assembly, which has its own generated ChatRoom).
/// </summary>
internal static class References
{
    public static IReadOnlyList<MetadataReference> All { get; } = Load();

    private static List<MetadataReference> Load()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var framework = trusted.Where(path =>
        {
            var name = Path.GetFileNameWithoutExtension(path);
            return name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "mscorlib" or "netstandard";
        });

        return framework
            .Append(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location)
            .Append(typeof(EventHandlerList).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    }
}
