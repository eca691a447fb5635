using System;
using System.IO;
using System.Text;
using LiveKit.Generators.Emit;
using LiveKit.Generators.Model;
using LiveKit.Generators.Tests.Infrastructure;
using Xunit;

namespace LiveKit.Generators.Tests;

/// <summary>
/// Malformed schemas are values, never exceptions: seeded random edits of the room schema and random text go through
/// the whole front end (and the emitters when a model comes out) without anything escaping.
/// </summary>
public sealed class ParserRobustnessTests
{
    private const string Alphabet = "{}[]()<>;=,.-+\"'/*\\\n\r\t abcxyz_09 message option oneof map repeated optional (livekit.events.event) \"x\" ";

    [Fact]
    public void TwoThousandMutationsOfTheRoomSchemaNeverThrow()
    {
        var original = File.ReadAllText(TestPaths.RoomSchemaPath);
        var random = new Random(20_251_124);
        var models = 0;
        var malformed = 0;

        for (var i = 0; i < 2_000; i++)
        {
            var mutated = Mutate(original, random, edits: 1 + random.Next(4));
            var result = CompileAndEmit(mutated, $"mutation {i}");
            models += result.Schema is null ? 0 : 1;
            malformed += result.Diagnostics.Count > 0 ? 1 : 0;
        }

        // Both outcomes occur, so the run exercised the parser's errors and the model and emitters.
        Assert.InRange(malformed, 1, 2_000);
        Assert.InRange(models, 1, 2_000);
    }

    [Fact]
    public void RandomTextNeverThrows()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var text = new StringBuilder();
            var length = random.Next(200);
            for (var j = 0; j < length; j++)
            {
                text.Append(random.Next(10) == 0 ? (char)random.Next(0, 0x3000) : Alphabet[random.Next(Alphabet.Length)]);
            }

            CompileAndEmit(text.ToString(), $"random text {i}");
        }
    }

    private static SchemaResult CompileAndEmit(string text, string what)
    {
        try
        {
            var result = SchemaCompiler.Compile("/fuzz.proto", text);
            if (result.Schema is { } schema)
            {
                KeyClassEmitter.Emit(schema);
                EventArgsEmitter.Emit(schema);
                EmitterClassEmitter.Emit(schema);
            }

            foreach (var diagnostic in result.Diagnostics)
            {
                // Turning the value into a Roslyn diagnostic formats the message: must not throw either.
                diagnostic.ToDiagnostic().GetMessage();
            }

            return result;
        }
        catch (Exception exception)
        {
            throw new Xunit.Sdk.XunitException($"{what} threw {exception}\n--- input ---\n{text}");
        }
    }

    private static string Mutate(string text, Random random, int edits)
    {
        var builder = new StringBuilder(text);
        for (var i = 0; i < edits; i++)
        {
            var at = random.Next(builder.Length + 1);
            switch (random.Next(5))
            {
                case 0: // delete a short run
                    builder.Remove(Math.Min(at, builder.Length), Math.Min(random.Next(1, 12), builder.Length - Math.Min(at, builder.Length)));
                    break;
                case 1: // insert punctuation or keywords
                    builder.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 2: // duplicate a span elsewhere
                    var start = random.Next(builder.Length);
                    var length = Math.Min(random.Next(1, 80), builder.Length - start);
                    builder.Insert(random.Next(builder.Length + 1), builder.ToString(start, length));
                    break;
                case 3: // truncate
                    builder.Length = at;
                    break;
                default: // replace one character
                    if (at < builder.Length)
                    {
                        builder[at] = Alphabet[random.Next(Alphabet.Length)];
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
