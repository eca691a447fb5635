using System.IO;

namespace LiveKit.Generators.Tests.Infrastructure;

/// <summary>The schemas the tests use.</summary>
internal static class Schemas
{
    public static Schema Room => new(TestPaths.RoomSchemaPath, File.ReadAllText(TestPaths.RoomSchemaPath));

    public static Schema Chat => new(TestPaths.ChatSchemaPath, File.ReadAllText(TestPaths.ChatSchemaPath));

    /// <summary>
    /// The room schema bound to <c>LiveKit.Generators.Tests.Compiled.TestRoom</c> instead of LiveKit.Rtc.Room: the real
    /// Room is already compiled with its generated members, so an in-memory compilation binds a stand-in that
    /// carries the same events with the same (real) LiveKit.Rtc argument types.
    /// </summary>
    public static Schema RoomBoundToTestRoom =>
        new(TestPaths.RoomSchemaPath, Room.Text.Replace("\"LiveKit.Rtc.Room\"", "\"LiveKit.Generators.Tests.Compiled.TestRoom\""));

    /// <summary>The C# side of <see cref="RoomBoundToTestRoom"/>.</summary>
    public const string TestRoomSource = """
        namespace LiveKit.Generators.Tests.Compiled;

        /// <summary>Stands in for LiveKit.Rtc.Room.</summary>
        public sealed partial class TestRoom
        {
            private partial global::Microsoft.Extensions.Logging.ILogger EventLogger =>
                global::Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        }
        """;

    /// <summary>The C# side of the chat schema (the in-memory twin of the test project's ChatRoom.cs).</summary>
    public const string ChatRoomSource = """
        namespace LiveKit.Generators.Tests.Chat;

        /// <summary>A chat member.</summary>
        /// <param name="Name">The member's name.</param>
        public sealed record Member(string Name);

        /// <summary>A chat room.</summary>
        public sealed partial class ChatRoom
        {
            private partial global::Microsoft.Extensions.Logging.ILogger EventLogger =>
                global::Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        }
        """;
}
