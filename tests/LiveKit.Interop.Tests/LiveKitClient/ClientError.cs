using System.Text.Json;

namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>
/// The error a page function rejected with, as lk-page.js describes it: livekit-client's error class name
/// (<c>ConnectionError</c>, <c>TrackInvalidError</c>...) and message, and for a <c>ConnectionError</c> its reason
/// (a <c>ConnectionErrorReason</c>: <c>reasonName</c> <c>NotAllowed</c>, <c>ServerUnreachable</c>, <c>Timeout</c>...) and
/// HTTP status. <c>HarnessError</c> names a failure of the harness itself (Playwright, the page).
/// </summary>
public sealed record ClientError
{
    /// <summary>The error's <c>name</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>The error's <c>message</c>.</summary>
    public string Message { get; init; } = "";

    /// <summary>The error's <c>reason</c> (a number for a ConnectionError), or null.</summary>
    public JsonElement? Reason { get; init; }

    /// <summary>The reason's name, e.g. <c>ServerUnreachable</c>, or null.</summary>
    public string? ReasonName { get; init; }

    /// <summary>The HTTP status the client saw (from the validate endpoint), or null.</summary>
    public JsonElement? Status { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: {Message}" + (ReasonName is null ? "" : $" (reason {ReasonName})") + (Status is JsonElement s ? $" (status {s})" : "");
}
