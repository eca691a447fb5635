namespace LiveKit.Interop.Tests.LiveKitServer;

/// <summary>The claims of a token that the tests compare.</summary>
internal sealed record TokenPayload(string? Subject, string? Room, string? Name, long IssuedAt, long ExpiresAt);
