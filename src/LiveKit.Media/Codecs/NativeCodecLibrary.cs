namespace LiveKit.Media.Codecs;

/// <summary>A native codec library: its import name, the files that provide it, and the package to install.</summary>
internal sealed class NativeCodecLibrary
{
    internal NativeCodecLibrary(string name, string displayName, string[] fileNames, string debianPackage)
    {
        Name = name;
        DisplayName = displayName;
        FileNames = fileNames;
        DebianPackage = debianPackage;
    }

    /// <summary>The library name in <c>[LibraryImport]</c>.</summary>
    internal string Name { get; }

    /// <summary>What the library is, for messages.</summary>
    internal string DisplayName { get; }

    /// <summary>The files tried, in order.</summary>
    internal string[] FileNames { get; }

    /// <summary>The Debian package that installs the library (scripts/install-deps.sh installs it).</summary>
    internal string DebianPackage { get; }
}
