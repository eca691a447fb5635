using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using LiveKit.Generators.Tests.Infrastructure;
using Xunit;

namespace LiveKit.Generators.Tests;

/// <summary>
/// The schemas are ordinary proto3: protoc (from the Grpc.Tools package) accepts them. This is what keeps the
/// generator's parser honest about the language it claims to read.
/// </summary>
public sealed class ProtocTests
{
    [Theory]
    [InlineData("events/room_events.proto")]
    [InlineData("events/options.proto")]
    public void ProtocAcceptsTheSchema(string schema)
    {
        var (exitCode, errors) = RunProtoc(TestPaths.ProtoRoot, schema);

        Assert.True(exitCode == 0, $"protoc exited with {exitCode}: {errors}");
    }

    [Fact]
    public void ProtocAcceptsTheTestSchema()
    {
        var schemas = Path.Combine(TestPaths.TestsRoot, "Schemas");
        var (exitCode, errors) = RunProtoc(schemas, "chat_events.proto", extraInclude: TestPaths.ProtoRoot);

        Assert.True(exitCode == 0, $"protoc exited with {exitCode}: {errors}");
    }

    private static (int ExitCode, string Errors) RunProtoc(string root, string schema, string? extraInclude = null)
    {
        var protoc = ProtocPath();
        var include = Path.Combine(TestPaths.GrpcToolsPath, "build", "native", "include");
        var output = Path.Combine(Path.GetTempPath(), $"livekit-{Guid.NewGuid():N}.pb");
        var start = new ProcessStartInfo(protoc)
        {
            WorkingDirectory = root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[] { "-I", root, "-I", include })
        {
            start.ArgumentList.Add(argument);
        }

        if (extraInclude is not null)
        {
            start.ArgumentList.Add("-I");
            start.ArgumentList.Add(extraInclude);
        }

        start.ArgumentList.Add($"--descriptor_set_out={output}");
        start.ArgumentList.Add(schema);

        try
        {
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, errors.Result);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string ProtocPath()
    {
        var platform =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "windows" :
            RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macosx" : "linux";
        var architecture = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x64";
        var path = Path.Combine(TestPaths.GrpcToolsPath, "tools", $"{platform}_{architecture}", platform == "windows" ? "protoc.exe" : "protoc");
        Assert.True(File.Exists(path), $"protoc not found at {path}; is the Grpc.Tools package restored?");

        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not always keep the executable bit when it extracts a package.
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | execute);
            }
        }

        return path;
    }
}
