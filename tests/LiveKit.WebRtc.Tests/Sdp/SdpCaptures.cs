using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LiveKit.WebRtc.Tests.Sdp;

/// <summary>The SDPs captured from a LiveKit server (pion), Chromium 156 and the Node SDK, copied to the test output.</summary>
internal static class SdpCaptures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Captures", "Sdp");

    /// <summary>Chromium's offer with three receive-only audio, three receive-only video, data and a send-only audio section.</summary>
    public const string ChromiumOfferWithMicrophone = "browser-single-s0-3-C2S-offer-id3.sdp";

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
