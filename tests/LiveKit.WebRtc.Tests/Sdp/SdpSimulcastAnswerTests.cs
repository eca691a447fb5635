using System;
using System.Linq;
using LiveKit.WebRtc.Sdp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sdp;

/// <summary>Answers to offers that send simulcast (RFC 8853, RFC 8851), with and without <see cref="SdpAnswerOptions.ReceiveSimulcast"/>.</summary>
public sealed class SdpSimulcastAnswerTests
{
    private const string MidUri = "urn:ietf:params:rtp-hdrext:sdes:mid";
    private const string RidUri = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    private const string RepairedRidUri = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    private static readonly SdpAnswerOptions Options = new()
    {
        IceUfrag = "LkUf",
        IcePwd = "LkPasswordLkPassword1234",
        Fingerprint = new SdpFingerprint("sha-256", "01:23:45:67:89:AB:CD:EF"),
        SessionId = 12345,
    };

    private static readonly SdpAnswerOptions Simulcast = Options with { ReceiveSimulcast = true };

    /// <summary>What a connection with ReceiveSimulcast accepts (PeerConnection.BuildAnswer).</summary>
    private static readonly SdpLocalCapabilities Vp8WithRids = new()
    {
        Codecs = new[] { SdpCodecCapability.Opus, SdpCodecCapability.Vp8 },
        HeaderExtensionUris = new[] { MidUri, RidUri, RepairedRidUri },
        RtcpFeedback = new[] { "nack", "nack pli", "ccm fir" },
    };

    private static SessionDescription Parse(string text)
    {
        Assert.True(SdpParser.TryParse(text, out SessionDescription? parsed, out SdpError? error), error?.ToString());
        return parsed!;
    }

    private static string CapturedOffer() => SdpCaptures.Read(SdpCaptures.ChromiumOfferWithSimulcastCamera);

    private static SdpMediaDescription AnswerVideo(string offer, SdpLocalCapabilities capabilities, SdpAnswerOptions options)
    {
        SessionDescription answer = SdpAnswerBuilder.CreateAnswer(Parse(offer), capabilities, options);
        Assert.Equal(answer.ToString(), Parse(answer.ToString()).ToString()); // Valid SDP that round-trips.
        return answer.MediaDescriptions.Single(m => m.Kind == "video");
    }

    private static string[] Streams(SdpSimulcast simulcast) =>
        simulcast.Receive.Select(alternatives => string.Join(',', alternatives)).ToArray();

    [Fact]
    public void The_captured_livekit_client_offer_sends_three_layers_by_rid_without_ssrcs()
    {
        SdpMediaDescription video = Parse(CapturedOffer()).FindByMid("1")!;

        Assert.Equal(SdpMediaDirection.SendOnly, video.Direction);
        Assert.Equal(new[] { "q", "h", "f" }, video.Rids.Select(r => r.Id));
        Assert.All(video.Rids, r => Assert.Equal(SdpRidDirection.Send, r.Direction));
        Assert.Equal(new[] { "q", "h", "f" }, video.Simulcast!.Send.Select(s => s.Single().Rid));
        Assert.Empty(video.Ssrcs);
        Assert.Contains(new SdpExtmap(10, null, RidUri), video.Extmaps);
        Assert.Contains(new SdpExtmap(11, null, RepairedRidUri), video.Extmaps);
    }

    [Fact]
    public void With_receive_simulcast_each_offered_rid_is_answered_recv_in_offer_order()
    {
        SdpMediaDescription video = AnswerVideo(CapturedOffer(), Vp8WithRids, Simulcast);

        Assert.Equal(SdpMediaDirection.RecvOnly, video.Direction);
        Assert.Equal(
            new[] { new SdpRid("q", SdpRidDirection.Receive), new SdpRid("h", SdpRidDirection.Receive), new SdpRid("f", SdpRidDirection.Receive) },
            video.Rids);
        Assert.Empty(video.Simulcast!.Send);
        Assert.Equal(new[] { "q", "h", "f" }, Streams(video.Simulcast));
        Assert.Contains(video.Attributes, a => a.Name == "simulcast" && a.Value == "recv q;h;f");
        Assert.Equal(
            new[] { new SdpExtmap(9, null, MidUri), new SdpExtmap(10, null, RidUri), new SdpExtmap(11, null, RepairedRidUri) },
            video.Extmaps);
        Assert.Equal(new[] { "96" }, video.Formats); // One codec: the layers differ by SSRC and rid, not payload type.
    }

