using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Samples.Tests;

/// <summary>The room demo, README's first command, run as a program: it must succeed on the embedded server and on a server given by URL.</summary>
public sealed class RoomDemoTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task On_the_embedded_test_server_every_expected_event_arrives()
    {
        DemoRun run = await RunDemoAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("done: all 19 expected events arrived", run.Output);
        Assert.Contains("just for you, alice", run.Output);
        Assert.Contains("[bob]   disconnected", run.Output);
    }

    [Fact]
    public async Task Against_a_server_given_by_url_and_keys_it_runs_the_same_story()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();

        DemoRun run = await RunDemoAsync("--url", server.Url.ToString(), "--api-key", server.ApiKey, "--api-secret", server.ApiSecret, "--room", "elsewhere");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("room    elsewhere", run.Output);
        Assert.Contains("done: all 19 expected events arrived", run.Output);
    }

    [Fact]
    public async Task Bad_arguments_print_the_usage_and_exit_2()
    {
        DemoRun run = await RunDemoAsync("--bogus");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--url", run.Error);
    }

    private static async Task<DemoRun> RunDemoAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LiveKit.Samples.RoomDemo.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The demo did not finish within {RunTimeout.TotalSeconds} s:{Environment.NewLine}{await output}");
        }

        return new DemoRun(process.ExitCode, await output, await error);
    }

    private sealed record DemoRun(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Output}{Environment.NewLine}{Error}";
    }
}
