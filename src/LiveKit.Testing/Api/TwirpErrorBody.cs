using System.Text.Json.Serialization;

namespace LiveKit.Testing.Api;

/// <summary>Twirp's error body.</summary>
/// <param name="Code">The error code string, e.g. <c>not_found</c>.</param>
/// <param name="Msg">The message.</param>
internal sealed record TwirpErrorBody(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("msg")] string Msg);

[JsonSerializable(typeof(TwirpErrorBody))]
internal sealed partial class TwirpJsonContext : JsonSerializerContext
{
}
