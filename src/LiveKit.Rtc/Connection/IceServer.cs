using System;
using System.Collections.Generic;

namespace LiveKit.Rtc;

/// <summary>A STUN or TURN server (W3C <c>RTCIceServer</c>).</summary>
/// <param name="Urls">The server's URLs: <c>stun:host[:port]</c>, <c>turn:host[:port][?transport=udp|tcp]</c> or <c>turns:...</c>.</param>
/// <param name="Username">The TURN user name; null for STUN.</param>
/// <param name="Credential">The TURN password; null for STUN.</param>
public sealed record IceServer(IReadOnlyList<string> Urls, string? Username = null, string? Credential = null)
{
    /// <summary>A server with one URL.</summary>
    /// <param name="url">The server's URL, e.g. <c>stun:stun.example.com:3478</c>.</param>
    public IceServer(string url)
        : this(new[] { url })
    {
    }

    /// <summary>Checks that every URL is a stun:, turn: or turns: URL and throws <see cref="ArgumentException"/> naming the bad one.</summary>
    internal void Validate()
    {
        if (Urls is null || Urls.Count == 0)
        {
            throw new ArgumentException("An IceServer needs at least one URL, e.g. \"stun:stun.example.com:3478\".", nameof(Urls));
        }

        foreach (string url in Urls)
        {
            if (url is null || !IceServerUrl.TryParse(url, out _))
            {
                throw new ArgumentException($"\"{url}\" is not an ICE server URL: expected stun:host[:port], turn:host[:port] or turns:host[:port].", nameof(Urls));
            }
        }
    }
}
