namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// What a sending media section announces about our stream: <c>a=msid</c> (RFC 8830 §2) and <c>a=ssrc</c> with
/// <c>cname</c> and <c>msid</c> (RFC 5576 §4.1), which receivers use to map packets to tracks.
/// </summary>
/// <param name="Ssrc">Our SSRC in this section.</param>
/// <param name="Cname">The RTCP canonical name shared by all our streams.</param>
/// <param name="Msid">The stream and track ids.</param>
public sealed record SdpLocalSource(uint Ssrc, string Cname, SdpMsid Msid)
{
    /// <summary>
    /// The <c>a=ssrc:... cname</c> and <c>a=ssrc:... msid</c> attributes. They follow the codec attributes, while
    /// <c>a=msid</c> (<see cref="SdpMsid.ToAttribute"/>) goes with the direction, as browsers write them.
    /// </summary>
    public SdpAttribute[] ToSsrcAttributes() => new[]
    {
        new SdpSsrc(Ssrc, SdpSsrc.CnameAttribute, Cname).ToAttribute(),
        new SdpSsrc(Ssrc, SdpSsrc.MsidAttribute, Msid.ToValue()).ToAttribute(),
    };
}
