using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Testing.Server;
using Xunit;

namespace LiveKit.Testing.Tests;

/// <summary>The standalone program (like <c>livekit-server --dev</c>): its command line, and the real process serving.</summary>
public sealed class StandaloneServerTests
{
    [Fact]
    public void The_defaults_are_livekit_server_dev_mode()
    {
        DevServerArguments arguments = DevServerArguments.Parse(Array.Empty<string>());

        Assert.Equal(7880, arguments.Port);
        Assert.Equal("127.0.0.1", arguments.Bind.ToString());
        Assert.Equal("devkey", arguments.ApiKey);
        Assert.Equal("secret", arguments.ApiSecret);
        Assert.True(arguments.AutoCreateRooms);
    }

    [Fact]
    public void Every_option_is_read()
    {
        DevServerArguments arguments = DevServerArguments.Parse(new[]
        {
            "--port", "7999", "--api-key", "k", "--api-secret", "s", "--no-auto-create", "--token", "alice@room one", "--verbose",
        });

        Assert.Equal(7999, arguments.Port);
        Assert.Equal("k", arguments.ApiKey);
        Assert.Equal("s", arguments.ApiSecret);
        Assert.False(arguments.AutoCreateRooms);
        Assert.True(arguments.Verbose);
        Assert.Equal(("alice", "room one"), Assert.Single(arguments.Tokens));
    }

    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--port", "x")]
    [InlineData("--port")]
    [InlineData("--token", "alice")]
    [InlineData("--bind", "localhost")]
    [InlineData("--unknown")]
    public void A_bad_command_line_names_what_is_wrong(params string[] args)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => DevServerArguments.Parse(args));
        Assert.Contains(args[0], e.Message);
    }

    [Fact]
    public async Task The_program_serves_on_the_port_it_prints_and_its_tokens_verify()
    {
        string program = Path.Combine(AppContext.BaseDirectory, "livekit-test-server.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { program, "--port", "0", "--token", "alice@demo" })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        try
        {
            string banner = (await process.StandardOutput.ReadLineAsync().WaitAsync(SignalTestClient.Timeout))!;
            await process.StandardOutput.ReadLineAsync();
            string tokenLine = (await process.StandardOutput.ReadLineAsync())!;
            Assert.StartsWith("LiveKit test server on ws://127.0.0.1:", banner);
            string http = banner[(banner.IndexOf("(server API ", StringComparison.Ordinal) + "(server API ".Length)..].TrimEnd(')');

            using var client = new HttpClient();
            Assert.Equal("OK", await client.GetStringAsync(new Uri(http)));
            string token = tokenLine[(tokenLine.LastIndexOf(' ') + 1)..];
            TokenVerificationResult verified = new TokenVerifier("devkey", "secret").Verify(token, DateTimeOffset.UtcNow);
            Assert.True(verified.IsValid, verified.ToString());
            Assert.Equal("alice", verified.Claims!.Identity);
            Assert.Equal("demo", verified.Claims.Video!.Room);
            HttpResponseMessage validate = await client.GetAsync(new Uri(new Uri(http), "rtc/validate?access_token=" + token));
            Assert.Equal("success", await validate.Content.ReadAsStringAsync());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
