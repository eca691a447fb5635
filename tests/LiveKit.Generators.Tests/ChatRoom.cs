using Microsoft.Extensions.Logging;

namespace LiveKit.Generators.Tests.Chat;

/// <summary>A chat member, the clr_type of the test schema.</summary>
public sealed record Member(string Name);

/// <summary>
/// The emitter bound by Schemas/chat_events.proto. Its On/Once/Off/Emit members are generated into this project by
/// the generator under test, exactly as in a consuming project (see the csproj's AdditionalFiles).
/// </summary>
public sealed partial class ChatRoom(ILogger logger)
{
    private partial ILogger EventLogger => logger;
}
