using System.Linq;
using LiveKit.Generators.Model;
using LiveKit.Generators.Tests.Infrastructure;
using Xunit;

namespace LiveKit.Generators.Tests;

/// <summary>How the schema maps to C#: names, types, docs, and the edge cases the emitted code must survive.</summary>
public sealed class ModelTests
{
    [Fact]
    public void TheRoomSchemaModelsAllItsEvents()
    {
        var schema = Compile(Schemas.Room.Text, withHeader: false);

        Assert.Equal(("LiveKit.Rtc", "Room", "RoomEvent"), (schema.Namespace, schema.EmitterName, schema.KeyClassName));
        Assert.Equal(31, schema.Events.Count);

        var subscribed = schema.Events.Single(e => e.Name == "TrackSubscribed");
        Assert.Equal("track_subscribed", subscribed.PythonName);
        Assert.Equal("This client subscribed to a remote track and its media now flows.", subscribed.Doc);
        Assert.Equal(
            [
                ("Track", "track", "global::LiveKit.Rtc.Track"),
                ("Publication", "publication", "global::LiveKit.Rtc.RemoteTrackPublication"),
                ("Participant", "participant", "global::LiveKit.Rtc.RemoteParticipant"),
            ],
            subscribed.Arguments.Select(a => (a.PropertyName, a.ParameterName, a.TypeName)).ToArray());

        var transcription = schema.Events.Single(e => e.Name == "TranscriptionReceived");
        Assert.Equal(
            [
                "global::System.Collections.Generic.IReadOnlyList<global::LiveKit.Rtc.TranscriptionSegment>",
                "global::LiveKit.Rtc.Participant?",
                "global::LiveKit.Rtc.TrackPublication?",
            ],
            transcription.Arguments.Select(a => a.TypeName).ToArray());

        var attributes = schema.Events.Single(e => e.Name == "ParticipantAttributesChanged");
        Assert.Equal("global::System.Collections.Generic.IReadOnlyDictionary<string, string>", attributes.Arguments[0].TypeName);
        Assert.Equal(("ChangedAttributes", "changedAttributes"), (attributes.Arguments[0].PropertyName, attributes.Arguments[0].ParameterName));
    }

    [Theory]
    [InlineData("string", "string")]
    [InlineData("bool", "bool")]
    [InlineData("int32", "int")]
    [InlineData("sint32", "int")]
    [InlineData("sfixed32", "int")]
    [InlineData("int64", "long")]
    [InlineData("sint64", "long")]
    [InlineData("sfixed64", "long")]
    [InlineData("uint32", "uint")]
    [InlineData("fixed32", "uint")]
    [InlineData("uint64", "ulong")]
    [InlineData("fixed64", "ulong")]
    [InlineData("float", "float")]
    [InlineData("double", "double")]
    [InlineData("bytes", "global::System.ReadOnlyMemory<byte>")]
    public void ScalarsMapToCSharpTypes(string protoType, string csharpType)
    {
        var schema = Compile(Event($"{protoType} value = 1;") + Event($"optional {protoType} value = 1;", "Optional") + Event($"repeated {protoType} value = 1;", "Repeated"));

        Assert.Equal(
            [csharpType, csharpType + "?", $"global::System.Collections.Generic.IReadOnlyList<{csharpType}>"],
            schema.Events.Select(e => e.Arguments.Single().TypeName).ToArray());
    }

    [Theory]
    [InlineData("track_sid", "TrackSid", "trackSid")]
    [InlineData("e2ee_state", "E2eeState", "e2eeState")]
    [InlineData("isEncrypted", "IsEncrypted", "isEncrypted")]
    [InlineData("_leading__double_", "LeadingDouble", "leadingDouble")]
    [InlineData("string", "String", "@string")]
    [InlineData("class", "Class", "@class")]
    public void FieldNamesBecomePropertiesAndParameters(string field, string property, string parameter)
    {
        var argument = Compile(Event($"int32 {field} = 1;")).Events.Single().Arguments.Single();

        Assert.Equal((property, parameter), (argument.PropertyName, argument.ParameterName));
    }

    [Fact]
    public void ResolvesTypesThroughProtoScopes()
    {
        var schema = Compile("""
            // Outer type.
            message Outer {
              option (livekit.events.clr_type) = "Test.Outer";
              // Inner type.
              message Inner { option (livekit.events.clr_type) = "Test.Inner"; }
              // Uses the nested type by its short name.
              message Nested {
                option (livekit.events.event) = "nested";
                // Inner, relative.
                Inner a = 1;
                // Inner, qualified by its parent.
                Outer.Inner b = 2;
                // Inner, absolute.
                .test.events.Outer.Inner c = 3;
                // Outer, from the package scope.
                Outer d = 4;
              }
            }
            """);

        Assert.Equal(
            ["global::Test.Inner", "global::Test.Inner", "global::Test.Inner", "global::Test.Outer"],
            schema.Events.Single().Arguments.Select(a => a.TypeName).ToArray());
    }

