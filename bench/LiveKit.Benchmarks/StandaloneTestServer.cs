using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace LiveKit.Benchmarks;

/// <summary>
/// The standalone test server (<c>livekit-test-server.dll</c>, copied beside the benchmarks by the project reference) in
/// its own process, <c>dotnet livekit-test-server.dll --port 0</c>, so that its CPU time is its own. <c>dotnet app.dll</c>
/// runs the app in the host process itself, so <see cref="ProcessId"/> is the server's. Its output is drained (a full
/// pipe would stall its logger) and the last lines kept for error messages.
/// </summary>
internal sealed class StandaloneTestServer : IAsyncDisposable
{
    private const string Banner = "LiveKit test server on ";
    private const int KeptLines = 50;

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private Task[] _drains = [];

    private StandaloneTestServer(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>The signal URL the program printed: <c>ws://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The server process's id, for <see cref="ProcessCpuTime.Read"/>.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The API key the program uses by default (<c>livekit-server --dev</c>'s).</summary>
    public static string ApiKey => "devkey";

    /// <summary>The API secret the program uses by default.</summary>
    public static string ApiSecret => "secret";

    /// <summary>Starts the program and waits for its banner (the first line it prints).</summary>
    public static async Task<StandaloneTestServer> StartAsync(TimeSpan timeout)
    {
        string program = Path.Combine(AppContext.BaseDirectory, "livekit-test-server.dll");
        if (!File.Exists(program))
        {
            throw new InvalidOperationException($"{program} is missing: build bench/LiveKit.Benchmarks (it references src/LiveKit.Testing.Server).");
        }

        // The host that runs these benchmarks (dotnet LiveKit.Benchmarks.dll) runs the server too.
        string host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { program, "--port", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException($"{host} {program} did not start.");
        try
        {
            string? banner = await process.StandardOutput.ReadLineAsync().WaitAsync(timeout).ConfigureAwait(false);
            if (banner is null || !banner.StartsWith(Banner, StringComparison.Ordinal))
            {
                string error = await process.StandardError.ReadToEndAsync().WaitAsync(timeout).ConfigureAwait(false);
                throw new InvalidOperationException($"The test server printed '{banner}' instead of its banner: {error}");
            }

            string url = banner[Banner.Length..banner.IndexOf(' ', Banner.Length)];
            var server = new StandaloneTestServer(process, new Uri(url));
            server._drains = [server.DrainAsync(process.StandardOutput), server.DrainAsync(process.StandardError)];
            return server;
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>The last lines the program printed (its log), oldest first.</summary>
    public IReadOnlyList<string> LastLines
    {
        get
        {
            lock (_lastLines)
            {
                return _lastLines.ToArray();
            }
        }
    }

    /// <summary>Whether the process is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Stops the program (this process only) and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        await Task.WhenAll(_drains).ConfigureAwait(false);
        _process.Dispose();
    }

    private async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            Keep(line);
        }
    }

    private void Keep(string line)
    {
        lock (_lastLines)
        {
            if (_lastLines.Count == KeptLines)
            {
                _lastLines.Dequeue();
            }

            _lastLines.Enqueue(line);
        }
    }
}
