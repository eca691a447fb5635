using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// <c>a=simulcast:send &lt;list&gt; [recv &lt;list&gt;]</c> (RFC 8853 §5.1). A list is streams separated by <c>;</c>,
/// each stream a set of alternative rids separated by <c>,</c>: <c>send h;m;l</c> or <c>send 1,2;3</c>.
/// </summary>
/// <param name="Send">The send streams, each a list of alternatives; empty when there is no <c>send</c> part.</param>
/// <param name="Receive">The receive streams; empty when there is no <c>recv</c> part.</param>
public sealed record SdpSimulcast(IReadOnlyList<IReadOnlyList<SdpSimulcastStream>> Send, IReadOnlyList<IReadOnlyList<SdpSimulcastStream>> Receive)
{
    /// <summary>Parses the value of <c>a=simulcast</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpSimulcast? simulcast, out string error)
    {
        simulcast = null;
        string[] parts = SdpText.SplitSpaces(value);
        IReadOnlyList<IReadOnlyList<SdpSimulcastStream>> send = Array.Empty<IReadOnlyList<SdpSimulcastStream>>();
        IReadOnlyList<IReadOnlyList<SdpSimulcastStream>> receive = Array.Empty<IReadOnlyList<SdpSimulcastStream>>();
        if (parts.Length is not (2 or 4))
        {
            error = "a=simulcast must be send <list> and/or recv <list>";
            return false;
        }

        for (int i = 0; i < parts.Length; i += 2)
        {
            if (!TryParseList(parts[i + 1], out List<IReadOnlyList<SdpSimulcastStream>>? list))
            {
                error = $"a=simulcast list '{parts[i + 1]}' is not rids separated by ';' and ','";
                return false;
            }

            bool duplicate;
            switch (parts[i])
            {
                case "send": duplicate = send.Count > 0; send = list; break;
                case "recv": duplicate = receive.Count > 0; receive = list; break;
                default:
                    error = "a=simulcast direction must be send or recv";
                    return false;
            }

            if (duplicate)
            {
                error = $"a=simulcast has two '{parts[i]}' lists";
                return false;
            }
        }

        simulcast = new SdpSimulcast(send, receive);
        error = "";
        return true;
    }

    private static bool TryParseList(string text, [NotNullWhen(true)] out List<IReadOnlyList<SdpSimulcastStream>>? list)
    {
        list = new List<IReadOnlyList<SdpSimulcastStream>>();
        foreach (string alternatives in text.Split(';'))
        {
            var stream = new List<SdpSimulcastStream>();
            foreach (string id in alternatives.Split(','))
            {
                bool paused = id.StartsWith('~');
                string rid = paused ? id[1..] : id;
                if (!SdpRid.IsRidId(rid))
                {
                    list = null;
                    return false;
                }

                stream.Add(new SdpSimulcastStream(rid, paused));
            }

            list.Add(stream);
        }

        return true;
    }

    /// <summary>The attribute value.</summary>
    public string ToValue()
    {
        var parts = new List<string>();
        if (Send.Count > 0)
        {
            parts.Add("send " + FormatList(Send));
        }

        if (Receive.Count > 0)
        {
            parts.Add("recv " + FormatList(Receive));
        }

        return string.Join(' ', parts);
    }

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.Simulcast, ToValue());

    private static string FormatList(IReadOnlyList<IReadOnlyList<SdpSimulcastStream>> list)
    {
        var streams = new List<string>();
        foreach (IReadOnlyList<SdpSimulcastStream> alternatives in list)
        {
            streams.Add(string.Join(',', alternatives));
        }

        return string.Join(';', streams);
    }
}
