namespace LiveKit.Api.Tests;

/// <summary>What <see cref="FakeTwirpServer"/> received.</summary>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    string? ContentType,
    string Authorization,
    string Accept,
    byte[] Body);
