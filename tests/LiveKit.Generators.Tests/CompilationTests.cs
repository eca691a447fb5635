using System.Linq;
using LiveKit.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LiveKit.Generators.Tests;

/// <summary>The generated code compiles cleanly against the real runtime, and misuse of it does not compile.</summary>
public sealed class CompilationTests
{
    [Fact]
    public void RoomSchemaOutputCompilesWithoutWarnings()
    {
        var run = GeneratorHarness.Run(Schemas.RoomBoundToTestRoom, Schemas.TestRoomSource);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(3, run.Files.Count);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void ChatSchemaOutputCompilesWithoutWarnings()
    {
        var run = GeneratorHarness.Run(Schemas.Chat, Schemas.ChatRoomSource);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void EveryHandlerShapeOfAOneArgumentEventBindsWithoutAmbiguity()
    {
        // _ => n++ fits both shapes: [OverloadResolutionPriority(1)] picks the positional one. The other two lambdas
        // fit one shape each (RemoteParticipant has Identity, the args record has Participant). For a zero-argument
        // event, `delegate { }` and the overloaded method group Console.WriteLine fit both Action and Action<Args>.
        const string usage = """
            using LiveKit.Generators.Tests.Compiled;

            /// <summary>Usage.</summary>
            public static class Usage
            {
                /// <summary>Subscribes in every shape.</summary>
                /// <param name="room">The room.</param>
                public static void Subscribe(TestRoom room)
                {
                    var n = 0;
                    string? identity = null;
                    global::LiveKit.Rtc.RemoteParticipant? participant = null;
                    room.On(RoomEvent.ParticipantConnected, _ => n++);
                    room.On(RoomEvent.ParticipantConnected, p => identity = p.Identity);
                    room.On(RoomEvent.ParticipantConnected, e => participant = e.Participant);
                    room.Once(RoomEvent.ParticipantConnected, _ => n++);
                    room.On(RoomEvent.Connected, () => n++);
                    room.On(RoomEvent.Connected, _ => n++);
                    room.On(RoomEvent.Connected, delegate { n++; });
                    room.On(RoomEvent.Connected, System.Console.WriteLine);
                    room.On(RoomEvent.TrackSubscribed, (track, publication, remote) => n += track.GetHashCode());
                    room.On(RoomEvent.TrackSubscribed, e => identity = e.Participant.Identity);
                    System.Action<global::LiveKit.Rtc.RemoteParticipant> handler = p => identity = p.Identity;
                    room.On(RoomEvent.ParticipantConnected, handler).Dispose();
                    room.Off(RoomEvent.ParticipantConnected, handler);
                    System.GC.KeepAlive(participant);
                }
            }
            """;

        var run = GeneratorHarness.Run(Schemas.RoomBoundToTestRoom, Schemas.TestRoomSource, usage);

        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void TheRealRoomExposesTheGeneratedApi()
    {
        // LiveKit.Rtc.Room as built by its project, with this generator: the shapes bind the same way.
        const string usage = """
            using LiveKit.Rtc;

            /// <summary>Usage.</summary>
            public static class Usage
            {
                /// <summary>Subscribes in every shape.</summary>
                /// <param name="room">The room.</param>
                public static void Subscribe(Room room)
                {
                    var n = 0;
                    string? identity = null;
                    room.On(RoomEvent.ParticipantConnected, _ => n++);
                    room.On(RoomEvent.ParticipantConnected, p => identity = p.Identity);
                    room.On(RoomEvent.ParticipantConnected, e => identity = e.Participant.Identity);
                    room.Once(RoomEvent.TrackSubscribed, (track, publication, participant) => n++);
                    room.On(RoomEvent.TranscriptionReceived, (segments, participant, publication) => n += segments.Count + (participant is null ? 0 : 1));
                    room.On(RoomEvent.ParticipantAttributesChanged, e => n += e.ChangedAttributes.Count);
                    room.On(RoomEvent.Connected, () => n++).Dispose();
                    System.GC.KeepAlive(identity);
                }
            }
            """;

        var compilation = GeneratorHarness.CreateCompilation(usage);

        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal("track_subscribed", LiveKit.Rtc.RoomEvent.TrackSubscribedKey.Name);
    }

    [Fact]
    public void DiscardLambdaOnAOneArgumentEventPicksThePositionalShape()
    {
        const string usage = """
            using LiveKit.Generators.Tests.Compiled;

            /// <summary>Usage.</summary>
            public static class Usage
            {
                /// <summary>Subscribes.</summary>
                /// <param name="room">The room.</param>
                public static void Subscribe(TestRoom room) => room.On(RoomEvent.ParticipantConnected, _ => { });
            }
            """;

        var run = GeneratorHarness.Run(Schemas.RoomBoundToTestRoom, Schemas.TestRoomSource, usage);
        Assert.Empty(run.CompilationProblems);

        var tree = run.Output.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var model = run.Output.GetSemanticModel(tree);
        var call = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>().Single();
        var method = (IMethodSymbol)model.GetSymbolInfo(call).Symbol!;
        Assert.Equal("System.Action<LiveKit.Rtc.RemoteParticipant>", method.Parameters[1].Type.ToDisplayString());
    }

    [Fact]
    public void AHandlerOfTheWrongShapeDoesNotCompile()
    {
        const string usage = """
            using LiveKit.Generators.Tests.Compiled;

            /// <summary>Usage.</summary>
            public static class Usage
            {
                /// <summary>Subscribes with a handler that takes only the track.</summary>
                /// <param name="room">The room.</param>
                public static void Subscribe(TestRoom room) =>
                    room.On(RoomEvent.TrackSubscribed, (global::LiveKit.Rtc.Track t) => { });
            }
            """;

        var run = GeneratorHarness.Run(Schemas.RoomBoundToTestRoom, Schemas.TestRoomSource, usage);

        var errors = run.CompilationProblems.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Equal("Source1.cs", error.Location.SourceTree?.FilePath));
    }

    [Fact]
    public void AnEventTheSchemaDoesNotDeclareDoesNotCompile()
    {
        const string usage = """
            using LiveKit.Generators.Tests.Compiled;

            /// <summary>Usage.</summary>
            public static class Usage
            {
                /// <summary>Subscribes to a misspelled event.</summary>
                /// <param name="room">The room.</param>
                public static void Subscribe(TestRoom room) => room.On(RoomEvent.TrackSubscribd, () => { });
            }
            """;

        var run = GeneratorHarness.Run(Schemas.RoomBoundToTestRoom, Schemas.TestRoomSource, usage);

        Assert.Contains(run.CompilationProblems, d => d.Id == "CS0117" && d.GetMessage().Contains("TrackSubscribd"));
    }
}
