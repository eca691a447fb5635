using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace LiveKit.Package.Tests;

public sealed class PackageTests : IClassFixture<PackedPackage>
{
    private readonly PackedPackage _package;

    public PackageTests(PackedPackage package) => _package = package;

    [Fact]
    public void Package_holds_the_library_its_docs_the_analyzers_and_a_readme()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("lib/net10.0/LiveKit.Rtc.dll", entries);
        Assert.Contains("lib/net10.0/LiveKit.Rtc.xml", entries);
        Assert.Contains("lib/net10.0/LiveKit.WebRtc.dll", entries);
        Assert.Contains("lib/net10.0/LiveKit.Protocol.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/LiveKit.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/LiveKit.Analyzers.CodeFixes.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/LiveKit.Generators.dll", entries);
        Assert.Contains("build/LiveKit.Rtc.props", entries);
        Assert.Contains("buildTransitive/LiveKit.Rtc.targets", entries);
        Assert.Contains("buildTransitive/LiveKit.Rtc.ThreadPool.targets", entries);
        Assert.Contains("README.md", entries);
    }

    [Fact]
    public void Package_depends_on_its_libraries_and_not_on_the_analyzer_or_inner_projects()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        using var reader = new System.IO.StreamReader(zip.GetEntry("LiveKit.Rtc.nuspec")!.Open());
        var nuspec = reader.ReadToEnd();

        Assert.Contains("Microsoft.Extensions.Logging.Abstractions", nuspec);
        Assert.Contains("Google.Protobuf", nuspec);
        Assert.Contains("BouncyCastle.Cryptography", nuspec);
        Assert.DoesNotContain("LiveKit.Analyzers", nuspec);
        // One package: the transport and protocol assemblies are inside it, not dependencies.
        Assert.DoesNotContain("\"LiveKit.WebRtc\"", nuspec);
        Assert.DoesNotContain("\"LiveKit.Protocol\"", nuspec);
    }

    [Fact]
    public void Typed_api_compiles_and_runs_in_a_consumer()
    {
        var consumer = _package.CreateConsumer("typed-api", """
            using LiveKit.Rtc;

            var room = new Room();
            using var subscribed = room.On(RoomEvent.TrackSubscribed, (track, publication, participant) =>
                Console.WriteLine($"{participant.Identity} {publication.Sid} {track.Sid}"));
            using var joined = room.On(RoomEvent.ParticipantConnected, e => Console.WriteLine(e.Participant.Identity));
            using var connected = room.Once(RoomEvent.Connected, () => Console.WriteLine("connected"));

            Action<RemoteParticipant> onLeft = participant => Console.WriteLine(participant.Identity);
            room.On(RoomEvent.ParticipantDisconnected, onLeft);
            Console.WriteLine($"off={room.Off(RoomEvent.ParticipantDisconnected, onLeft)}");
            """);

        var (exitCode, output) = DotnetCli.Run(consumer, "run", "-c", "Release");

        Assert.True(exitCode == 0, output);
        Assert.Contains("off=True", output);
    }

    [Fact]
    public void A_consumer_binds_a_schema_of_its_own_to_its_own_class()
    {
        var consumer = _package.CreateConsumer(
            "own-schema",
            """
            using Chat;

            var chat = new ChatRoom();
            chat.On(ChatEvent.MessagePosted, (author, text) => Console.WriteLine($"{author}: {text}"));
            chat.On(ChatEvent.MessagePosted, e => Console.WriteLine($"record {e.Author}"));
            chat.Emit(ChatEvent.MessagePosted, "ada", "hello");
            """,
            [
                ("ChatRoom.cs", """
                    namespace Chat;

                    public sealed partial class ChatRoom
                    {
                        private partial Microsoft.Extensions.Logging.ILogger EventLogger =>
                            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
                    }
                    """),
                ("chat_events.proto", """
                    // Events of a chat.
                    syntax = "proto3";

                    package chat;

                    option (livekit.events.emitter) = "Chat.ChatRoom";
                    option (livekit.events.key_class) = "ChatEvent";

                    // Someone posted a message.
                    message MessagePosted {
                      option (livekit.events.event) = "message_posted";
                      // Who posted it.
                      string author = 1;
                      // What they wrote.
                      string text = 2;
                    }
                    """),
            ],
            """<LiveKitEventSchema Include="chat_events.proto" />""");

        var (exitCode, output) = DotnetCli.Run(consumer, "run", "-c", "Release");

        Assert.True(exitCode == 0, output);
        Assert.Contains("ada: hello", output);
        Assert.Contains("record ada", output);
    }

    [Theory]
    [InlineData("thread-pool-default", "", "0")]
    [InlineData("thread-pool-own-spin", "<ThreadPoolSpinCount>70</ThreadPoolSpinCount>", "70")]
    [InlineData("thread-pool-opt-out", "<LiveKitThreadPoolSpinCount>false</LiveKitThreadPoolSpinCount>", null)]
    public void An_application_gets_the_thread_pool_spin_off_unless_it_chooses(string name, string properties, string? expected)
    {
        var consumer = _package.CreateConsumer(name, "Console.WriteLine(new LiveKit.Rtc.Room());", projectProperties: properties);

        var (exitCode, output) = DotnetCli.Run(consumer, "build", "-c", "Release");

        Assert.True(exitCode == 0, output);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer, "bin", "Release", "net10.0", "Consumer.runtimeconfig.json")));
        JsonElement options = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        bool present = options.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out JsonElement spin);
        Assert.Equal(expected, present ? spin.GetRawText() : null);
    }

    [Fact]
    public void Async_handler_fails_the_build_with_LK1001()
    {
        var consumer = _package.CreateConsumer("async-handler", """
            using LiveKit.Rtc;

            var room = new Room();
            room.On(RoomEvent.Connected, async () => await Task.Delay(1));
            """);

        var (exitCode, output) = DotnetCli.Run(consumer, "build", "-c", "Release");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error LK1001", output);
    }

    [Fact]
    public void Wrong_handler_shape_does_not_compile()
    {
        var consumer = _package.CreateConsumer("wrong-shape", """
            using LiveKit.Rtc;

            var room = new Room();
            room.On(RoomEvent.TrackSubscribed, (Track track) => Console.WriteLine(track.Sid));
            """);

        var (exitCode, output) = DotnetCli.Run(consumer, "build", "-c", "Release");

        Assert.NotEqual(0, exitCode);
        Assert.Matches(@"error CS\d{4}", output);
        Assert.DoesNotContain("error LK", output);
    }

    [Fact]
    public void Wrong_event_name_does_not_compile()
    {
        var consumer = _package.CreateConsumer("wrong-name", """
            using LiveKit.Rtc;

            var room = new Room();
            room.On(RoomEvent.TrackSubscibed, (track, publication, participant) => { });
            """);

        var (exitCode, output) = DotnetCli.Run(consumer, "build", "-c", "Release");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error CS0117", output);
    }
}
