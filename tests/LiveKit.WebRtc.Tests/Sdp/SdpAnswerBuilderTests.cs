using System.Linq;
using LiveKit.WebRtc.Sdp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sdp;

public sealed class SdpAnswerBuilderTests
{
    private const string MidUri = "urn:ietf:params:rtp-hdrext:sdes:mid";
    private const string AudioLevelUri = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    private static readonly SdpAnswerOptions Options = new()
    {
        IceUfrag = "LkUf",
        IcePwd = "LkPasswordLkPassword1234",
        Fingerprint = new SdpFingerprint("sha-256", "01:23:45:67:89:AB:CD:EF"),
        SessionId = 12345,
    };

    private static readonly SdpLocalCapabilities OpusAndVp8 = new()
    {
        Codecs = new[] { SdpCodecCapability.Opus, SdpCodecCapability.Vp8 },
        HeaderExtensionUris = new[] { MidUri, AudioLevelUri },
        RtcpFeedback = new[] { "transport-cc", "nack", "nack pli" },
    };

    private static SessionDescription ChromiumOffer()
    {
        Assert.True(SdpParser.TryParse(SdpCaptures.Read(SdpCaptures.ChromiumOfferWithMicrophone), out SessionDescription? offer, out _));
        return offer!;
    }

    private static SessionDescription Answer(SessionDescription offer, SdpLocalCapabilities capabilities)
    {
        SessionDescription answer = SdpAnswerBuilder.CreateAnswer(offer, capabilities, Options);

        // The answer is valid SDP that round-trips.
        Assert.True(SdpParser.TryParse(answer.ToString(), out SessionDescription? reparsed, out SdpError? error), error?.ToString());
        Assert.Equal(answer.ToString(), reparsed!.ToString());
        return answer;
    }

    [Fact]
    public void Chromium_offer_answered_with_opus_and_vp8_keeps_only_those()
    {
        SessionDescription offer = ChromiumOffer();

        SessionDescription answer = Answer(offer, OpusAndVp8);

        Assert.Equal(offer.MediaDescriptions.Select(m => m.Mid), answer.MediaDescriptions.Select(m => m.Mid));
        foreach (SdpMediaDescription audio in answer.MediaDescriptions.Where(m => m.Kind == "audio"))
        {
            Assert.Equal(new[] { "111" }, audio.Formats);
            Assert.Equal(new SdpRtpMap(111, "opus", 48000, 2), audio.RtpMaps.Single());
            Assert.Equal(offer.FindByMid(audio.Mid!)!.GetFmtp(111), audio.GetFmtp(111));
            Assert.Equal(new[] { new SdpRtcpFeedback(111, "transport-cc", null) }, audio.RtcpFeedbacks);
        }

        foreach (SdpMediaDescription video in answer.MediaDescriptions.Where(m => m.Kind == "video"))
        {
            Assert.Equal(new[] { "96" }, video.Formats);
            Assert.Equal("VP8", video.RtpMaps.Single().EncodingName);
            Assert.Equal(
                new[] { "transport-cc", "nack", "nack pli" },
                video.RtcpFeedbacks.Select(f => f.Parameter is null ? f.Type : f.Type + " " + f.Parameter));
        }
    }

    [Fact]
    public void The_data_channel_section_is_kept()
    {
        SdpMediaDescription data = Answer(ChromiumOffer(), OpusAndVp8).FindByMid("6")!;

        Assert.Equal(9, data.Port);
        Assert.Equal("UDP/DTLS/SCTP", data.Protocol);
        Assert.Equal(new[] { "webrtc-datachannel" }, data.Formats);
        Assert.Equal(5000, data.SctpPort);
        Assert.Equal(262144UL, data.MaxMessageSize);
    }

    [Fact]
    public void Bundle_mids_transport_and_setup_follow_the_offer()
    {
        SessionDescription answer = Answer(ChromiumOffer(), OpusAndVp8);

        Assert.Equal(new[] { "0", "1", "2", "3", "4", "5", "6", "7" }, answer.BundleGroup!.Mids);
        Assert.True(answer.ExtmapAllowMixed);
        Assert.Equal(12345UL, answer.Origin.SessionId);
        Assert.All(answer.MediaDescriptions, m =>
        {
            Assert.Equal("LkUf", m.IceUfrag);
            Assert.Equal("LkPasswordLkPassword1234", m.IcePwd);
            Assert.Equal(Options.Fingerprint, m.Fingerprints.Single());
            Assert.Equal(SdpSetupRole.Active, m.Setup);
            Assert.Equal(new[] { "trickle" }, m.IceOptions);
            Assert.Empty(m.Candidates);
        });
    }

