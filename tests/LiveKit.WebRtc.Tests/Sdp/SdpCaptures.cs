using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LiveKit.WebRtc.Tests.Sdp;

/// <summary>
/// The SDPs captured from a LiveKit server (pion), Chromium 156 (livekit-client) and the Node SDK, copied to the test output.
/// </summary>
internal static class SdpCaptures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Captures", "Sdp");

    /// <summary>Chromium's offer with three receive-only audio, three receive-only video, data and a send-only audio section.</summary>
    public const string ChromiumOfferWithMicrophone = "browser-single-s0-3-C2S-offer-id3.sdp";

    /// <summary>
    /// livekit-client 2.23.0 in Chromium 156 publishing its fake camera at 1280x720 with its default simulcast to
    /// LiveKit.Testing (two peer connections): the publisher's offer, a data section (mid 0) and a send-only video
    /// section (mid 1) with <c>a=rid:q send</c>, <c>a=rid:h send</c>, <c>a=rid:f send</c>, <c>a=simulcast:send q;h;f</c>,
    /// the rid extensions (ids 10 and 11) and no <c>a=ssrc</c> lines. Recorded from the argument of its
    /// setLocalDescription, which is what it sends to the server.
    /// </summary>
    public const string ChromiumOfferWithSimulcastCamera = "browser-dual-camera-simulcast-C2S-offer.sdp";

    public static IReadOnlyList<string> Names =>
        System.IO.Directory.GetFiles(Directory, "*.sdp").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    /// <summary>The text with every line ending as CRLF, which is what the serializer writes.</summary>
    public static string NormalizeLineEndings(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

    public static TheoryDataNames All()
    {
        var data = new TheoryDataNames();
        foreach (string name in Names)
        {
            data.Add(name);
        }

        return data;
    }
}

/// <summary>Capture file names as xunit theory data.</summary>
internal sealed class TheoryDataNames : Xunit.TheoryData<string>
{
}
