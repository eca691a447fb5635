using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// Debian's Chromium, headless, launched through Playwright with a fresh profile, plus the HTTP server on 127.0.0.1
/// that serves the peer page. An xunit fixture (<c>IClassFixture&lt;ChromiumBrowser&gt;</c>, or a collection
/// fixture): <see cref="InitializeAsync"/> checks that only loopback is up, starts the server and launches the
/// browser; <see cref="CreatePeerAsync"/> opens one page per peer.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    private PeerPageServer? _server;
    private IPlaywright? _playwright;
    private IBrowserContext? _context;
    private string? _profile;

    /// <summary>The bound on each page operation and each wait; 30 s by default.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long starting Playwright's driver took.</summary>
    public TimeSpan DriverStartTime { get; private set; }

    /// <summary>How long launching Chromium took, until Playwright had its first page.</summary>
    public TimeSpan LaunchTime { get; private set; }

    /// <summary>The browser's version, e.g. <c>156.0.7...</c>.</summary>
    public string Version { get; private set; } = "";

    /// <summary>Where the peer page is served: <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri PageAddress => (_server ?? throw NotStarted()).BaseAddress;

    /// <summary>The Playwright browser context, for what this class does not cover.</summary>
    public IBrowserContext Context => _context ?? throw NotStarted();

    /// <summary>Creates and initializes a browser outside xunit; dispose it with <see cref="DisposeAsync"/>.</summary>
    public static async Task<ChromiumBrowser> LaunchAsync()
    {
        var browser = new ChromiumBrowser();
        await browser.InitializeAsync().ConfigureAwait(false);
        return browser;
    }

    /// <summary>Checks that only loopback is up, serves the page, launches Chromium. Cleans up if any step fails.</summary>
    public async Task InitializeAsync()
    {
        LoopbackOnlyNetwork.EnsureLoopbackOnly();
        string executable = ChromiumCommandLine.ResolveExecutable();
        try
        {
            _server = PeerPageServer.Start();
            _profile = Directory.CreateTempSubdirectory("lk-chromium-profile-").FullName;

            var clock = Stopwatch.StartNew();
            _playwright = await Playwright.CreateAsync().ConfigureAwait(false);
            DriverStartTime = clock.Elapsed;

            clock.Restart();
            _context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = executable,
                Headless = true,
                ChromiumSandbox = false,
                Args = [.. ChromiumCommandLine.Switches],
                Timeout = (float)OperationTimeout.TotalMilliseconds,
            }).ConfigureAwait(false);
            LaunchTime = clock.Elapsed;
            Version = _context.Browser?.Version ?? "";
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens a new page and creates its RTCPeerConnection. <paramref name="configurationJson"/> is an RTCConfiguration
    /// as JSON (e.g. <c>{"bundlePolicy":"max-bundle"}</c>); null for Chromium's defaults with no ICE servers.
    /// </summary>
    public Task<ChromiumPeer> CreatePeerAsync(string name, string? configurationJson = null, CancellationToken cancellationToken = default) =>
        ChromiumPeer.OpenAsync(Context, PageAddress, name, OperationTimeout, configurationJson, cancellationToken);

    /// <summary>Closes the browser and Playwright, stops the server, deletes the profile.</summary>
    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            try
            {
                await _context.CloseAsync().WaitAsync(OperationTimeout).ConfigureAwait(false);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // Already gone; disposing Playwright below ends the driver and with it the browser.
            }

            _context = null;
        }

        _playwright?.Dispose();
        _playwright = null;

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }

        if (_profile is not null)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file still held open; the temp folder is the system's to clean.
            }

            _profile = null;
        }
    }

    private static InvalidOperationException NotStarted() =>
        new("the Chromium browser is not initialized: use it as an xunit fixture or through ChromiumBrowser.LaunchAsync()");
}
