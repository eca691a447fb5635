using System.Collections.Generic;
using System.Linq;
using LiveKit.WebRtc.Sdp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sdp;

public sealed class SdpTypedAccessTests
{
    private static SessionDescription Parse(string text)
    {
        Assert.True(SdpParser.TryParse(text, out SessionDescription? description, out SdpError? error), error?.ToString());
        return description!;
    }

    [Fact]
    public void Session_level_attributes_are_typed()
    {
        SessionDescription offer = Parse(ChromiumLikeOffer.Text);

        Assert.Equal(4611731400430051336UL, offer.Origin.SessionId);
        Assert.Equal(2UL, offer.Origin.SessionVersion);
        Assert.Equal(new[] { "0", "1" }, offer.BundleGroup!.Mids);
        Assert.True(offer.ExtmapAllowMixed);
        Assert.Equal("WMS", offer.MsidSemantic!.Semantic);
        Assert.Equal(new[] { "stream1" }, offer.MsidSemantic.Ids);
    }

    [Fact]
    public void Codecs_with_rtx_apt_fmtp_and_feedback_are_typed()
    {
        SdpMediaDescription video = Parse(ChromiumLikeOffer.Text).FindByMid("0")!;

        Assert.Equal(new[] { "96", "97", "98", "99" }, video.Formats);
        Assert.Equal(new SdpRtpMap(96, "VP8", 90000, null), video.GetRtpMap(96));
        Assert.Equal(96, video.GetFmtp(97)!.AssociatedPayloadType);
        Assert.Equal(98, video.GetFmtp(99)!.AssociatedPayloadType);
        Assert.Equal("42e01f", video.GetFmtp(98)!.GetParameterMap()["profile-level-id"]);
        Assert.Null(video.GetFmtp(96));
        IReadOnlyList<SdpRtcpFeedback> vp8Feedback = video.GetRtcpFeedbacks(96);
        Assert.Contains(new SdpRtcpFeedback(96, "nack", "pli"), vp8Feedback);
        Assert.Contains(new SdpRtcpFeedback(96, "ccm", "fir"), vp8Feedback);
        Assert.Contains(new SdpRtcpFeedback(null, "nack", null), vp8Feedback);
        Assert.Equal(new[] { new SdpRtcpFeedback(null, "nack", null) }, video.GetRtcpFeedbacks(98));
        Assert.Equal(2500UL, video.Bandwidths.Single().Value);
    }

