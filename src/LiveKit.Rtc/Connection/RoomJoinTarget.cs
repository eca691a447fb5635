using System;

namespace LiveKit.Rtc;

/// <summary>The server a room joins: the URL as the user gave it and its parsed form.</summary>
/// <param name="Url">The URL given to ConnectAsync.</param>
/// <param name="SignalUri">Its <c>/rtc</c> form, checked once (it tells whether the server is on this machine).</param>
internal sealed record RoomJoinTarget(string Url, Uri SignalUri);
