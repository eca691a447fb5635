using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace LiveKit.Media.Codecs;

/// <summary>
/// The one <see cref="NativeLibrary.SetDllImportResolver"/> of this assembly, and the table of native codec
/// libraries it resolves. The runtime allows a single resolver per assembly (a second
/// <c>SetDllImportResolver</c> call throws <see cref="InvalidOperationException"/>), so another codec binding in
/// LiveKit.Media (libvpx) adds an entry to <see cref="s_libraries"/> instead of registering its own resolver.
/// </summary>
/// <remarks>
/// Without the -dev packages only the versioned sonames exist (<c>libopus.so.0</c>), which the runtime's default
/// probing of <c>"opus"</c> (<c>libopus.so</c>, <c>opus.so</c>...) never tries: hence the explicit names.
/// </remarks>
internal static class NativeCodecLibraries
{
    /// <summary>libopus: the name the <c>[LibraryImport]</c>s use, then the files tried in order.</summary>
    internal static readonly NativeCodecLibrary Opus = new(
        name: "opus",
        displayName: "Opus audio codec",
        // The soname of Debian's libopus0, then the -dev symlink, then the bare name for the runtime's own
        // per-platform probing (opus.dll, libopus.dylib).
        fileNames: ["libopus.so.0", "libopus.so", "opus"],
        debianPackage: "libopus0");

    /// <summary>libvpx (VP8): the name the <c>[LibraryImport]</c>s use, then the only file tried.</summary>
    internal static readonly NativeCodecLibrary Vpx = new(
        name: "vpx",
        displayName: "VP8 video codec (libvpx)",
        // Only the soname of Debian's libvpx7 (libvpx 1.12): the struct layouts and ABI versions in Codecs/Vp8 are
        // that release's, and libvpx changes its soname when they change, so the -dev symlink libvpx.so (or a bare
        // "vpx") could bind another release whose vpx_codec_enc_cfg_t is laid out differently.
        fileNames: ["libvpx.so.7"],
        debianPackage: "libvpx7");

    private static readonly NativeCodecLibrary[] s_libraries = [Opus, Vpx];

    // A static constructor (not a flag) so that the runtime's type-initialisation lock makes every other thread
    // wait until the resolver is in place: a P/Invoke that raced past it would be bound by default probing.
    static NativeCodecLibraries() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeCodecLibraries).Assembly, ResolveForRuntime);

    /// <summary>Registers the resolver, once per process; later calls do nothing.</summary>
    internal static void EnsureRegistered()
    {
        // The body is empty on purpose: calling this runs the static constructor exactly once.
    }

    /// <summary>Loader seam for tests: tries to load one file name.</summary>
    internal delegate bool Loader(string fileName, out IntPtr handle);

    /// <summary>
    /// Resolves <paramref name="libraryName"/> when it is one of ours: the first of its file names that
    /// <paramref name="load"/> loads. Returns <see cref="IntPtr.Zero"/> for names that are not ours (default
    /// probing then applies).
    /// </summary>
    /// <exception cref="DllNotFoundException">The library is ours and no file name loads; the message names the
    /// Debian package that installs it.</exception>
    internal static IntPtr Resolve(string libraryName, Loader load)
    {
        foreach (NativeCodecLibrary library in s_libraries)
        {
            if (!string.Equals(library.Name, libraryName, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (string fileName in library.FileNames)
            {
                if (load(fileName, out IntPtr handle))
                {
                    return handle;
                }
            }

            throw new DllNotFoundException(BuildMissingLibraryMessage(library));
        }

        return IntPtr.Zero;
    }

    /// <summary>The message of the exception thrown when <paramref name="library"/> cannot be loaded.</summary>
    internal static string BuildMissingLibraryMessage(NativeCodecLibrary library) =>
        $"The {library.DisplayName} library could not be loaded (tried {string.Join(", ", library.FileNames)}). " +
        $"Install the Debian/Ubuntu package {library.DebianPackage}: scripts/install-deps.sh installs it, " +
        $"or run 'sudo apt-get install {library.DebianPackage}'.";

    private static IntPtr ResolveForRuntime(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        Resolve(libraryName, (string fileName, out IntPtr handle) =>
            NativeLibrary.TryLoad(fileName, assembly, searchPath, out handle));
}
