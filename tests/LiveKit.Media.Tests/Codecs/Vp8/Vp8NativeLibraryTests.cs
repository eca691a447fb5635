using System;
using System.Collections.Generic;
using LiveKit.Media.Codecs;
using Xunit;

namespace LiveKit.Media.Tests.Codecs.Vp8;

public class Vp8NativeLibraryTests
{
    [Fact]
    public void The_missing_library_message_names_the_Debian_package_and_the_script()
    {
        string message = NativeCodecLibraries.BuildMissingLibraryMessage(NativeCodecLibraries.Vpx);

        Assert.Contains("libvpx7", message);
        Assert.Contains("scripts/install-deps.sh", message);
        Assert.Contains("libvpx.so.7", message);
    }

    [Fact]
    public void The_resolver_tries_only_the_soname_of_libvpx_1_12_and_throws_naming_libvpx7_when_it_does_not_load()
    {
        var tried = new List<string>();

        var error = Assert.Throws<DllNotFoundException>(() => NativeCodecLibraries.Resolve("vpx", (string name, out IntPtr handle) =>
        {
            tried.Add(name);
            handle = IntPtr.Zero;
            return false;
        }));

        Assert.Equal(["libvpx.so.7"], tried);
        Assert.Contains("libvpx7", error.Message);
        Assert.Contains("sudo apt-get install libvpx7", error.Message);
    }

    [Fact]
    public void The_resolver_returns_the_loaded_libvpx()
    {
        IntPtr resolved = NativeCodecLibraries.Resolve("vpx", (string name, out IntPtr handle) =>
        {
            handle = name == "libvpx.so.7" ? 77 : IntPtr.Zero;
            return handle != IntPtr.Zero;
        });

        Assert.Equal(77, resolved);
    }

    [Fact]
    public void Opus_still_resolves_through_the_same_table()
    {
        var tried = new List<string>();

        Assert.Throws<DllNotFoundException>(() => NativeCodecLibraries.Resolve("opus", (string name, out IntPtr handle) =>
        {
            tried.Add(name);
            handle = IntPtr.Zero;
            return false;
        }));

        Assert.Equal(["libopus.so.0", "libopus.so", "opus"], tried);
    }
}