    [Fact]
    public void Directions_are_the_complement_of_the_offer()
    {
        SessionDescription answer = Answer(ChromiumOffer(), OpusAndVp8);

        Assert.Equal(SdpMediaDirection.SendOnly, answer.FindByMid("0")!.Direction);
        Assert.Equal(SdpMediaDirection.SendOnly, answer.FindByMid("3")!.Direction);
        Assert.Equal(SdpMediaDirection.RecvOnly, answer.FindByMid("7")!.Direction);
    }

    [Fact]
    public void A_receive_only_local_direction_makes_receive_only_offers_inactive()
    {
        SessionDescription answer = SdpAnswerBuilder.CreateAnswer(
            ChromiumOffer(), OpusAndVp8, Options with { LocalDirection = SdpMediaDirection.RecvOnly });

        Assert.Equal(SdpMediaDirection.Inactive, answer.FindByMid("0")!.Direction);
        Assert.Equal(SdpMediaDirection.RecvOnly, answer.FindByMid("7")!.Direction);
    }

    [Fact]
    public void Supported_extensions_keep_the_offered_ids_and_others_are_dropped()
    {
        SessionDescription answer = Answer(ChromiumOffer(), OpusAndVp8);

        Assert.Equal(
            new[] { new SdpExtmap(1, null, AudioLevelUri), new SdpExtmap(4, null, MidUri) },
            answer.FindByMid("7")!.Extmaps);
        Assert.Equal(new[] { new SdpExtmap(4, null, MidUri) }, answer.FindByMid("3")!.Extmaps);
    }

    [Fact]
    public void Rtx_is_kept_only_for_accepted_codecs_when_supported()
    {
        SessionDescription answer = Answer(ChromiumOffer(), OpusAndVp8 with
        {
            Codecs = new[] { SdpCodecCapability.Opus, SdpCodecCapability.Vp8, SdpCodecCapability.VideoRtx },
        });

        SdpMediaDescription video = answer.FindByMid("3")!;
        Assert.Equal(new[] { "96", "97" }, video.Formats);
        Assert.Equal(96, video.GetFmtp(97)!.AssociatedPayloadType);
    }

    [Fact]
    public void Sections_with_no_common_codec_are_rejected_and_leave_the_bundle()
    {
        SessionDescription answer = Answer(ChromiumOffer(), OpusAndVp8 with { Codecs = new[] { SdpCodecCapability.Opus } });

        SdpMediaDescription video = answer.FindByMid("3")!;
        Assert.True(video.IsRejected);
        Assert.Equal(ChromiumOffer().FindByMid("3")!.Formats, video.Formats);
        Assert.Equal(new[] { "0", "1", "2", "6", "7" }, answer.BundleGroup!.Mids);
    }

    [Fact]
    public void Data_channels_are_rejected_when_not_supported()
    {
        SessionDescription answer = Answer(ChromiumOffer(), OpusAndVp8 with { DataChannels = false });

        Assert.True(answer.FindByMid("6")!.IsRejected);
    }

    [Fact]
    public void A_pion_offer_with_session_level_fingerprint_and_duplicate_direction_is_answered()
    {
        Assert.True(SdpParser.TryParse(SdpCaptures.Read("browser-dual-s1-4-S2C-offer-id137.sdp"), out SessionDescription? offer, out _));

        SessionDescription answer = Answer(offer!, OpusAndVp8);

        Assert.Equal(new[] { "0", "1" }, answer.BundleGroup!.Mids);
        Assert.Equal(new[] { "111" }, answer.FindByMid("1")!.Formats);
        Assert.Equal(SdpMediaDirection.SendRecv, answer.FindByMid("1")!.Direction);
        Assert.Equal(offer!.ExtmapAllowMixed, answer.ExtmapAllowMixed);
    }

    [Fact]
    public void Offered_passive_makes_us_active_and_offered_active_makes_us_passive()
    {
        SessionDescription offer = ChromiumOffer();
        SessionDescription active = offer with
        {
            MediaDescriptions = offer.MediaDescriptions
                .Select(m => m with { Attributes = m.Attributes.Select(a => a.Name == "setup" ? new SdpAttribute("setup", "active") : a).ToList() })
                .ToList(),
        };

        SessionDescription answer = SdpAnswerBuilder.CreateAnswer(active, OpusAndVp8, Options);

        Assert.All(answer.MediaDescriptions.Where(m => !m.IsRejected), m => Assert.Equal(SdpSetupRole.Passive, m.Setup));
    }
}
