using System.Collections.Generic;
using LiveKit.WebRtc.Ice;
using Xunit;

namespace LiveKit.WebRtc.Tests.Ice;

public class IceCandidateTests
{
    [Theory]
    [InlineData("candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0")]
    [InlineData("candidate:1853887674 1 udp 1518280447 47.61.61.61 36768 typ srflx raddr 192.168.0.196 rport 36768 generation 0")]
    [InlineData("candidate:1467250027 1 tcp 1518280447 192.168.0.196 9 typ host tcptype active generation 0 ufrag Xy7a")]
    [InlineData("candidate:3 1 udp 16777215 10.0.0.1 3478 typ relay raddr 1.2.3.4 rport 50000")]
    [InlineData("candidate:842163049 1 udp 1677729535 1.2.3.4 5000 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag abcd network-id 1 network-cost 10")]
    [InlineData("candidate:9 1 udp 2113937151 fd4b9d0e-1ab3-4e5c-8a5c-1f4a8c2b3d4e.local 54321 typ host")]
    public void Candidate_string_round_trips(string text)
    {
        Assert.True(IceCandidate.TryParse(text, out IceCandidate? candidate));
        Assert.Equal(text, candidate.ToString());
    }

    [Fact]
    public void Srflx_candidate_parses_to_its_fields()
    {
        Assert.True(IceCandidate.TryParse(
            "a=candidate:1853887674 1 UDP 1518280447 47.61.61.61 36768 typ srflx raddr 192.168.0.196 rport 36768 foo bar",
            out IceCandidate? candidate));

        Assert.Equal("1853887674", candidate.Foundation);
        Assert.Equal(1, candidate.Component);
        Assert.Equal(IceTransportProtocol.Udp, candidate.Transport);
        Assert.Equal(1518280447u, candidate.Priority);
        Assert.Equal("47.61.61.61", candidate.Address);
        Assert.Equal(36768, candidate.Port);
        Assert.Equal(IceCandidateType.ServerReflexive, candidate.Type);
        Assert.Equal("192.168.0.196", candidate.RelatedAddress);
        Assert.Equal(36768, candidate.RelatedPort);
        Assert.Equal(new[] { new KeyValuePair<string, string>("foo", "bar") }, candidate.Extensions);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("candidate:")]
    [InlineData("candidate:1 1 udp 100 1.2.3.4 5000 typ")]
    [InlineData("candidate:1 1 udp 100 1.2.3.4 5000 type host")]
    [InlineData("candidate:1 1 sctp 100 1.2.3.4 5000 typ host")]
    [InlineData("candidate:1 0 udp 100 1.2.3.4 5000 typ host")]
    [InlineData("candidate:1 1 udp 100 1.2.3.4 70000 typ host")]
    [InlineData("candidate:1 1 udp -5 1.2.3.4 5000 typ host")]
    [InlineData("candidate:1 1 udp 100 1.2.3.4 5000 typ bogus")]
    [InlineData("candidate:1 1 udp 100 1.2.3.4 5000 typ host raddr")]
    [InlineData("candidate:1 1 udp 100 1.2.3.4 5000 typ srflx raddr 1.1.1.1 rport x")]
    public void Malformed_candidates_do_not_parse(string? text)
    {
        Assert.False(IceCandidate.TryParse(text, out _));
    }

