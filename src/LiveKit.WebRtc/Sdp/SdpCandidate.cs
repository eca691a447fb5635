using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using LiveKit.WebRtc.Ice;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// An ICE candidate, the value of <c>a=candidate</c> (RFC 8839 §5.1):
/// <code>
/// candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
///                       connection-address SP port SP "typ" SP cand-type
///                       [SP "raddr" SP addr SP "rport" SP port] *(SP extension-att-name SP extension-att-value)
/// </code>
/// The extensions Chromium and pion write (<c>tcptype</c> from RFC 6544 §4.5, <c>generation</c>, <c>ufrag</c>,
/// <c>network-id</c>, <c>network-cost</c>) are typed; any other pair is kept, in order, in <see cref="Extensions"/>.
/// A read-only view of the ICE layer's candidate, which also does the parsing, so that SDP and trickled candidates
/// are read by one parser.
/// </summary>
public sealed class SdpCandidate
{
    private SdpCandidate(IceCandidate candidate) => Candidate = candidate;

    /// <summary>Foundation, 1 to 32 ice-chars.</summary>
    public string Foundation => Candidate.Foundation;

    /// <summary>Component id: 1 for RTP, 2 for RTCP.</summary>
    public int Component => Candidate.Component;

    /// <summary>Transport, lower case: <c>udp</c> or <c>tcp</c>.</summary>
    public string Transport => IceCandidate.FormatTransport(Candidate.Transport);

    /// <summary>Priority (RFC 8445 §5.1.2).</summary>
    public uint Priority => Candidate.Priority;

    /// <summary>Address: IPv4, IPv6 or an FQDN (mDNS <c>.local</c> names).</summary>
    public string Address => Candidate.Address;

    /// <summary>Port.</summary>
    public int Port => Candidate.Port;

    /// <summary>Type: <c>host</c>, <c>srflx</c>, <c>prflx</c>, <c>relay</c>.</summary>
    public string Type => IceCandidate.FormatType(Candidate.Type);

    /// <summary>Related address (<c>raddr</c>), or null.</summary>
    public string? RelatedAddress => Candidate.RelatedAddress;

    /// <summary>Related port (<c>rport</c>), or null.</summary>
    public int? RelatedPort => Candidate.RelatedPort;

    /// <summary><c>tcptype</c>: <c>active</c>, <c>passive</c> or <c>so</c> (RFC 6544 §4.5), or null.</summary>
    public string? TcpType => Candidate.TcpType;

    /// <summary>Chromium's <c>generation</c>, or null.</summary>
    public uint? Generation => Candidate.Generation;

    /// <summary>The ICE username fragment this candidate belongs to (<c>ufrag</c>), or null.</summary>
    public string? Ufrag => Candidate.UsernameFragment;

    /// <summary>Chromium's <c>network-id</c>, or null.</summary>
    public uint? NetworkId => Candidate.NetworkId;

    /// <summary>Chromium's <c>network-cost</c>, or null.</summary>
    public uint? NetworkCost => Candidate.NetworkCost;

    /// <summary>Other extension name/value pairs, in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extensions => Candidate.Extensions;

    /// <summary>The candidate as the ICE agent takes it.</summary>
    internal IceCandidate Candidate { get; }

    /// <summary>
    /// Parses a candidate as found in SDP or in a trickled candidate string: the value after <c>a=candidate:</c>,
    /// with an optional <c>a=</c> and <c>candidate:</c> prefix. <paramref name="error"/> says what is wrong otherwise.
    /// </summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpCandidate? candidate, out string error)
    {
        candidate = IceCandidate.TryParse(value, out IceCandidate? parsed, out error) ? new SdpCandidate(parsed) : null;
        return candidate is not null;
    }

    /// <summary>Wraps a candidate the ICE agent gathered, to write it into a description.</summary>
    internal static SdpCandidate FromIceCandidate(IceCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new SdpCandidate(candidate);
    }

    /// <summary>The attribute value, extensions in Chromium's order followed by the unknown ones.</summary>
    public string ToValue() => Candidate.ToValue();

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.Candidate, ToValue());

    /// <summary>The value, as <see cref="ToValue"/>.</summary>
    public override string ToString() => ToValue();
}