    [Fact]
    public void Without_receive_simulcast_the_answer_has_no_rids_and_no_simulcast()
    {
        SdpMediaDescription video = AnswerVideo(CapturedOffer(), Vp8WithRids, Options);

        Assert.Empty(video.Rids);
        Assert.Null(video.Simulcast);
        Assert.Equal(SdpMediaDirection.RecvOnly, video.Direction);
    }

    [Fact]
    public void Rid_restrictions_are_dropped_and_a_paused_stream_stays_paused()
    {
        // a=rid:h send pt=96;max-width=1280 and a=simulcast:send q;~h recv r1,r2 (the recv part is for what we would send).
        SdpMediaDescription video = AnswerVideo(ChromiumLikeOffer.Text, Vp8WithRids, Simulcast);

        Assert.Equal(new[] { new SdpRid("q", SdpRidDirection.Receive), new SdpRid("h", SdpRidDirection.Receive) }, video.Rids);
        Assert.Equal(new[] { "q", "~h" }, Streams(video.Simulcast!));
        Assert.Empty(video.Simulcast!.Send);
    }

    [Fact]
    public void Alternatives_without_an_a_rid_line_are_left_out()
    {
        string offer = CapturedOffer().Replace("a=simulcast:send q;h;f", "a=simulcast:send q;h,x;y;f", StringComparison.Ordinal);

        SdpMediaDescription video = AnswerVideo(offer, Vp8WithRids, Simulcast);

        Assert.Equal(new[] { "q", "h", "f" }, video.Rids.Select(r => r.Id));
        Assert.Equal(new[] { "q", "h", "f" }, Streams(video.Simulcast!));
    }

    [Fact]
    public void Alternatives_are_kept_together()
    {
        string offer = CapturedOffer().Replace("a=simulcast:send q;h;f", "a=simulcast:send q,h;f", StringComparison.Ordinal);

        SdpMediaDescription video = AnswerVideo(offer, Vp8WithRids, Simulcast);

        Assert.Equal(new[] { "q", "h", "f" }, video.Rids.Select(r => r.Id));
        Assert.Equal(new[] { "q,h", "f" }, Streams(video.Simulcast!));
    }

    [Fact]
    public void Simulcast_is_not_received_without_the_rid_extension()
    {
        string withoutRidExtension = string.Join("\r\n", CapturedOffer().Split("\r\n").Where(l => !l.EndsWith(" " + RidUri, StringComparison.Ordinal)));

        SdpMediaDescription offered = Parse(withoutRidExtension).FindByMid("1")!;
        SdpMediaDescription video = AnswerVideo(withoutRidExtension, Vp8WithRids, Simulcast);
        SdpMediaDescription notSupported = AnswerVideo(CapturedOffer(), Vp8WithRids with { HeaderExtensionUris = new[] { MidUri } }, Simulcast);

        Assert.Equal(3, offered.Rids.Count);
        Assert.Empty(video.Rids);
        Assert.Null(video.Simulcast);
        Assert.Empty(notSupported.Rids);
        Assert.Null(notSupported.Simulcast);
    }

    [Fact]
    public void An_answer_that_does_not_receive_takes_no_simulcast()
    {
        SdpMediaDescription video = AnswerVideo(CapturedOffer(), Vp8WithRids, Simulcast with { LocalDirection = SdpMediaDirection.SendOnly });

        Assert.Equal(SdpMediaDirection.Inactive, video.Direction);
        Assert.Empty(video.Rids);
        Assert.Null(video.Simulcast);
    }

    [Fact]
    public void An_offer_without_simulcast_is_answered_alike_with_and_without_the_option()
    {
        SessionDescription offer = Parse(SdpCaptures.Read(SdpCaptures.ChromiumOfferWithMicrophone));

        string with = SdpAnswerBuilder.CreateAnswer(offer, Vp8WithRids, Simulcast).ToString();
        string without = SdpAnswerBuilder.CreateAnswer(offer, Vp8WithRids, Options).ToString();

        Assert.Equal(without, with);
    }
}
