using System.IO;
using System.Linq;
using LiveKit.Generators.Proto;
using LiveKit.Generators.Tests.Infrastructure;
using Xunit;

namespace LiveKit.Generators.Tests;

/// <summary>The proto3 subset parser: every construct, docs, positions, and errors as values.</summary>
public sealed class ParserTests
{
    [Fact]
    public void ParsesSyntaxPackageAndImports()
    {
        var file = Parse("""
            syntax = "proto3";
            package a.b.c;
            import "x/y.proto";
            import public "p.proto";
            import weak 'w.proto';
            """);

        Assert.Equal("proto3", file.Syntax!.Value);
        Assert.Equal("a.b.c", file.Package!.Name);
        Assert.Equal(
            [("x/y.proto", ImportModifier.None), ("p.proto", ImportModifier.Public), ("w.proto", ImportModifier.Weak)],
            file.Imports.Select(i => (i.Path, i.Modifier)).ToArray());
    }

    [Fact]
    public void ParsesOptionNamesAndEveryKindOfValue()
    {
        var file = Parse("""
            option csharp_namespace = "A.B";
            option (livekit.events.emitter) = "X." "Y";
            option (.a.b).c.d = -12;
            option opt_float = 1.5e3;
            option opt_inf = -inf;
            option opt_bool = true;
            option optimize_for = SPEED;
            option opt_hex = 0x1F;
            """);

        Assert.Equal(
            [
                ("csharp_namespace", OptionValueKind.String, "A.B"),
                ("(livekit.events.emitter)", OptionValueKind.String, "X.Y"),
                ("(.a.b).c.d", OptionValueKind.Integer, "-12"),
                ("opt_float", OptionValueKind.Float, "1.5e3"),
                ("opt_inf", OptionValueKind.Float, "-inf"),
                ("opt_bool", OptionValueKind.Boolean, "true"),
                ("optimize_for", OptionValueKind.Identifier, "SPEED"),
                ("opt_hex", OptionValueKind.Integer, "0x1F"),
            ],
            file.Options.Select(o => (o.Name, o.Value.Kind, o.Value.Text)).ToArray());
    }