    [Theory]
    [InlineData("candidate:1 1 udp 100 1.2.3.4 5000 typ", "must be <foundation>")]
    [InlineData("candidate:a-b 1 udp 100 1.2.3.4 5000 typ host", "foundation must be 1 to 32 ice-chars")]
    [InlineData("candidate:1 0 udp 100 1.2.3.4 5000 typ host", "component id must be 1 to 256")]
    [InlineData("candidate:1 1 sctp 100 1.2.3.4 5000 typ host", "transport must be udp or tcp")]
    [InlineData("candidate:1 1 udp 0 1.2.3.4 5000 typ host", "priority must be a positive")]
    [InlineData("candidate:1 1 udp 100 1.2.3.4 70000 typ host", "port must be 0 to 65535")]
    [InlineData("candidate:1 1 udp 100 1.2.3.4 5000 typ bogus", "type must be host, srflx, prflx or relay")]
    [InlineData("candidate:1 1 udp 100 1.2.3.4 5000 typ host raddr", "extensions must be name/value pairs")]
    [InlineData("candidate:1 1 udp 100 1.2.3.4 5000 typ host network-cost high", "network-cost value 'high' is not a valid number")]
    public void Malformed_candidates_say_what_is_wrong(string text, string expected)
    {
        Assert.False(IceCandidate.TryParse(text, out IceCandidate? candidate, out string error));
        Assert.Null(candidate);
        Assert.Contains(expected, error);
        Assert.StartsWith("a=candidate", error);
    }

    [Fact]
    public void Chrome_network_extensions_are_typed_and_written_back_in_Chrome_order()
    {
        Assert.True(IceCandidate.TryParse("candidate:1 1 udp 100 1.2.3.4 5000 typ host network-cost 50 x y network-id 3 generation 0",
            out IceCandidate? candidate, out string error));

        Assert.Empty(error);
        Assert.Equal((3u, 50u, 0u), (candidate.NetworkId, candidate.NetworkCost, candidate.Generation));
        Assert.Equal(new[] { new KeyValuePair<string, string>("x", "y") }, candidate.Extensions);
        Assert.Equal("1 1 udp 100 1.2.3.4 5000 typ host generation 0 network-id 3 network-cost 50 x y", candidate.ToValue());
    }

    [Fact]
    public void The_sdp_candidate_is_a_view_of_the_one_ice_candidate_model()
    {
        const string line = "a=candidate:842163049 1 UDP 1677729535 203.0.113.7 50000 typ srflx raddr 10.0.0.2 rport 9 ufrag Ab12 network-cost 10";

        Assert.True(WebRtc.Sdp.SdpCandidate.TryParse(line, out WebRtc.Sdp.SdpCandidate? sdp, out _));

        IceCandidate ice = sdp.Candidate;
        Assert.Equal(IceTransportProtocol.Udp, ice.Transport);
        Assert.Equal(IceCandidateType.ServerReflexive, ice.Type);
        Assert.Equal(("udp", "srflx", "Ab12", 10u), (sdp.Transport, sdp.Type, sdp.Ufrag, sdp.NetworkCost));
        Assert.Equal((ice.Address, ice.Port, ice.RelatedAddress, ice.RelatedPort), (sdp.Address, sdp.Port, sdp.RelatedAddress, sdp.RelatedPort));
        Assert.Equal(ice.ToValue(), sdp.ToValue());
        Assert.Equal(IceCandidate.Prefix + sdp.ToValue(), ice.ToString());
        Assert.Same(ice, WebRtc.Sdp.SdpCandidate.FromIceCandidate(ice).Candidate);

        // The SDP parser reports the same messages, with the line.
        Assert.False(WebRtc.Sdp.SdpCandidate.TryParse("1 1 udp 100 1.2.3.4 5000 typ bogus", out _, out string error));
        Assert.Equal("a=candidate type must be host, srflx, prflx or relay", error);
    }

    [Fact]
    public void Priority_follows_the_formula_of_RFC_8445()
    {
        // 2^24 * 126 + 2^8 * 65535 + (256 - 1) = 2113929216 + 16776960 + 255.
        Assert.Equal(2130706431u, IceCandidate.ComputePriority(IceCandidateType.Host, 65535, 1));
        // 2^24 * 100 + 2^8 * 65535 + 254.
        Assert.Equal(1694498814u, IceCandidate.ComputePriority(IceCandidateType.ServerReflexive, 65535, 2));
        // 2^24 * 110 + 2^8 * 10 + 255.
        Assert.Equal(1845496575u, IceCandidate.ComputePriority(IceCandidateType.PeerReflexive, 10, 1));
        // Relay: type preference 0.
        Assert.Equal(16777215u, IceCandidate.ComputePriority(IceCandidateType.Relay, 65535, 1));
    }

