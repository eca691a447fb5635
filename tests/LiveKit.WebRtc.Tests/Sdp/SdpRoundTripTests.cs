using System.Collections.Generic;
using LiveKit.WebRtc.Sdp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sdp;

public sealed class SdpRoundTripTests
{
    public static TheoryData<string> Captures => SdpCaptures.All();

    [Fact]
    public void The_captures_are_all_present()
    {
        Assert.Equal(29, SdpCaptures.Names.Count);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Every_capture_parses_and_serializes_back_byte_for_byte(string name)
    {
        string text = SdpCaptures.Read(name);

        bool ok = SdpParser.TryParse(text, out SessionDescription? description, out SdpError? error);

        Assert.True(ok, error?.ToString());
        Assert.Equal(SdpCaptures.NormalizeLineEndings(text), description!.ToString());
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Lf_line_endings_parse_to_the_same_description(string name)
    {
        string crlf = SdpCaptures.NormalizeLineEndings(SdpCaptures.Read(name));
        string lf = crlf.Replace("\r\n", "\n", System.StringComparison.Ordinal);

        Assert.True(SdpParser.TryParse(lf, out SessionDescription? description, out SdpError? error), error?.ToString());
        Assert.Equal(crlf, description!.ToString());
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Typed_attributes_rewrite_every_captured_value_exactly(string name)
    {
        Assert.True(SdpParser.TryParse(SdpCaptures.Read(name), out SessionDescription? description, out _));
        var attributes = new List<SdpAttribute>(description!.Attributes);
        foreach (SdpMediaDescription media in description.MediaDescriptions)
        {
            attributes.AddRange(media.Attributes);
        }

        foreach (SdpAttribute attribute in attributes)
        {
            string? rewritten = Rewrite(attribute);
            if (rewritten is not null)
            {
                Assert.Equal(attribute.Value, rewritten);
            }
        }
    }

    [Fact]
    public void The_chromium_like_offer_round_trips()
    {
        Assert.True(SdpParser.TryParse(ChromiumLikeOffer.Text, out SessionDescription? description, out SdpError? error), error?.ToString());
        Assert.Equal(ChromiumLikeOffer.Text, description!.ToString());
    }

    [Fact]
    public void Optional_session_lines_keep_their_order_and_text()
    {
        const string text =
            "v=0\r\no=jdoe 3724394400 3724394405 IN IP4 198.51.100.1\r\ns=Call to John Smith\r\ni=SDP Offer #1\r\n" +
            "u=http://www.jdoe.example.com/home.html\r\ne=Jane Doe <jane@jdoe.example.com>\r\np=+1 617 555-6011\r\n" +
            "c=IN IP4 198.51.100.1\r\nb=AS:128\r\nt=3724394400 3724398000\r\nr=7d 1h 0 25h\r\nt=0 0\r\nz=2882844526 -1h\r\nk=prompt\r\n" +
            "a=recvonly\r\nm=audio 49170 RTP/AVP 0\r\ni=voice\r\nc=IN IP4 198.51.100.2/127\r\nb=AS:64\r\nk=prompt\r\n" +
            "m=video 51372/2 RTP/AVP 99\r\nc=IN IP6 2001:db8::2\r\nc=IN IP6 2001:db8::3\r\na=rtpmap:99 h263-1998/90000\r\n";

        Assert.True(SdpParser.TryParse(text, out SessionDescription? description, out SdpError? error), error?.ToString());

        Assert.Equal(text, description!.ToString());
        Assert.Equal(2, description.Timings.Count);
        Assert.Equal(new[] { "7d 1h 0 25h" }, description.Timings[0].Repeats);
        Assert.Equal(2, description.MediaDescriptions[1].PortCount);
    }

    private static string? Rewrite(SdpAttribute attribute)
    {
        string value = attribute.Value ?? "";
        return attribute.Name switch
        {
            SdpAttributeNames.Group => SdpGroup.TryParse(value, out SdpGroup? g, out _) ? g.ToValue() : "bad",
            SdpAttributeNames.Fingerprint => SdpFingerprint.TryParse(value, out SdpFingerprint? f, out _) ? f.ToValue() : "bad",
            SdpAttributeNames.Msid => SdpMsid.TryParse(value, out SdpMsid? m, out _) ? m.ToValue() : "bad",
            SdpAttributeNames.RtpMap => SdpRtpMap.TryParse(value, out SdpRtpMap? r, out _) ? r.ToValue() : "bad",
            SdpAttributeNames.Fmtp => SdpFmtp.TryParse(value, out SdpFmtp? f, out _) ? f.ToValue() : "bad",
            SdpAttributeNames.RtcpFb => SdpRtcpFeedback.TryParse(value, out SdpRtcpFeedback? r, out _) ? r.ToValue() : "bad",
            SdpAttributeNames.Extmap => SdpExtmap.TryParse(value, out SdpExtmap? e, out _) ? e.ToValue() : "bad",
            SdpAttributeNames.Ssrc => SdpSsrc.TryParse(value, out SdpSsrc? s, out _) ? s.ToValue() : "bad",
            SdpAttributeNames.SsrcGroup => SdpSsrcGroup.TryParse(value, out SdpSsrcGroup? s, out _) ? s.ToValue() : "bad",
            SdpAttributeNames.Rid => SdpRid.TryParse(value, out SdpRid? r, out _) ? r.ToValue() : "bad",
            SdpAttributeNames.Simulcast => SdpSimulcast.TryParse(value, out SdpSimulcast? s, out _) ? s.ToValue() : "bad",
            SdpAttributeNames.Candidate => SdpCandidate.TryParse(value, out SdpCandidate? c, out _) ? c.ToValue() : "bad",
            _ => null,
        };
    }
}
