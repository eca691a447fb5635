using System;
using System.Runtime.InteropServices;

namespace LiveKit.Media.Codecs.Opus;

/// <summary>Facts about the loaded libopus.</summary>
public static class OpusLibrary
{
    private static string? s_versionString;

    /// <summary>The version libopus reports, e.g. <c>"libopus 1.3.1"</c> (<c>opus_get_version_string</c>).</summary>
    /// <exception cref="DllNotFoundException">libopus is not installed; the message names the package.</exception>
    public static unsafe string VersionString =>
        s_versionString ??= Marshal.PtrToStringUTF8((IntPtr)OpusNative.GetVersionString()) ?? string.Empty;
}
