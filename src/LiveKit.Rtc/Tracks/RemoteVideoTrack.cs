using LiveKit.WebRtc;

namespace LiveKit.Rtc;

/// <summary>A video track received from a remote participant.</summary>
public sealed class RemoteVideoTrack : RemoteTrack
{
    internal RemoteVideoTrack(string sid, string name, RtpTransceiver transceiver)
        : base(sid, name, TrackKind.Video, transceiver)
    {
    }
}
