using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace LiveKit.Analyzers.Tests.Infrastructure;

/// <summary>
/// The references every test compilation gets, all from this machine: nothing is downloaded at test time.
/// </summary>
internal static class TestReferences
{
    /// <summary>
    /// A target framework with no reference assembly package: the test framework resolves nothing (and fetches
    /// nothing) for it; the framework's assemblies come from <see cref="Framework"/> instead.
    /// </summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = new("net10.0");

    /// <summary>
    /// The .NET reference assemblies of the installed targeting pack matching the running runtime
    /// (<c>&lt;dotnet&gt;/packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net&lt;major&gt;.0</c>), or, when no pack is
    /// installed, the running runtime's own assemblies (the trusted platform assemblies).
    /// </summary>
    public static ImmutableArray<MetadataReference> Framework { get; } = LoadFramework();

    /// <summary>Where <see cref="Framework"/> came from, for failure messages.</summary>
    public static string FrameworkSource { get; private set; } = string.Empty;

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        if (FindReferencePack() is { } pack)
        {
            FrameworkSource = pack;
            return Directory.GetFiles(pack, "*.dll")
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }

        FrameworkSource = "TRUSTED_PLATFORM_ASSEMBLIES";
        var trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        var runtimeDirectory = Path.GetFullPath(RuntimeEnvironment.GetRuntimeDirectory());
        return trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFullPath(path).StartsWith(runtimeDirectory, StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private static string? FindReferencePack()
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>/ -> <dotnet>
        var runtimeDirectory = Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory());
        var dotnetRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtimeDirectory)));
        if (dotnetRoot is null)
        {
            return null;
        }

        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs))
        {
            return null;
        }

        var major = Environment.Version.Major;
        var tfm = $"net{major}.0";
        return Directory.GetDirectories(packs)
            .Select(directory => (Directory: directory, Version: Version.TryParse(Path.GetFileName(directory).Split('-')[0], out var v) ? v : null))
            .Where(candidate => candidate.Version?.Major == major && Directory.Exists(Path.Combine(candidate.Directory, "ref", tfm)))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => Path.Combine(candidate.Directory, "ref", tfm))
            .FirstOrDefault();
    }
}
