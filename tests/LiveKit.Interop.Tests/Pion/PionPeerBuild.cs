using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>
/// Builds the pion peer program (Pion/peer, copied to the test output folder) with Debian's Go and pion packages,
/// in GOPATH mode because there is no module proxy: <c>GO111MODULE=off GOPATH=&lt;work&gt;:/usr/share/gocode
/// GOCACHE=&lt;cache&gt;/.cache go build</c>. The binary is cached under <c>&lt;test output&gt;/pion-peer/bin</c>
/// next to a stamp (a hash of the sources, <c>go version</c> and the installed pion package); a test run
/// rebuilds only when the stamp differs, and builds at most once.
/// </summary>
public static class PionPeerBuild
{
    /// <summary>Where Debian's golang-* packages install Go sources.</summary>
    public const string DebianGoPath = "/usr/share/gocode";

    private static readonly string PionSources = Path.Combine(DebianGoPath, "src", "github.com", "pion", "webrtc");

    private static readonly Lazy<Task<string>> Shared = new(
        () => BuildAsync(DefaultSourceDirectory, DefaultCacheDirectory, "go", CancellationToken.None),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The program's sources in the test output folder.</summary>
    public static string DefaultSourceDirectory => Path.Combine(AppContext.BaseDirectory, "Pion", "peer");

    /// <summary>The folder that holds the built program, its stamp and Go's build cache.</summary>
    public static string DefaultCacheDirectory => Path.Combine(AppContext.BaseDirectory, "pion-peer");

    /// <summary>
    /// The path of the built program: built by the first caller of the test run, reused from the cache when its
    /// stamp matches. A failed build fails every caller with the same <see cref="PionBuildException"/>.
    /// </summary>
    public static Task<string> GetExecutableAsync(CancellationToken cancellationToken = default) =>
        Shared.Value.WaitAsync(cancellationToken);

    /// <summary>
    /// Builds the program from <paramref name="sourceDirectory"/> into <paramref name="cacheDirectory"/> with the
    /// given <c>go</c>, or returns the cached binary when it is up to date. Concurrent builds into one cache
    /// folder are safe: each builds in a folder of its own and moves its binary into place; Go's build cache
    /// (<c>&lt;cacheDirectory&gt;/.cache</c> unless <paramref name="goCache"/> names another) is safe to share.
    /// </summary>
    /// <exception cref="PionBuildException">Go or pion is missing, or <c>go build</c> failed (the message holds go's stderr).</exception>
    public static async Task<string> BuildAsync(
        string sourceDirectory, string cacheDirectory, string goExecutable, CancellationToken cancellationToken,
        string? goCache = null)
    {
        if (!Directory.Exists(sourceDirectory))
        {
            throw new InvalidOperationException(
                $"The pion peer's sources are not at {sourceDirectory}: the test project copies Pion/peer/** to its output folder.");
        }

        ProcessResult version;
        try
        {
            version = await RunAsync(goExecutable, ["version"], null, new Dictionary<string, string>(), cancellationToken);
        }
        catch (Win32Exception e)
        {
            throw new PionBuildException($"Cannot run '{goExecutable}' to build the pion peer: {e.Message}.", e);
        }
        if (version.ExitCode != 0)
        {
            throw new PionBuildException($"'{goExecutable} version' failed (exit {version.ExitCode}):\n{version.Stderr}");
        }
        if (!Directory.Exists(PionSources))
        {
            throw new PionBuildException($"Debian's pion sources are not at {PionSources}.");
        }

        string[] sources = Directory.GetFiles(sourceDirectory)
            .Where(f => f.EndsWith(".go", StringComparison.Ordinal) || Path.GetFileName(f) == "go.mod")
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToArray();
        string stamp = Stamp(sources, version.Stdout.Trim());
        string binDirectory = Path.Combine(cacheDirectory, "bin");
        string executable = Path.Combine(binDirectory, "peer");
        string stampFile = executable + ".stamp";
        if (File.Exists(executable) && File.Exists(stampFile) && File.ReadAllText(stampFile) == stamp)
        {
            return executable;
        }

        // GOPATH mode resolves github.com/pion/webrtc/v3 to Debian's github.com/pion/webrtc only for a package
        // inside a GOPATH tree that has a go.mod, so the sources go to <work>/src/peer and build as package "peer".
        string work = Path.Combine(cacheDirectory, "work-" + Guid.NewGuid().ToString("N"));
        string package = Path.Combine(work, "src", "peer");
        Directory.CreateDirectory(package);
        Directory.CreateDirectory(binDirectory);
        string built = Path.Combine(binDirectory, $"peer.{Guid.NewGuid():N}.tmp");
        try
        {
            foreach (string source in sources)
            {
                File.Copy(source, Path.Combine(package, Path.GetFileName(source)));
            }
            var environment = new Dictionary<string, string>
            {
                ["GO111MODULE"] = "off",
                ["GOPATH"] = $"{work}:{DebianGoPath}",
                ["GOCACHE"] = goCache ?? Path.Combine(cacheDirectory, ".cache"),
                ["GOFLAGS"] = "",
                ["GOPROXY"] = "off",
                ["GOENV"] = "off",
                ["CGO_ENABLED"] = "0", // a static binary, and no C compiler needed
            };
            ProcessResult build = await RunAsync(goExecutable, ["build", "-o", built, "peer"], package, environment, cancellationToken);
            if (build.ExitCode != 0)
            {
                throw new PionBuildException(
                    $"go build of the pion peer failed (exit {build.ExitCode}, {version.Stdout.Trim()}):\n{build.Stderr.Trim()}");
            }
            File.Move(built, executable, overwrite: true);
            File.WriteAllText(stampFile, stamp);
            return executable;
        }
        finally
        {
            TryDelete(work, built);
        }
    }

    private static string Stamp(IEnumerable<string> sources, string goVersion)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string source in sources)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(source) + "\0"));
            hash.AppendData(File.ReadAllBytes(source));
            hash.AppendData("\0"u8);
        }
        hash.AppendData(Encoding.UTF8.GetBytes(goVersion + "\0"));
        long pionInstalled = File.GetLastWriteTimeUtc(Path.Combine(PionSources, "go.mod")).Ticks;
        hash.AppendData(Encoding.UTF8.GetBytes(pionInstalled.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void TryDelete(string directory, string file)
    {
        // Leftovers of a build folder do no harm; the next build uses a new one.
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static async Task<ProcessResult> RunAsync(
        string file, IEnumerable<string> arguments, string? workingDirectory, IDictionary<string, string> environment,
        CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach ((string name, string value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new PionBuildException($"Could not start '{file}'.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(); // only the go process this method started
            throw;
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    private sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
}