    [Fact]
    public void Extmaps_keep_ids_and_directions()
    {
        SdpMediaDescription video = Parse(ChromiumLikeOffer.Text).FindByMid("0")!;

        Assert.Equal(
            new[]
            {
                new SdpExtmap(1, null, "urn:ietf:params:rtp-hdrext:toffset"),
                new SdpExtmap(4, SdpMediaDirection.SendOnly, "urn:ietf:params:rtp-hdrext:sdes:mid"),
                new SdpExtmap(10, null, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"),
            },
            video.Extmaps);
    }

    [Fact]
    public void Ssrcs_ssrc_groups_rids_and_simulcast_are_typed()
    {
        SdpMediaDescription video = Parse(ChromiumLikeOffer.Text).FindByMid("0")!;

        Assert.Equal(SdpMediaDirection.SendOnly, video.Direction);
        Assert.Equal(new SdpMsid("stream1", "track1"), video.Msids.Single());
        Assert.Equal(SdpSsrcGroup.Fid, video.SsrcGroups[0].Semantics);
        Assert.Equal(new uint[] { 1111, 2222 }, video.SsrcGroups[0].Ssrcs);
        Assert.Equal(new uint[] { 1111, 3333, 5555 }, video.SsrcGroups[1].Ssrcs);
        Assert.Equal(new SdpSsrc(1111, "msid", "stream1 track1"), video.Ssrcs[1]);
        Assert.Equal("4TOk42mSjXCkVIa6", video.Ssrcs.First(s => s.Attribute == SdpSsrc.CnameAttribute).Value);
        Assert.Equal(new SdpRid("h", SdpRidDirection.Send, "pt=96;max-width=1280"), video.Rids[1]);
        SdpSimulcast simulcast = video.Simulcast!;
        Assert.Equal(new[] { "q", "h" }, simulcast.Send.Select(s => s.Single().Rid));
        Assert.True(simulcast.Send[1][0].Paused);
        Assert.Equal(new[] { "r1", "r2" }, simulcast.Receive.Single().Select(s => s.Rid));
    }

    [Fact]
    public void Candidates_keep_known_and_unknown_extensions()
    {
        SdpMediaDescription video = Parse(ChromiumLikeOffer.Text).FindByMid("0")!;

        Assert.True(video.EndOfCandidates);
        SdpCandidate host = video.Candidates[0];
        Assert.Equal(("1467250027", 1, "udp", 2122260223u, "192.168.0.196", 46243, "host"),
            (host.Foundation, host.Component, host.Transport, host.Priority, host.Address, host.Port, host.Type));
        Assert.Equal((0u, 1u, 10u), (host.Generation, host.NetworkId, host.NetworkCost));
        SdpCandidate srflx = video.Candidates[1];
        Assert.Equal(("192.168.0.196", 46243, "active", "EsAw"), (srflx.RelatedAddress, srflx.RelatedPort, srflx.TcpType, srflx.Ufrag));
        Assert.Equal(new[] { new KeyValuePair<string, string>("foo", "bar") }, srflx.Extensions);
    }

    [Fact]
    public void Ice_and_dtls_parameters_are_typed_at_media_level()
    {
        SdpMediaDescription video = Parse(ChromiumLikeOffer.Text).FindByMid("0")!;

        Assert.Equal("EsAw", video.IceUfrag);
        Assert.Equal("P2uYro0UCOQ4zxjKXaWCBui1", video.IcePwd);
        Assert.Equal(new[] { "trickle", "renomination" }, video.IceOptions);
        Assert.Equal("sha-256", video.Fingerprints.Single().HashFunction);
        Assert.Equal(SdpSetupRole.ActPass, video.Setup);
        Assert.True(video.RtcpMux);
        Assert.True(video.RtcpRsize);
        Assert.Contains(new SdpAttribute("x-google-flag", "conference"), video.Attributes);
    }

    [Fact]
    public void The_data_channel_section_is_typed()
    {
        SdpMediaDescription data = Parse(ChromiumLikeOffer.Text).FindByMid("1")!;

        Assert.Equal("application", data.Kind);
        Assert.Equal("UDP/DTLS/SCTP", data.Protocol);
        Assert.Equal(5000, data.SctpPort);
        Assert.Equal(262144UL, data.MaxMessageSize);
        Assert.Equal(SdpMediaDirection.SendRecv, data.Direction);
    }

    [Fact]
    public void A_captured_chromium_offer_exposes_its_microphone_section()
    {
        SessionDescription offer = Parse(SdpCaptures.Read(SdpCaptures.ChromiumOfferWithMicrophone));

        Assert.Equal(8, offer.MediaDescriptions.Count);
        Assert.Equal(new[] { "0", "1", "2", "3", "4", "5", "6", "7" }, offer.BundleGroup!.Mids);
        SdpMediaDescription microphone = offer.FindByMid("7")!;
        Assert.Equal(SdpMediaDirection.SendOnly, microphone.Direction);
        Assert.Equal(new SdpRtpMap(111, "opus", 48000, 2), microphone.RtpMaps[0]);
        Assert.Equal("minptime=10;useinbandfec=1;stereo=1", microphone.GetFmtp(111)!.Parameters);
        Assert.Equal(3263367114u, microphone.Ssrcs[0].Ssrc);
        SdpMediaDescription firstVideo = offer.FindByMid("3")!;
        Assert.Equal(96, firstVideo.GetFmtp(97)!.AssociatedPayloadType);
        Assert.Equal(4, firstVideo.Extmaps.Single(e => e.Uri == "urn:ietf:params:rtp-hdrext:sdes:mid").Id);
        SdpCandidate candidate = offer.MediaDescriptions[0].Candidates[0];
        Assert.Equal("127.0.0.1", candidate.Address);
        Assert.Equal(50u, candidate.NetworkCost);
    }

    [Fact]
    public void A_captured_pion_offer_has_session_level_fingerprint_and_candidates_with_ufrag()
    {
        SessionDescription offer = Parse(SdpCaptures.Read("browser-dual-s1-4-S2C-offer-id137.sdp"));

        Assert.Equal("sha-256", offer.Fingerprints.Single().HashFunction);
        Assert.Equal(new[] { "*" }, offer.MsidSemantic!.Ids);
        SdpMediaDescription data = offer.MediaDescriptions[0];
        Assert.Equal(new[] { 1, 2 }, data.Candidates.Select(c => c.Component));
        Assert.All(data.Candidates, c => Assert.Equal("HHWrEigIObGHgfUe", c.Ufrag));
        Assert.True(data.EndOfCandidates);
    }

    [Fact]
    public void A_trickled_candidate_string_parses_with_or_without_prefix()
    {
        const string value = "842163049 1 udp 1677729535 203.0.113.7 50000 typ srflx raddr 0.0.0.0 rport 0 generation 0";

        Assert.True(SdpCandidate.TryParse("candidate:" + value, out SdpCandidate? a, out _));
        Assert.True(SdpCandidate.TryParse("a=candidate:" + value, out SdpCandidate? b, out _));
        Assert.True(SdpCandidate.TryParse(value, out SdpCandidate? c, out _));

        Assert.Equal(value, a!.ToValue());
        Assert.Equal(a.ToValue(), b!.ToValue());
        Assert.Equal(a.ToValue(), c!.ToValue());
    }

    [Fact]
    public void Direction_algebra_mirrors_offers()
    {
        Assert.Equal(SdpMediaDirection.RecvOnly, SdpMediaDirection.SendOnly.Reverse());
        Assert.Equal(SdpMediaDirection.SendOnly, SdpMediaDirection.RecvOnly.Reverse());
        Assert.Equal(SdpMediaDirection.Inactive, SdpMediaDirection.SendOnly.Intersect(SdpMediaDirection.RecvOnly));
        Assert.Equal(SdpMediaDirection.RecvOnly, SdpMediaDirection.SendRecv.Intersect(SdpMediaDirection.RecvOnly));
    }
}
