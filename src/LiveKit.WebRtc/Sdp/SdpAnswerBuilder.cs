using System;
using System.Collections.Generic;
using System.Linq;
using LiveKit.WebRtc.Rtp;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// Builds an answer that accepts only what we support (RFC 3264 §6, RFC 8829 §5.3.1): per offered section, the
/// offered payload types we support with their fmtp and rtcp-fb, the offered header extensions we support with
/// the offer's ids, the offer's mids, a BUNDLE group of the accepted mids, the reversed direction, and the offered
/// simulcast streams as receive rids when <see cref="SdpAnswerOptions.ReceiveSimulcast"/> is set. A section with
/// nothing in common is rejected with port 0. Candidates are not included (they trickle).
/// </summary>
public static class SdpAnswerBuilder
{
    /// <summary>Builds the answer to <paramref name="offer"/>.</summary>
    public static SessionDescription CreateAnswer(SessionDescription offer, SdpLocalCapabilities capabilities, SdpAnswerOptions options)
    {
        SdpGroup? offeredBundle = offer.BundleGroup;
        var medias = new List<SdpMediaDescription>();
        var bundled = new List<string>();
        foreach (SdpMediaDescription offered in offer.MediaDescriptions)
        {
            SdpMediaDescription? accepted = offered.IsRejected ? null
                : offered.Kind == "application" ? AnswerDataChannel(offer, offered, capabilities, options)
                : AnswerRtp(offer, offered, capabilities, options);
            medias.Add(accepted ?? Reject(offered));
            if (accepted?.Mid is string mid && offeredBundle is not null && offeredBundle.Mids.Contains(mid))
            {
                bundled.Add(mid);
            }
        }

        var attributes = new List<SdpAttribute>();
        if (bundled.Count > 0)
        {
            attributes.Add(new SdpGroup(SdpGroup.Bundle, bundled).ToAttribute());
        }

        if (offer.ExtmapAllowMixed)
        {
            attributes.Add(new SdpAttribute(SdpAttributeNames.ExtmapAllowMixed));
        }

        attributes.Add(new SdpMsidSemantic("WMS", Array.Empty<string>()).ToAttribute());
        return new SessionDescription
        {
            Origin = new SdpOrigin("-", options.SessionId, options.SessionVersion, "IN", "IP4", "127.0.0.1"),
            Attributes = attributes,
            MediaDescriptions = medias,
        };
    }