    [Fact]
    public void ParsesStringEscapes()
    {
        var file = Parse(@"option s = ""a\n\t\""\\\x41\101\u00e9'"";");

        Assert.Equal("a\n\t\"\\AAé'", file.Options.Single().Value.Text);
    }

    [Fact]
    public void ParsesMessagesWithEveryMember()
    {
        var file = Parse("""
            message Outer {
              option (livekit.events.event) = "outer";
              option deprecated = true;
              reserved 2, 9 to 11, 40 to max;
              reserved "old", "older";
              string name = 1 [deprecated = true, (x.y) = "z"];
              repeated Inner items = 3;
              optional .pkg.Other other = 4;
              map<string, Inner> by_key = 5;
              oneof choice {
                option (o) = 1;
                int32 a = 6;
                Inner b = 7;
              }
              message Inner { int64 v = 1; }
              enum Kind { KIND_UNSPECIFIED = 0; }
              extend Base { string extra = 100; }
              ;
            }
            """);

        var outer = file.Messages.Single();
        Assert.Equal("Outer", outer.Name);
        Assert.Equal(["(livekit.events.event)", "deprecated"], outer.Options.Select(o => o.Name).ToArray());
        Assert.Equal([["2", "9 to 11", "40 to max"], ["old", "older"]], outer.Reserved.Select(r => r.Items.ToArray()).ToArray());

        Assert.Equal(
            [
                (FieldLabel.None, (string?)null, "string", "name", "1"),
                (FieldLabel.Repeated, null, "Inner", "items", "3"),
                (FieldLabel.Optional, null, ".pkg.Other", "other", "4"),
                (FieldLabel.None, "string", "Inner", "by_key", "5"),
            ],
            outer.Fields.Select(f => (f.Label, f.MapKey?.Name, f.Type.Name, f.Name, f.Number)).ToArray());
        Assert.Equal(["deprecated", "(x.y)"], outer.Fields[0].Options.Select(o => o.Name).ToArray());

        var oneof = outer.Oneofs.Single();
        Assert.Equal("choice", oneof.Name);
        Assert.Equal(["a", "b"], oneof.Fields.Select(f => f.Name).ToArray());
        Assert.Equal("(o)", oneof.Options.Single().Name);

        Assert.Equal("Inner", outer.Messages.Single().Name);
        Assert.Equal("Kind", outer.Enums.Single().Name);
        Assert.Equal("Base", outer.Extends.Single().Extendee.Name);
        Assert.Equal("extra", outer.Extends.Single().Fields.Single().Name);
    }

    [Fact]
    public void ParsesEnumsWithValueOptionsAndReservations()
    {
        var file = Parse("""
            // Colors.
            enum Color {
              option allow_alias = true;
              reserved 5 to 7;
              reserved "PURPLE";
              // No color.
              COLOR_UNSPECIFIED = 0;
              COLOR_RED = 1 [deprecated = true];
              COLOR_NEGATIVE = -2;
            }
            """);

        var color = file.Enums.Single();
        Assert.Equal("Colors.", color.Doc);
        Assert.Equal("allow_alias", color.Options.Single().Name);
        Assert.Equal(2, color.Reserved.Length);
        Assert.Equal(
            [("COLOR_UNSPECIFIED", "0", "No color."), ("COLOR_RED", "1", null), ("COLOR_NEGATIVE", "-2", null)],
            color.Values.Select(v => (v.Name, v.Number, v.Doc)).ToArray());
        Assert.Equal("deprecated", color.Values[1].Options.Single().Name);
    }

    [Fact]
    public void ParsesTheOptionsSchemaWithItsExtendBlocks()
    {
        var file = Parse(File.ReadAllText(TestPaths.OptionsSchemaPath));

        Assert.Equal("livekit.events", file.Package!.Name);
        Assert.Equal(["google.protobuf.FileOptions", "google.protobuf.MessageOptions"], file.Extends.Select(e => e.Extendee.Name).ToArray());
        var emitter = file.Extends[0].Fields[0];
        Assert.Equal(("emitter", "51000"), (emitter.Name, emitter.Number));
        Assert.StartsWith("Fully qualified name of the partial class", emitter.Doc);
    }

    [Fact]
    public void ParsesTheRoomSchema()
    {
        var file = Parse(File.ReadAllText(TestPaths.RoomSchemaPath));

        Assert.Equal(44, file.Messages.Length);
        Assert.Equal(31, file.Messages.Count(m => m.Options.Any(o => o.Name == "(livekit.events.event)")));
    }

    [Fact]
    public void AttachesTheCommentBlockRightAboveADeclarationAsItsDoc()
    {
        var file = Parse("""
            // Detached: a blank line follows.

            // First line.
            // Second line.
            message A {
              // The field.
              int32 x = 1; // trailing, documents nothing below
              int32 y = 2;
              /* Block
               * comment. */
              int32 z = 3;
              /** Javadoc style. */
              int32 w = 4;
            }
            message B {}
            """);

        var a = file.Messages[0];
        Assert.Equal("First line.\nSecond line.", a.Doc);
        Assert.Equal(new string?[] { "The field.", null, "Block\ncomment.", "Javadoc style." }, a.Fields.Select(f => f.Doc).ToArray());
        Assert.Null(file.Messages[1].Doc);
    }

    [Fact]
    public void KeepsBlankLinesInsideADocAndStripsCommentMarkers()
    {
        var file = Parse("""
            /// Triple slash.
            //
            //   Indented.
            message A {}
            """);

        Assert.Equal("Triple slash.\n\n  Indented.", file.Messages.Single().Doc);
    }

    [Fact]
    public void RecordsPositionsOfDeclarationsAndNames()
    {
        const string text = "syntax = \"proto3\";\n\nmessage  Foo {\n  string bar_baz = 1;\n}\n";
        var file = Parse(text);

        var foo = file.Messages.Single();
        Assert.Equal(new SourceRange(29, 32, 2, 9, 2, 12), foo.NameRange);
        Assert.Equal("Foo", text.Substring(foo.NameRange.Start, foo.NameRange.Length));
        Assert.Equal((2, 0, 4, 1), (foo.Range.StartLine, foo.Range.StartColumn, foo.Range.EndLine, foo.Range.EndColumn));

        var field = foo.Fields.Single();
        Assert.Equal((3, 9), (field.NameRange.StartLine, field.NameRange.StartColumn));
        Assert.Equal("bar_baz", text.Substring(field.NameRange.Start, field.NameRange.Length));
        Assert.Equal((3, 2), (field.Type.Range.StartLine, field.Type.Range.StartColumn));
    }

    [Fact]
    public void CountsLinesAcrossLineEndingStyles()
    {
        var file = Parse("syntax = \"proto3\";\r\n\r\nmessage A {}\rmessage B {}\n");

        Assert.Equal([2, 3], file.Messages.Select(m => m.NameRange.StartLine).ToArray());
    }

    [Theory]
    [InlineData("message A { int32 x = 1 }", "expected ';', found '}'", 0, 24)]
    [InlineData("message A {\n  int32 x = ;\n}", "expected the field's number, found ';'", 1, 12)]
    [InlineData("message { }", "expected the message's name, found '{'", 0, 8)]
    [InlineData("message A {", "expected '}', found the end of the file", 0, 11)]
    [InlineData("option x = \"abc\n;", "expected \" to close the string literal", 0, 11)]
    [InlineData("/* never closed", "expected '*/' to close the comment", 0, 0)]
    [InlineData("message A { int32 x = 1; } $", "unexpected character '$'", 0, 27)]
    [InlineData("service S {}", "expected 'syntax', 'package', 'import', 'option', 'message', 'enum' or 'extend', found 'service'", 0, 0)]
    [InlineData("message A { repeated map<string, string> m = 1; }", "expected a field type (a map field takes no label), found 'map'", 0, 21)]
    [InlineData("syntax = proto3;", "expected the syntax name, e.g. \"proto3\", found 'proto3'", 0, 9)]
    [InlineData("option (a.b = 1;", "expected ')', found '='", 0, 12)]
    [InlineData("option x = { a: 1 };", "expected an option value (a string, number, true, false or identifier), found '{'", 0, 11)]
    [InlineData("enum E { A = x; }", "expected the enum value's number, found 'x'", 0, 13)]
    public void ReportsWhatWasExpectedAndWhere(string text, string message, int line, int column)
    {
        var file = Parse(text, expectErrors: true);

        var error = file.Errors.First();
        Assert.Equal(message, error.Message);
        Assert.Equal((line, column), (error.Range.StartLine, error.Range.StartColumn));
    }

    [Fact]
    public void RecoversAtTheNextStatementSoOneTypoIsOneError()
    {
        var file = Parse("""
            message A {
              int32 x = 1
              int32 y = 2;
              int32 z = 3;
            }
            message B { int32 ok = 1; }
            """, expectErrors: true);

        Assert.Single(file.Errors);
        Assert.Equal(["z"], file.Messages[0].Fields.Select(f => f.Name).ToArray());
        Assert.Equal("B", file.Messages[1].Name);
    }

    [Fact]
    public void BlocksLeftOpenAtTheEndOfTheFileAreOneError()
    {
        var file = Parse("message A {\n  message B {\n    enum C {", expectErrors: true);

        var error = Assert.Single(file.Errors);
        Assert.Equal("expected '}', found the end of the file", error.Message);
    }

    [Fact]
    public void ReportsLexicalAndSyntaxErrorsInTextOrder()
    {
        var file = Parse("message A { int32 x = }\nmessage B { $ }", expectErrors: true);

        Assert.Equal([0, 1], file.Errors.Select(e => e.Range.StartLine).ToArray());
    }

    [Fact]
    public void RefusesNestingDeeperThanTheLimitWithoutRecursingFurther()
    {
        var text = string.Concat(Enumerable.Repeat("message M {", 10_000)) + string.Concat(Enumerable.Repeat("}", 10_000));

        var file = Parse(text, expectErrors: true);

        Assert.Contains(file.Errors, e => e.Message.StartsWith("expected at most 32 nested blocks", System.StringComparison.Ordinal));
    }

    private static ProtoFile Parse(string text, bool expectErrors = false)
    {
        var file = Parser.Parse(text);
        if (!expectErrors)
        {
            Assert.Empty(file.Errors);
        }
        else
        {
            Assert.NotEmpty(file.Errors);
        }

        return file;
    }
}
