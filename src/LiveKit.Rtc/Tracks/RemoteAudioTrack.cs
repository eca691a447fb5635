using LiveKit.WebRtc;

namespace LiveKit.Rtc;

/// <summary>An audio track received from a remote participant.</summary>
public sealed class RemoteAudioTrack : RemoteTrack
{
    internal RemoteAudioTrack(string sid, string name, RtpTransceiver transceiver)
        : base(sid, name, TrackKind.Audio, transceiver)
    {
    }
}
