using System.Collections.Generic;
using System.Linq;
using LiveKit.Generators.Tests.Infrastructure;
using Xunit;

namespace LiveKit.Generators.Tests;

/// <summary>Adding an event to a schema adds exactly that event's code and changes nothing else.</summary>
public sealed class AddedEventTests
{
    private const string NewEvent = """
        // A member started typing.
        message TypingStarted {
          option (livekit.events.event) = "typing_started";
          // The member who types.
          Member member = 1;
        }


        """;

    [Fact]
    public void AddingAnEventAddsItsKeyRecordAndOverloadsAndNothingElse()
    {
        var before = GeneratorHarness.Run(Schemas.Chat, Schemas.ChatRoomSource);
        var text = Schemas.Chat.Text;
        var withEvent = text.Insert(text.IndexOf("// A member posted a message.", System.StringComparison.Ordinal), NewEvent);
        var after = GeneratorHarness.Run(new Schema(Schemas.Chat.Path, withEvent), Schemas.ChatRoomSource);

        Assert.Empty(after.GeneratorDiagnostics);
        Assert.Empty(after.CompilationProblems);
        Assert.Equal(before.Files.Keys.Order(), after.Files.Keys.Order());

        var added = new Dictionary<string, string>();
        foreach (var (hintName, oldText) in before.Files)
        {
            var (inserted, deleted) = LineDiff(oldText, after.Files[hintName]);
            Assert.Empty(deleted);
            added[hintName] = string.Join("\n", inserted);
        }

        var keys = added.Single(file => file.Key.EndsWith(".ChatEvent.g.cs", System.StringComparison.Ordinal)).Value;
        Assert.Contains("public static global::LiveKit.Generators.Tests.Chat.ChatEvent.TypingStartedKey TypingStarted => default;", keys);
        Assert.Contains("public readonly struct TypingStartedKey", keys);
        Assert.Contains("public const string Name = \"typing_started\";", keys);

        var records = added.Single(file => file.Key.EndsWith(".EventArgs.g.cs", System.StringComparison.Ordinal)).Value;
        Assert.Contains("public readonly record struct TypingStartedEventArgs(", records);
        Assert.Single(records.Split('\n'), line => line.Contains("record struct"));

        var methods = added.Single(file => file.Key.EndsWith(".Events.g.cs", System.StringComparison.Ordinal)).Value;
        Assert.Equal(2, Count(methods, "EventSubscription On(global::LiveKit.Generators.Tests.Chat.ChatEvent.TypingStartedKey @event"));
        Assert.Equal(2, Count(methods, "EventSubscription Once(global::LiveKit.Generators.Tests.Chat.ChatEvent.TypingStartedKey @event"));
        Assert.Equal(2, Count(methods, "bool Off(global::LiveKit.Generators.Tests.Chat.ChatEvent.TypingStartedKey @event"));
        Assert.Equal(1, Count(methods, "internal void Emit(global::LiveKit.Generators.Tests.Chat.ChatEvent.TypingStartedKey @event"));
        Assert.Equal(1, Count(methods, "__typingStartedHandlers = new(\"typing_started\", typeof("));

        // Nothing added mentions another event.
        foreach (var other in new[] { "Opened", "MemberJoined", "MessagePosted" })
        {
            Assert.All(added.Values, addedText => Assert.DoesNotContain(other, addedText));
        }
    }

    private static int Count(string text, string value) => text.Split(value).Length - 1;

    // A longest-common-subsequence line diff: the lines only `after` has, and the lines only `before` has.
    private static (List<string> Inserted, List<string> Deleted) LineDiff(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : System.Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var inserted = new List<string>();
        var deleted = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                inserted.Add(b[y++]);
            }
            else
            {
                deleted.Add(a[x++]);
            }
        }

        return (inserted, deleted);
    }
}
