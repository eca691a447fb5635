using Xunit;

namespace LiveKit.Rtc.Tests.Connection;

public sealed class IceServerUrlTests
{
    [Theory]
    [InlineData("stun:stun.example.com", false, false, "stun.example.com", 3478)]
    [InlineData("stun:stun.example.com:19302", false, false, "stun.example.com", 19302)]
    [InlineData("STUN:10.0.0.1:1234", false, false, "10.0.0.1", 1234)]
    [InlineData("turn:turn.example.com?transport=udp", true, false, "turn.example.com", 3478)]
    [InlineData("turns:turn.example.com:443?transport=tcp", true, true, "turn.example.com", 443)]
    [InlineData("stuns:stun.example.com", false, true, "stun.example.com", 5349)]
    [InlineData("stun:[::1]:3478", false, false, "::1", 3478)]
    public void Parses_the_scheme_host_and_port_with_rfc_defaults(string text, bool turn, bool secure, string host, int port)
    {
        Assert.True(IceServerUrl.TryParse(text, out IceServerUrl? url));
        Assert.Equal(new IceServerUrl(turn, secure, host, port), url);
    }

    [Theory]
    [InlineData("")]
    [InlineData("stun")]
    [InlineData("http://example.com")]
    [InlineData("stun:")]
    [InlineData("stun:host:0")]
    [InlineData("stun:host:70000")]
    [InlineData("stun:host:port")]
    [InlineData("stun://host/path")]
    [InlineData("turn:user@host")]
    [InlineData("stun:[::1")]
    public void Refuses_what_is_not_a_stun_or_turn_url(string text) => Assert.False(IceServerUrl.TryParse(text, out _));
}
