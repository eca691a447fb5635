using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>How the harness reads and writes the page's JSON: camelCase members, as JavaScript spells them.</summary>
internal static class ClientJson
{
    /// <summary>Web defaults (camelCase, case-insensitive reads); nulls are left out of what is written.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