    private static SdpMediaDescription? AnswerRtp(
        SessionDescription offer, SdpMediaDescription offered, SdpLocalCapabilities capabilities, SdpAnswerOptions options)
    {
        IReadOnlyList<SdpRtpMap> rtpMaps = offered.RtpMaps;
        var acceptedPayloadTypes = new HashSet<int>();

        // Media codecs first, then retransmission whose apt names an accepted codec (RFC 4588 §8.1).
        foreach (SdpRtpMap rtpMap in rtpMaps)
        {
            bool isRtx = string.Equals(rtpMap.EncodingName, SdpCodecCapability.RtxName, StringComparison.OrdinalIgnoreCase);
            if (!isRtx && capabilities.Codecs.Any(c => c.Matches(offered.Kind, rtpMap)))
            {
                acceptedPayloadTypes.Add(rtpMap.PayloadType);
            }
        }

        if (acceptedPayloadTypes.Count == 0)
        {
            return null;
        }

        foreach (SdpRtpMap rtpMap in rtpMaps)
        {
            bool isRtx = string.Equals(rtpMap.EncodingName, SdpCodecCapability.RtxName, StringComparison.OrdinalIgnoreCase);
            if (isRtx && capabilities.Codecs.Any(c => c.Matches(offered.Kind, rtpMap))
                && offered.GetFmtp(rtpMap.PayloadType)?.AssociatedPayloadType is int apt && acceptedPayloadTypes.Contains(apt))
            {
                acceptedPayloadTypes.Add(rtpMap.PayloadType);
            }
        }

        // Keep the offerer's preference order (RFC 3264 §6.1).
        var formats = new List<string>();
        var codecAttributes = new List<SdpAttribute>();
        foreach (string format in offered.Formats)
        {
            if (!SdpText.TryParseInt(format, out int pt) || !acceptedPayloadTypes.Contains(pt) || formats.Contains(format))
            {
                continue;
            }

            formats.Add(format);
            codecAttributes.Add(offered.GetRtpMap(pt)!.ToAttribute());
            foreach (SdpRtcpFeedback feedback in offered.RtcpFeedbacks.Where(f => f.PayloadType == pt && IsSupported(capabilities, f)))
            {
                codecAttributes.Add(feedback.ToAttribute());
            }

            if (offered.GetFmtp(pt) is SdpFmtp fmtp)
            {
                codecAttributes.Add(fmtp.ToAttribute());
            }
        }

        var attributes = TransportAttributes(offer, offered, options);
        foreach (SdpExtmap extmap in offered.Extmaps.Where(e => capabilities.HeaderExtensionUris.Contains(e.Uri)))
        {
            // RFC 8285 §7: the answer keeps the offered id; a direction is mirrored like the media direction.
            attributes.Add((extmap with { Direction = extmap.Direction?.Reverse(), ExtensionAttributes = null }).ToAttribute());
        }

        if (offered.ExtmapAllowMixed)
        {
            attributes.Add(new SdpAttribute(SdpAttributeNames.ExtmapAllowMixed));
        }

        SdpLocalSection? local = offered.Mid is string sectionMid && options.LocalSections is { } sections
            && sections.TryGetValue(sectionMid, out SdpLocalSection? section) ? section : null;
        SdpMediaDirection direction = offered.Direction.Reverse().Intersect(local?.Direction ?? options.LocalDirection);
        attributes.Add(new SdpAttribute(direction.ToAttributeName()));
        if (direction.Sends() && local?.Source is SdpLocalSource source)
        {
            attributes.Add(source.Msid.ToAttribute());
        }

        if (offered.RtcpMux)
        {
            attributes.Add(new SdpAttribute(SdpAttributeNames.RtcpMux));
        }

        if (offered.RtcpRsize)
        {
            attributes.Add(new SdpAttribute(SdpAttributeNames.RtcpRsize));
        }

        foreach (SdpRtcpFeedback feedback in offered.RtcpFeedbacks.Where(f => f.PayloadType is null && IsSupported(capabilities, f)))
        {
            attributes.Add(feedback.ToAttribute());
        }

        attributes.AddRange(codecAttributes);
        if (options.ReceiveSimulcast && direction.Receives()
            && offered.Extmaps.Any(e => e.Uri == RtpStreamIdExtension.Uri && capabilities.HeaderExtensionUris.Contains(e.Uri)))
        {
            attributes.AddRange(SimulcastReceiveAttributes(offered));
        }

        if (direction.Sends() && local?.Source is SdpLocalSource announced)
        {
            attributes.AddRange(announced.ToSsrcAttributes()); // RFC 5576 §4.1.
        }

        return Accepted(offered, formats, attributes);
    }

    /// <summary>
    /// RFC 8853 §5.3.2 and RFC 8851 §6: receive what the offer sends. Each offered send rid that a send stream names is
    /// answered <c>a=rid:&lt;id&gt; recv</c> without its restrictions (we accept any format the section negotiated), and
    /// <c>a=simulcast:recv</c> lists the offered streams and alternatives, paused ones too. Rids without an
    /// <c>a=rid</c> line are left out; nothing is written when no stream remains.
    /// </summary>
    private static IEnumerable<SdpAttribute> SimulcastReceiveAttributes(SdpMediaDescription offered)
    {
        if (offered.Simulcast is not { Send.Count: > 0 } simulcast)
        {
            return Array.Empty<SdpAttribute>();
        }

        IReadOnlyList<SdpRid> sendRids = offered.Rids.Where(r => r.Direction == SdpRidDirection.Send).ToList();
        var streams = new List<IReadOnlyList<SdpSimulcastStream>>();
        foreach (IReadOnlyList<SdpSimulcastStream> alternatives in simulcast.Send)
        {
            SdpSimulcastStream[] known = alternatives.Where(a => sendRids.Any(r => r.Id == a.Rid)).ToArray();
            if (known.Length > 0)
            {
                streams.Add(known);
            }
        }

        if (streams.Count == 0)
        {
            return Array.Empty<SdpAttribute>();
        }

        var attributes = new List<SdpAttribute>();
        foreach (SdpRid rid in sendRids.Where(r => streams.Any(s => s.Any(a => a.Rid == r.Id))).DistinctBy(r => r.Id))
        {
            attributes.Add(new SdpRid(rid.Id, SdpRidDirection.Receive).ToAttribute());
        }

        attributes.Add(new SdpSimulcast(Array.Empty<IReadOnlyList<SdpSimulcastStream>>(), streams).ToAttribute());
        return attributes;
    }