    [Fact]
    public void Foundation_is_shared_by_type_base_and_transport_only()
    {
        string a = IceCandidate.ComputeFoundation(IceCandidateType.Host, "127.0.0.1", null, IceTransportProtocol.Udp);
        Assert.Equal(a, IceCandidate.ComputeFoundation(IceCandidateType.Host, "127.0.0.1", null, IceTransportProtocol.Udp));
        Assert.NotEqual(a, IceCandidate.ComputeFoundation(IceCandidateType.ServerReflexive, "127.0.0.1", "1.2.3.4", IceTransportProtocol.Udp));
        Assert.NotEqual(a, IceCandidate.ComputeFoundation(IceCandidateType.Host, "127.0.0.2", null, IceTransportProtocol.Udp));
        Assert.NotEqual(a, IceCandidate.ComputeFoundation(IceCandidateType.Host, "127.0.0.1", null, IceTransportProtocol.Tcp));
        Assert.InRange(a.Length, 1, 32);
    }

    [Fact]
    public void Candidate_init_json_round_trips_in_the_LiveKit_shape()
    {
        const string json = "{\"candidate\":\"candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0\","
            + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"Xy7a\"}";

        Assert.True(IceCandidateInit.TryParseJson(json, out IceCandidateInit? init));
        Assert.Equal("0", init.SdpMid);
        Assert.Equal(0, init.SdpMLineIndex);
        Assert.Equal("Xy7a", init.UsernameFragment);
        Assert.True(init.TryGetCandidate(out IceCandidate? candidate));
        Assert.Equal(46243, candidate.Port);
        Assert.Equal(json, init.ToJson());
    }

    [Fact]
    public void Candidate_init_json_without_optional_members_and_with_nulls_parses()
    {
        Assert.True(IceCandidateInit.TryParseJson("{\"candidate\":\"\",\"sdpMid\":null,\"extra\":[1]}", out IceCandidateInit? init));
        Assert.True(init.IsEndOfCandidates);
        Assert.Null(init.SdpMid);
        Assert.Equal("{\"candidate\":\"\"}", init.ToJson());
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("{\"candidate\":5}")]
    [InlineData("{\"sdpMLineIndex\":\"0\"}")]
    public void Malformed_candidate_init_json_does_not_parse(string json)
    {
        Assert.False(IceCandidateInit.TryParseJson(json, out _));
    }

    [Fact]
    public void Generated_credentials_meet_the_lengths_of_RFC_8445_and_repeat_for_a_seed()
    {
        IceCredentials a = IceCredentials.Generate(new System.Random(7));
        IceCredentials b = IceCredentials.Generate(new System.Random(7));
        Assert.Equal(a, b);
        Assert.True(a.UsernameFragment.Length >= 4);
        Assert.True(a.Password.Length >= 22);
        Assert.Matches("^[A-Za-z0-9+/]+$", a.UsernameFragment + a.Password);
        Assert.NotEqual(a, IceCredentials.Generate(new IceCryptoRandom()));
    }

    [Theory]
    [InlineData(new byte[] { 0x00 }, (int)PacketClass.Stun)]
    [InlineData(new byte[] { 0x03 }, (int)PacketClass.Stun)]
    [InlineData(new byte[] { 22 }, (int)PacketClass.Dtls)]
    [InlineData(new byte[] { 0x80 }, (int)PacketClass.RtpOrRtcp)]
    [InlineData(new byte[] { 191 }, (int)PacketClass.RtpOrRtcp)]
    [InlineData(new byte[] { 0x40 }, (int)PacketClass.TurnChannel)]
    [InlineData(new byte[] { 200 }, (int)PacketClass.Unknown)]
    [InlineData(new byte[0], (int)PacketClass.Unknown)]
    public void First_byte_classifies_datagrams_per_RFC_7983(byte[] datagram, int expected)
    {
        Assert.Equal((PacketClass)expected, PacketClassifier.Classify(datagram));
    }
}