    [Fact]
    public void MatchesCustomOptionNamesRelativeToThePackage()
    {
        var schema = Compile("""
            syntax = "proto3";
            package livekit.events.relative;
            option (events.emitter) = "Test.Room";
            option (.livekit.events.key_class) = "TestEvent";
            // Happened.
            message Happened { option (livekit.events.event) = "happened"; }
            """, withHeader: false);

        Assert.Equal("happened", schema.Events.Single().PythonName);
    }

    [Fact]
    public void EdgeCaseNamesAndDocsCompileWithoutWarnings()
    {
        // A field named `event` (the key parameter's name), locals' names, keywords, XML-special characters in docs,
        // a multi-line doc and an emitter in the global namespace.
        const string schema = """
            syntax = "proto3";
            option (livekit.events.emitter) = "EdgeRoom";
            option (livekit.events.key_class) = "EdgeEvent";
            // A <thing> & "more".
            message Thing { option (livekit.events.clr_type) = "EdgeThing"; }
            /* Something odd happened:
             *   a <b> & c.
             */
            message Odd {
              option (livekit.events.event) = "odd \"quoted\" \\ name";
              // The event, named like the key parameter.
              string event = 1;
              // Named like the emit loop's local.
              Thing registration = 2;
              // Named like the catch variable.
              int32 exception = 3;
              // A keyword.
              bool class = 4;
              // I <3 docs; odd characters:ODD end.
              optional Thing handler = 5;
            }
            """;
        const string source = """
            /// <summary>A thing.</summary>
            public sealed class EdgeThing { }

            /// <summary>The emitter.</summary>
            public sealed partial class EdgeRoom
            {
                private partial global::Microsoft.Extensions.Logging.ILogger EventLogger =>
                    global::Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

                /// <summary>Raises.</summary>
                public void Raise() => Emit(EdgeEvent.Odd, "e", new EdgeThing(), 1, true, null);
            }
            """;

        // A control character and U+2028, which would end a /// line.
        var run = GeneratorHarness.Run(new Schema("/schemas/edge_events.proto", schema.Replace("ODD", "\u0001\u2028")), source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        var methods = run.Files["EdgeRoom.Events.g.cs"];
        Assert.Contains("internal void Emit(global::EdgeEvent.OddKey event_, string @event, global::EdgeThing registration, int exception, bool @class, global::EdgeThing? handler)", methods);
        Assert.Contains("var registration_ = handlers[index];", methods);
        Assert.Contains("catch (global::System.Exception exception_)", methods);
        Assert.Contains("public const string Name = \"odd \\\"quoted\\\" \\\\ name\";", run.Files["EdgeRoom.EdgeEvent.g.cs"]);
        Assert.Contains("/// a &lt;b&gt; &amp; c.", run.Files["EdgeRoom.EventArgs.g.cs"]);
    }

    [Fact]
    public void AnOptionSetTwiceIsAnError()
    {
        var result = SchemaCompiler.Compile("/test.proto", Header + "option (livekit.events.emitter) = \"Test.Other\";\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("LK0006", 4), (diagnostic.Id, diagnostic.Location.StartLine));
    }

    [Fact]
    public void ModelsAreEqualByValue()
    {
        // The incremental cache compares step outputs with Equals: two compilations of one text must be equal.
        Assert.Equal(SchemaCompiler.Compile("/a.proto", Schemas.Room.Text), SchemaCompiler.Compile("/a.proto", Schemas.Room.Text));
        Assert.NotEqual(SchemaCompiler.Compile("/a.proto", Schemas.Room.Text), SchemaCompiler.Compile("/b.proto", Schemas.Room.Text));
    }

    private const string Header = """
        syntax = "proto3";
        package test.events;
        option (livekit.events.emitter) = "Test.Room";
        option (livekit.events.key_class) = "TestEvent";

        """;

    private static string Event(string field, string name = "Happened") => $$"""
        // {{name}}.
        message {{name}} {
          option (livekit.events.event) = "{{name.ToLowerInvariant()}}";
          // The value.
          {{field}}
        }

        """;

    private static EventSchema Compile(string text, bool withHeader = true)
    {
        var result = SchemaCompiler.Compile("/test.proto", withHeader ? Header + text : text);
        Assert.Empty(result.Diagnostics);
        return result.Schema!;
    }
}
