using System.Linq;
using LiveKit.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LiveKit.Generators.Tests;

/// <summary>
/// Each schema diagnostic, reported through the generator with its location in the .proto file. Lines and columns
/// in the assertions are 1-based, as an IDE shows them.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Path = "/schemas/test_events.proto";

    // Lines 1-7; the schemas under test start at line 8.
    private const string Header = """
        syntax = "proto3";
        package test.events;
        import "events/options.proto";
        option (livekit.events.emitter) = "Test.Room";
        option (livekit.events.key_class) = "TestEvent";
        // A participant.
        message Participant { option (livekit.events.clr_type) = "Test.Participant"; }

        """;

    [Fact]
    public void LK0001MalformedProtoPointsAtTheUnexpectedToken()
    {
        var text = Header + """
            // Broken.
            message Broken { option (livekit.events.event) = "broken"; int32 x = 1 }
            """;

        var diagnostic = Assert.Single(GeneratorHarness.Diagnose(text, Path));

        AssertAt(diagnostic, "LK0001", text, line: 9, column: 72, span: "}");
        Assert.Equal("Malformed event schema: expected ';', found '}'", diagnostic.GetMessage());
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void LK0002UnknownTypePointsAtTheType()
    {
        var text = Header + """
            // Something happened.
            message Happened {
              option (livekit.events.event) = "happened";
              // Who did it.
              Nobody who = 1;
            }
            """;

        var diagnostic = Assert.Single(GeneratorHarness.Diagnose(text, Path));

        AssertAt(diagnostic, "LK0002", text, line: 12, column: 3, span: "Nobody");
        Assert.Contains("'Nobody'", diagnostic.GetMessage());
    }

    [Fact]
    public void LK0002AlsoForATypeOnlyAnImportWouldDeclare()
    {
        // The generator reads one file (no file I/O): types come from the schema itself.
        var text = Header + """
            // Something happened.
            message Happened {
              option (livekit.events.event) = "happened";
              // When.
              google.protobuf.Timestamp at = 1;
            }
            """;

        AssertAt(Assert.Single(GeneratorHarness.Diagnose(text, Path)), "LK0002", text, line: 12, column: 3, span: "google.protobuf.Timestamp");
    }

    [Fact]
    public void LK0003TwoEventsWithOnePythonName()
    {
        var text = Header + """
            // Joined.
            message Joined { option (livekit.events.event) = "joined"; }
            // Also joined.
            message AlsoJoined { option (livekit.events.event) = "joined"; }
            """;

        var diagnostic = Assert.Single(GeneratorHarness.Diagnose(text, Path));

        AssertAt(diagnostic, "LK0003", text, line: 11, column: 54, span: "\"joined\"");
        Assert.Equal("Event 'AlsoJoined' collides with event 'Joined': both are named 'joined'", diagnostic.GetMessage());
    }

    [Fact]
    public void LK0003TwoEventsWithOneCSharpName()
    {
        // Nested messages have their own proto scope, but their C# names meet in the key class.
        var text = Header + """
            // Joined.
            message Joined { option (livekit.events.event) = "joined"; }
            // A group of events.
            message Group {
              option (livekit.events.clr_type) = "Test.Group";
              // Joined again.
              message Joined { option (livekit.events.event) = "joined_again"; }
            }
            """;

        var diagnostic = Assert.Single(GeneratorHarness.Diagnose(text, Path));

        AssertAt(diagnostic, "LK0003", text, line: 14, column: 11, span: "Joined");
    }

    [Fact]
    public void LK0003AnEventNamedLikeAnotherEventsKey()
    {
        var text = Header + """
            // Joined.
            message Joined { option (livekit.events.event) = "joined"; }
            // Clashes with the key type JoinedKey.
            message JoinedKey { option (livekit.events.event) = "joined_key"; }
            """;

        var diagnostic = Assert.Single(GeneratorHarness.Diagnose(text, Path));

        AssertAt(diagnostic, "LK0003", text, line: 11, column: 9, span: "JoinedKey");
        Assert.Contains("the key type of event 'Joined'", diagnostic.GetMessage());
    }

    [Fact]
    public void LK0004TwoArgumentsWithOneCSharpName()
    {
        var text = Header + """
            // Moved.
            message Moved {
              option (livekit.events.event) = "moved";
              // The old room.
              string old_room = 1;
              // The old room, again.
              string oldRoom = 2;
            }
            """;

        var diagnostic = Assert.Single(GeneratorHarness.Diagnose(text, Path));

        AssertAt(diagnostic, "LK0004", text, line: 14, column: 10, span: "oldRoom");
        Assert.Equal("Argument 'oldRoom' of event 'Moved' collides with argument 'old_room' (both are 'OldRoom' in C#)", diagnostic.GetMessage());
    }

    [Fact]
    public void LK0004AnArgumentNamedLikeARecordMember()
    {
        var text = Header + """
            // Moved.
            message Moved {
              option (livekit.events.event) = "moved";
              // Text.
              string to_string = 1;
            }
            """;

        AssertAt(Assert.Single(GeneratorHarness.Diagnose(text, Path)), "LK0004", text, line: 12, column: 10, span: "to_string");
    }

    [Fact]
    public void LK0005AnEventWithoutDoc()
    {
        var text = Header + """
            message Undocumented { option (livekit.events.event) = "undocumented"; }
            """;

        var diagnostic = Assert.Single(GeneratorHarness.Diagnose(text, Path));

        AssertAt(diagnostic, "LK0005", text, line: 8, column: 9, span: "Undocumented");
        Assert.StartsWith("Event 'Undocumented' has no doc comment", diagnostic.GetMessage());
    }

    [Fact]
    public void LK0005AnArgumentWithoutDoc()
    {
        var text = Header + """
            // Documented.
            message Documented {
              option (livekit.events.event) = "documented";
              Participant participant = 1; // a trailing comment is not a doc comment
            }
            """;

        var diagnostic = Assert.Single(GeneratorHarness.Diagnose(text, Path));

        AssertAt(diagnostic, "LK0005", text, line: 11, column: 15, span: "participant");
        Assert.StartsWith("Argument 'Documented.participant' has no doc comment", diagnostic.GetMessage());
    }

    [Fact]
    public void LK0006AFileWithoutBinding()
    {
        const string text = """
            syntax = "proto3";
            package test.events;
            // Documented.
            message Documented { option (livekit.events.event) = "documented"; }
            """;

        var diagnostics = GeneratorHarness.Diagnose(text, Path);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => AssertAt(d, "LK0006", text, line: 2, column: 1, span: "package test.events;"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("(livekit.events.emitter)"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("(livekit.events.key_class)"));
    }

    [Fact]
    public void LK0006AnInvalidEmitterName()
    {
        var text = Header.Replace("\"Test.Room\"", "\"Test.Room Two\"");

        AssertAt(Assert.Single(GeneratorHarness.Diagnose(text, Path)), "LK0006", text, line: 4, column: 35, span: "\"Test.Room Two\"");
    }

    [Fact]
    public void LK0006AMessageThatIsNeitherEventNorType()
    {
        var text = Header + """
            // Neither.
            message Plain { string x = 1; }
            """;

        var diagnostic = Assert.Single(GeneratorHarness.Diagnose(text, Path));

        AssertAt(diagnostic, "LK0006", text, line: 9, column: 9, span: "Plain");
        Assert.Contains("neither an event nor a type", diagnostic.GetMessage());
    }

    [Fact]
    public void LK0006AnInvalidClrType()
    {
        var text = Header + """
            // A bad type.
            message Bad { option (livekit.events.clr_type) = "List<int>"; }
            """;

        AssertAt(Assert.Single(GeneratorHarness.Diagnose(text, Path)), "LK0006", text, line: 9, column: 50, span: "\"List<int>\"");
    }

    [Fact]
    public void LK0006TwoSchemasBindingOneClass()
    {
        var first = new Schema("/schemas/a_events.proto", Header);
        var second = new Schema("/schemas/b_events.proto", Header);

        var run = GeneratorHarness.Run([first, second]);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        AssertAt(diagnostic, "LK0006", Header, line: 4, column: 35, span: "\"Test.Room\"");
        Assert.Equal("/schemas/b_events.proto", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(3, run.Files.Count);
    }

    [Fact]
    public void LK0007AOneofInAnEvent()
    {
        var text = Header + """
            // Either.
            message Either {
              option (livekit.events.event) = "either";
              oneof choice {
                // A.
                string a = 1;
              }
            }
            """;

        AssertAt(Assert.Single(GeneratorHarness.Diagnose(text, Path)), "LK0007", text, line: 11, column: 9, span: "choice");
    }

    [Fact]
    public void LK0007AMapKeyThatIsNotAScalar()
    {
        var text = Header + """
            // Mapped.
            message Mapped {
              option (livekit.events.event) = "mapped";
              // By participant.
              map<Participant, string> by_participant = 1;
            }
            """;

        AssertAt(Assert.Single(GeneratorHarness.Diagnose(text, Path)), "LK0007", text, line: 12, column: 7, span: "Participant");
    }

    [Fact]
    public void LK0007AProtoEnumAsArgumentType()
    {
        var text = Header + """
            // A proto enum.
            enum Mood { MOOD_UNSPECIFIED = 0; }
            // Felt.
            message Felt {
              option (livekit.events.event) = "felt";
              // How.
              Mood mood = 1;
            }
            """;

        AssertAt(Assert.Single(GeneratorHarness.Diagnose(text, Path)), "LK0007", text, line: 14, column: 3, span: "Mood");
    }

    [Fact]
    public void LK0007Proto2Syntax()
    {
        var text = Header.Replace("\"proto3\"", "\"proto2\"");

        AssertAt(Assert.Single(GeneratorHarness.Diagnose(text, Path)), "LK0007", text, line: 1, column: 1, span: "syntax = \"proto2\";");
    }

    [Fact]
    public void AnEventWithAnErrorIsLeftOutAndTheOthersAreStillGenerated()
    {
        var text = Header + """
            // Fine.
            message Fine { option (livekit.events.event) = "fine"; }
            // Broken.
            message Broken {
              option (livekit.events.event) = "broken";
              // Unknown.
              Nobody who = 1;
            }
            """;

        var run = GeneratorHarness.Run(new Schema(Path, text));

        Assert.Equal("LK0002", Assert.Single(run.GeneratorDiagnostics).Id);
        var keys = run.Files["Test.Room.TestEvent.g.cs"];
        Assert.Contains("FineKey", keys);
        Assert.DoesNotContain("BrokenKey", keys);
    }

    [Fact]
    public void TheRoomSchemaHasNoDiagnostics()
    {
        Assert.Empty(GeneratorHarness.Run(Schemas.Room).GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("LK0001")]
    [InlineData("LK0002")]
    [InlineData("LK0003")]
    [InlineData("LK0004")]
    [InlineData("LK0005")]
    [InlineData("LK0006")]
    [InlineData("LK0007")]
    public void EveryRuleHasAPageAReleaseEntryAndIsAnError(string id)
    {
        var descriptor = LiveKit.Generators.Diagnostics.SchemaDiagnostics.ById(id);
        var page = System.IO.Path.Combine(TestPaths.RepoRoot, "docs", "diagnostics", id + ".md");
        var releases = System.IO.File.ReadAllText(System.IO.Path.Combine(TestPaths.RepoRoot, "generators", "LiveKit.Generators", "AnalyzerReleases.Unshipped.md"));

        Assert.True(System.IO.File.Exists(page), $"{page} is missing.");
        Assert.StartsWith($"# {id}: {descriptor.Title}", System.IO.File.ReadAllText(page));
        Assert.EndsWith($"docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.Contains($"{id} | LiveKit.EventSchema | Error |", releases);
        Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
    }

    private static void AssertAt(Diagnostic diagnostic, string id, string text, int line, int column, string span)
    {
        Assert.Equal(id, diagnostic.Id);
        var lineSpan = diagnostic.Location.GetLineSpan();
        Assert.Equal((line, column), (lineSpan.StartLinePosition.Line + 1, lineSpan.StartLinePosition.Character + 1));
        Assert.Equal(span, text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
