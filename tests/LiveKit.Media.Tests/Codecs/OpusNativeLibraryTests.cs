using System;
using System.Collections.Generic;
using LiveKit.Media.Codecs;
using LiveKit.Media.Codecs.Opus;
using Xunit;

namespace LiveKit.Media.Tests.Codecs;

public class OpusNativeLibraryTests
{
    [Fact]
    public void The_loaded_library_is_libopus_1()
    {
        Assert.StartsWith("libopus 1.", OpusLibrary.VersionString);
    }

    [Fact]
    public void Error_text_comes_from_opus_strerror()
    {
        Assert.Equal("corrupted stream", OpusNative.GetErrorText(OpusNative.InvalidPacket));
        Assert.Equal("buffer too small", OpusNative.GetErrorText(OpusNative.BufferTooSmall));
    }

    [Fact]
    public void The_missing_library_message_names_the_Debian_package_and_the_script()
    {
        string message = NativeCodecLibraries.BuildMissingLibraryMessage(NativeCodecLibraries.Opus);

        Assert.Contains("libopus0", message);
        Assert.Contains("scripts/install-deps.sh", message);
        Assert.Contains("libopus.so.0", message);
    }

    [Fact]
    public void The_resolver_tries_the_versioned_soname_first_and_throws_naming_the_package_when_nothing_loads()
    {
        var tried = new List<string>();

        var error = Assert.Throws<DllNotFoundException>(() => NativeCodecLibraries.Resolve("opus", (string name, out IntPtr handle) =>
        {
            tried.Add(name);
            handle = IntPtr.Zero;
            return false;
        }));

        Assert.Equal(["libopus.so.0", "libopus.so", "opus"], tried);
        Assert.Contains("libopus0", error.Message);
    }

    [Fact]
    public void The_resolver_returns_the_first_file_that_loads()
    {
        var tried = new List<string>();

        IntPtr resolved = NativeCodecLibraries.Resolve("opus", (string name, out IntPtr handle) =>
        {
            tried.Add(name);
            handle = name == "libopus.so" ? 42 : IntPtr.Zero;
            return handle != IntPtr.Zero;
        });

        Assert.Equal(42, resolved);
        Assert.Equal(["libopus.so.0", "libopus.so"], tried);
    }

    [Fact]
    public void The_resolver_leaves_other_libraries_to_default_probing()
    {
        IntPtr resolved = NativeCodecLibraries.Resolve("libc", (string name, out IntPtr handle) =>
            throw new InvalidOperationException("must not be called for a library that is not ours"));

        Assert.Equal(IntPtr.Zero, resolved);
    }
}
