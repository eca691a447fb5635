using System;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary>Facts about the loaded libvpx.</summary>
public static class Vp8Library
{
    private static string? s_versionString;

    /// <summary>The version libvpx reports, e.g. <c>"v1.12.0"</c> (<c>vpx_codec_version_str</c>).</summary>
    /// <exception cref="DllNotFoundException">libvpx is not installed; the message names the package (libvpx7).</exception>
    public static string VersionString => s_versionString ??= Vp8Native.ToManaged(Vp8Native.VersionString());
}
