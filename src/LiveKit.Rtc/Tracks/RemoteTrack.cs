using LiveKit.WebRtc;

namespace LiveKit.Rtc;

/// <summary>A track published by a remote participant that this client is subscribed to.</summary>
public abstract class RemoteTrack : Track
{
    private protected RemoteTrack(string sid, string name, TrackKind kind, RtpTransceiver transceiver)
        : base(sid, name, kind)
    {
        Transceiver = transceiver;
    }

    /// <summary>The subscriber PeerConnection's transceiver that receives the track: its RTP, for the media layer.</summary>
    internal RtpTransceiver Transceiver { get; }
}
