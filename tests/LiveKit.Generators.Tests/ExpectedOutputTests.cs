using System;
using System.IO;
using System.Linq;
using LiveKit.Generators.Tests.Infrastructure;
using Xunit;

namespace LiveKit.Generators.Tests;

/// <summary>
/// The chat schema's output, compared with the checked-in files under Expected/ChatRoom. After an intended change
/// to the generated code, regenerate them with
/// <c>LIVEKIT_UPDATE_EXPECTED=1 dotnet test tests/LiveKit.Generators.Tests</c> and review the diff.
/// </summary>
public sealed class ExpectedOutputTests
{
    private const string UpdateVariable = "LIVEKIT_UPDATE_EXPECTED";

    private static readonly string Directory = Path.Combine(TestPaths.ExpectedRoot, "ChatRoom");

    [Fact]
    public void ChatSchemaOutputMatchesTheExpectedFiles()
    {
        var run = GeneratorHarness.Run(Schemas.Chat, Schemas.ChatRoomSource);
        Assert.Empty(run.GeneratorDiagnostics);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            System.IO.Directory.CreateDirectory(Directory);
            foreach (var stale in System.IO.Directory.GetFiles(Directory, "*.g.cs"))
            {
                File.Delete(stale);
            }

            foreach (var (hintName, text) in run.Files)
            {
                File.WriteAllText(Path.Combine(Directory, hintName), text);
            }
        }

        var expected = System.IO.Directory.GetFiles(Directory, "*.g.cs").Select(path => Path.GetFileName(path)!).Order().ToList();
        Assert.Equal(expected, run.Files.Keys.Order().ToList());
        foreach (var (hintName, text) in run.Files)
        {
            var expectedText = File.ReadAllText(Path.Combine(Directory, hintName)).ReplaceLineEndings("\n");
            Assert.True(
                expectedText == text,
                $"{hintName} differs from Expected/ChatRoom/{hintName}; if the change is intended, run the tests with {UpdateVariable}=1 and review the diff.");
        }
    }
}
