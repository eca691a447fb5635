using LiveKit.WebRtc.Sdp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sdp;

public sealed class SdpMalformedTests
{
    private const string Header = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private const string AudioLine = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

    private static SdpError Fail(string text)
    {
        bool ok = SdpParser.TryParse(text, out SessionDescription? description, out SdpError? error);

        Assert.False(ok);
        Assert.Null(description);
        Assert.NotNull(error);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Empty_input_is_an_error(string? text)
    {
        Assert.Equal(0, Fail(text!).LineNumber);
    }

    [Fact]
    public void Missing_version_line_is_reported_on_line_1()
    {
        SdpError error = Fail("o=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");

        Assert.Equal(1, error.LineNumber);
        Assert.Contains("v=", error.Message);
    }

    [Fact]
    public void Wrong_version_is_an_error()
    {
        Assert.Equal(1, Fail("v=1\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n").LineNumber);
    }

    [Fact]
    public void Missing_timing_is_reported_where_media_starts()
    {
        SdpError error = Fail("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n" + AudioLine);

        Assert.Equal(4, error.LineNumber);
        Assert.Contains("t=", error.Message);
    }

    [Theory]
    [InlineData("m=audio")]
    [InlineData("m=aud")]
    [InlineData("m=audio 9 UDP/TLS/RTP/SAVPF")]
    [InlineData("m=audio x UDP/TLS/RTP/SAVPF 111")]
    [InlineData("m=audio 70000 UDP/TLS/RTP/SAVPF 111")]
    [InlineData("m=audio 9/0 UDP/TLS/RTP/SAVPF 111")]
    [InlineData("m=audio 9  UDP/TLS/RTP/SAVPF 111")]
    [InlineData("m=audio 9 UDP//SAVPF 111")]
    public void Bad_media_line_is_reported_with_its_line_number(string mediaLine)
    {
        SdpError error = Fail(Header + mediaLine + "\r\na=mid:0\r\n");

        Assert.Equal(5, error.LineNumber);
        Assert.Contains("m=", error.Message);
    }

    [Theory]
    [InlineData("a=rtpmap:111")]
    [InlineData("a=rtpmap:abc opus/48000/2")]
    [InlineData("a=rtpmap:128 opus/48000/2")]
    [InlineData("a=rtpmap:111 opus")]
    [InlineData("a=rtpmap:111 opus/x")]
    [InlineData("a=rtpmap:111 opus/48000/0")]
    [InlineData("a=rtpmap:111 opus/48000/2/1")]
    [InlineData("a=rtpmap")]
    public void Bad_rtpmap_is_reported_with_its_line_number(string line)
    {
        SdpError error = Fail(Header + AudioLine + "a=mid:0\r\n" + line + "\r\n");

        Assert.Equal(7, error.LineNumber);
        Assert.Contains("rtpmap", error.Message);
    }

    [Theory]
    [InlineData("a=candidate:1 1 udp notanumber 127.0.0.1 5000 typ host")]
    [InlineData("a=candidate:1 1 udp 2130706431 127.0.0.1 5000 host")]
    [InlineData("a=candidate:1 1 udp 2130706431 127.0.0.1 99999 typ host")]
    [InlineData("a=candidate:1 0 udp 2130706431 127.0.0.1 5000 typ host")]
    [InlineData("a=candidate:1 1 udp 2130706431 127.0.0.1 5000 typ host generation")]
    [InlineData("a=candidate:1 1 udp 2130706431 127.0.0.1 5000 typ host rport x")]
    [InlineData("a=candidate:1 1 udp 2130706431")]
    [InlineData("a=candidate:")]
    public void Bad_candidate_is_reported_with_its_line_number(string line)
    {
        SdpError error = Fail(Header + AudioLine + line + "\r\n");

        Assert.Equal(6, error.LineNumber);
        Assert.Contains("candidate", error.Message);
    }

    [Theory]
    [InlineData("v=0|o=- 1|s=-|t=0 0", 2)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|c=IN IP4|t=0 0", 4)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0", 4)]
    [InlineData("v", 1)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|a", 5)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|a=", 5)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|m=audio 9 RTP/AVP 111|a=fmtp:111", 6)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|m=audio 9 RTP/AVP 111|a=extmap:1", 6)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|m=audio 9 RTP/AVP 111|a=extmap:0 urn:x", 6)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|m=audio 9 RTP/AVP 111|a=ssrc:1", 6)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|m=audio 9 RTP/AVP 111|a=setup:act", 6)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|m=audio 9 RTP/AVP 111|a=fingerprint:sha-256 AB:C", 6)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|m=audio 9 RTP/AVP 111|a=simulcast:send", 6)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|m=audio 9 RTP/AVP 111|a=rid:h both", 6)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|m=audio 9 RTP/AVP 111|a=sctp-port:", 6)]
    [InlineData("v=0|o=- 1 2 IN IP4 127.0.0.1|s=-|t=0 0|m=audio 9 RTP/AVP 111|a=mid", 6)]
    public void Truncated_lines_are_reported_with_their_line_number(string lines, int expectedLine)
    {
        SdpError error = Fail(lines.Replace("|", "\r\n", System.StringComparison.Ordinal));

        Assert.Equal(expectedLine, error.LineNumber);
    }

    [Fact]
    public void Lines_out_of_order_are_an_error()
    {
        SdpError error = Fail("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\na=ice-lite\r\nt=0 0\r\n");

        Assert.Equal(5, error.LineNumber);
    }

    [Fact]
    public void Unknown_line_types_are_an_error()
    {
        // RFC 8866 §5: a description with a type letter the parser does not understand is ignored entirely.
        Assert.Equal(5, Fail(Header + "x=unknown\r\n").LineNumber);
    }

    [Fact]
    public void Empty_lines_inside_the_description_are_an_error_but_trailing_ones_are_not()
    {
        Assert.Equal(3, Fail("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n\r\ns=-\r\nt=0 0\r\n").LineNumber);
        Assert.True(SdpParser.TryParse(Header + "\r\n\r\n", out _, out _));
    }

    [Fact]
    public void A_carriage_return_inside_a_line_is_an_error()
    {
        Assert.Equal(5, Fail(Header + "a=tool:x\ry\r\n").LineNumber);
    }

    [Fact]
    public void A_description_without_a_final_newline_still_parses()
    {
        Assert.True(SdpParser.TryParse(Header + "a=ice-lite", out SessionDescription? description, out _));
        Assert.Equal(Header + "a=ice-lite\r\n", description!.ToString());
    }

    [Fact]
    public void The_error_text_names_the_line()
    {
        Assert.StartsWith("line 7: ", Fail(Header + AudioLine + "a=mid:0\r\na=rtpmap:x\r\n").ToString());
    }
}
