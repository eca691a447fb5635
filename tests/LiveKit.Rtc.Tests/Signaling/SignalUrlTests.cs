using System;
using System.Collections.Generic;
using LiveKit.Rtc.Signaling;
using Xunit;

namespace LiveKit.Rtc.Tests.Signaling;

public sealed class SignalUrlTests
{
    private static readonly SignalJoinOptions Defaults = new();

    [Theory]
    [InlineData("http://example.com", "ws://example.com/rtc")]
    [InlineData("https://example.com", "wss://example.com/rtc")]
    [InlineData("ws://127.0.0.1:7880", "ws://127.0.0.1:7880/rtc")]
    [InlineData("wss://project.livekit.cloud/", "wss://project.livekit.cloud/rtc")]
    [InlineData("HTTPS://Example.com:8443", "wss://example.com:8443/rtc")]
    [InlineData("https://example.com:443", "wss://example.com/rtc")]
    [InlineData("https://example.com/livekit", "wss://example.com/livekit/rtc")]
    [InlineData("https://example.com/livekit/", "wss://example.com/livekit/rtc")]
    [InlineData("ws://[::1]:7880/a/b", "ws://[::1]:7880/a/b/rtc")]
    public void The_join_uri_maps_the_scheme_and_appends_rtc_to_the_path(string url, string expected)
    {
        Uri uri = SignalUrl.ForJoin(url, "token", Defaults);

        Assert.Equal(expected, uri.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public void The_query_carries_the_token_and_the_client_information()
    {
        Uri uri = SignalUrl.ForJoin("ws://localhost:7880", "abc.def.ghi", Defaults);

        Dictionary<string, string> query = ParseQuery(uri);
        Assert.Equal("abc.def.ghi", query["access_token"]);
        Assert.Equal("1", query["auto_subscribe"]);
        Assert.False(query.ContainsKey("adaptive_stream"));
        Assert.Equal("dotnet", query["sdk"]);
        Assert.Equal(SignalUrl.SdkVersion, query["version"]);
        Assert.DoesNotContain("+", query["version"], StringComparison.Ordinal);
        Assert.Equal("17", query["protocol"]);
        Assert.Equal("0", query["client_protocol"]);
        Assert.False(string.IsNullOrEmpty(query["os"]));
        Assert.Equal(Environment.OSVersion.Version.ToString(), query["os_version"]);
    }

    [Fact]
    public void Auto_subscribe_off_and_adaptive_stream_on_are_sent()
    {
        Uri uri = SignalUrl.ForJoin("ws://localhost", "t", new SignalJoinOptions { AutoSubscribe = false, AdaptiveStream = true });

        Dictionary<string, string> query = ParseQuery(uri);
        Assert.Equal("0", query["auto_subscribe"]);
        Assert.Equal("1", query["adaptive_stream"]);
    }

    [Fact]
    public void Query_values_are_percent_encoded()
    {
        const string Token = "a+b/c=d&e f?g#h";

        Uri uri = SignalUrl.ForJoin("ws://localhost", Token, Defaults);

        Assert.Contains("access_token=a%2Bb%2Fc%3Dd%26e%20f%3Fg%23h&", uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(Token, ParseQuery(uri)["access_token"]);
    }

    [Fact]
    public void A_query_of_the_users_url_is_kept_and_a_fragment_dropped()
    {
        Uri uri = SignalUrl.ForJoin("https://example.com/base?route=eu#top", "t", Defaults);

        Assert.StartsWith("wss://example.com/base/rtc?route=eu&access_token=t&", uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("", uri.Fragment);
    }

    [Theory]
    [InlineData("ws://localhost:7880", "http://localhost:7880/rtc/validate")]
    [InlineData("wss://example.com/base/", "https://example.com/base/rtc/validate")]
    [InlineData("https://example.com", "https://example.com/rtc/validate")]
    public void The_validate_uri_is_http_with_the_same_query(string url, string expected)
    {
        Uri join = SignalUrl.ForJoin(url, "tok", Defaults);

        Uri validate = SignalUrl.ForValidate(join);

        Assert.Equal(expected, validate.GetLeftPart(UriPartial.Path));
        Assert.Equal(join.Query, validate.Query);
    }

    [Fact]
    public void Without_query_hides_the_token()
    {
        Uri join = SignalUrl.ForJoin("ws://localhost:7880", "secret-token", Defaults);

        Assert.Equal("ws://localhost:7880/rtc", SignalUrl.WithoutQuery(join));
    }

    [Theory]
    [InlineData("ftp://example.com", "scheme \"ftp\"")]
    [InlineData("file:///tmp/x", "scheme \"file\"")]
    [InlineData("example.com:7880", "not an absolute URL")]
    [InlineData("localhost", "not an absolute URL")]
    [InlineData("/rtc", "not an absolute URL")]
    [InlineData("", "not an absolute URL")]
    [InlineData("ws://", "not an absolute URL")]
    [InlineData("http://user:pass@example.com", "user information")]
    public void Other_schemes_and_malformed_urls_are_refused_with_what_is_expected(string url, string why)
    {
        ArgumentException refused = Assert.Throws<ArgumentException>(() => SignalUrl.ForJoin(url, "t", Defaults));

        Assert.Contains(why, refused.Message, StringComparison.Ordinal);
        Assert.Contains("wss://", refused.Message, StringComparison.Ordinal);
        Assert.Equal("url", refused.ParamName);
    }

    private static Dictionary<string, string> ParseQuery(Uri uri)
    {
        var values = new Dictionary<string, string>();
        foreach (string pair in uri.Query.TrimStart('?').Split('&'))
        {
            int equals = pair.IndexOf('=');
            values.Add(pair[..equals], Uri.UnescapeDataString(pair[(equals + 1)..]));
        }

        return values;
    }
}
