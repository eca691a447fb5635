namespace LiveKit.Testing.Hosting;

/// <summary>Why a join or a validate request was refused: the HTTP status and the text the real server answers with.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Message">The response body.</param>
internal sealed record JoinRefusal(int StatusCode, string Message);
