using System;
using System.Collections.Generic;
using System.IO;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// Which Chromium the harness launches and with which switches (docs: shared interop-rig notes). Playwright adds
/// its own defaults (headless, --no-sandbox, --mute-audio...) before these; none of them downloads anything.
/// </summary>
public static class ChromiumCommandLine
{
    /// <summary>Environment variable that overrides <see cref="DefaultExecutablePath"/>.</summary>
    public const string ExecutableVariable = "LIVEKIT_CHROMIUM";

    /// <summary>Debian's binary; the <c>/usr/bin/chromium</c> wrapper script prints shell noise.</summary>
    public const string DefaultExecutablePath = "/usr/lib/chromium/chromium";

    /// <summary>
    /// The switches that make Chromium a WebRTC peer on loopback:
    /// <c>--allow-loopback-in-peer-connection</c> (without it no candidate is gathered and ICE stays new),
    /// the fake capture devices and permission prompt (without the fake prompt no candidate is gathered either,
    /// even for data only), host candidates as addresses rather than mDNS names, nothing in the background that
    /// would reach for the network, and received audio played without a user gesture.
    /// </summary>
    public static IReadOnlyList<string> Switches { get; } =
    [
        "--no-sandbox",
        "--allow-loopback-in-peer-connection",
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        "--disable-features=WebRtcHideLocalIpsWithMdns",
        "--autoplay-policy=no-user-gesture-required",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-quic",
    ];

    /// <summary>The executable to launch; throws with the package that installs it when it is missing.</summary>
    public static string ResolveExecutable()
    {
        string path = System.Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } overridden
            ? overridden
            : DefaultExecutablePath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {path}: install Debian's chromium (scripts/install-deps.sh does), or set " +
                $"{ExecutableVariable}. The harness never lets Playwright download a browser.");
        }

        return path;
    }
}