    private static SdpMediaDescription? AnswerDataChannel(
        SessionDescription offer, SdpMediaDescription offered, SdpLocalCapabilities capabilities, SdpAnswerOptions options)
    {
        // RFC 8841 §4.1: m=application <port> UDP/DTLS/SCTP webrtc-datachannel (or the TCP/DTLS/SCTP variant).
        if (!capabilities.DataChannels || !offered.Protocol.EndsWith("/DTLS/SCTP", StringComparison.Ordinal)
            || !offered.Formats.Contains("webrtc-datachannel"))
        {
            return null;
        }

        var attributes = TransportAttributes(offer, offered, options);
        attributes.Add(new SdpAttribute(SdpAttributeNames.SctpPort, SdpText.Format(options.SctpPort)));
        attributes.Add(new SdpAttribute(SdpAttributeNames.MaxMessageSize, SdpText.Format(options.MaxMessageSize)));
        return Accepted(offered, offered.Formats, attributes);
    }

    private static List<SdpAttribute> TransportAttributes(SessionDescription offer, SdpMediaDescription offered, SdpAnswerOptions options)
    {
        var attributes = new List<SdpAttribute>
        {
            new(SdpAttributeNames.IceUfrag, options.IceUfrag),
            new(SdpAttributeNames.IcePwd, options.IcePwd),
        };
        if (offered.IceOptions.Contains("trickle") || offer.IceOptions.Contains("trickle"))
        {
            attributes.Add(new SdpAttribute(SdpAttributeNames.IceOptions, "trickle"));
        }

        attributes.Add(options.Fingerprint.ToAttribute());
        attributes.Add(new SdpAttribute(SdpAttributeNames.Setup, AnswerSetupRole(offered.Setup ?? offer.Setup, options).ToValue()));
        if (offered.Mid is string mid)
        {
            attributes.Add(new SdpAttribute(SdpAttributeNames.Mid, mid));
        }

        return attributes;
    }

    /// <summary>RFC 8842 §5.3: answer active to passive, passive to active, and choose for actpass.</summary>
    private static SdpSetupRole AnswerSetupRole(SdpSetupRole? offered, SdpAnswerOptions options) => offered switch
    {
        SdpSetupRole.Active => SdpSetupRole.Passive,
        SdpSetupRole.Passive => SdpSetupRole.Active,
        _ => options.SetupRoleForActPass == SdpSetupRole.Passive ? SdpSetupRole.Passive : SdpSetupRole.Active,
    };

    private static bool IsSupported(SdpLocalCapabilities capabilities, SdpRtcpFeedback feedback)
    {
        if (capabilities.RtcpFeedback is null)
        {
            return true;
        }

        string name = feedback.Parameter is null ? feedback.Type : feedback.Type + " " + feedback.Parameter;
        return capabilities.RtcpFeedback.Contains(name);
    }

    private static SdpMediaDescription Accepted(SdpMediaDescription offered, IReadOnlyList<string> formats, List<SdpAttribute> attributes) => new()
    {
        Kind = offered.Kind,
        Port = 9,
        Protocol = offered.Protocol,
        Formats = formats,
        Connections = new[] { SdpConnection.Unspecified },
        Attributes = attributes,
    };

    /// <summary>RFC 3264 §6 and RFC 8829 §5.3.1: a rejected section keeps its formats, port 0, and only its mid.</summary>
    private static SdpMediaDescription Reject(SdpMediaDescription offered) => new()
    {
        Kind = offered.Kind,
        Port = 0,
        Protocol = offered.Protocol,
        Formats = offered.Formats,
        Connections = new[] { SdpConnection.Unspecified },
        Attributes = offered.Mid is string mid ? new[] { new SdpAttribute(SdpAttributeNames.Mid, mid) } : Array.Empty<SdpAttribute>(),
    };
}
