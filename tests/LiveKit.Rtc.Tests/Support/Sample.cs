using LiveKit.WebRtc;
using LiveKit.WebRtc.Sdp;

namespace LiveKit.Rtc.Tests;

/// <summary>Model objects to emit room events with, as the room would build them from the wire.</summary>
internal static class Sample
{
    // One PeerConnection lends its transceivers to the sample tracks; it is never negotiated.
    private static readonly PeerConnection Connection = new();

    public static RemoteParticipant Participant(string identity = "alice") => new($"PA_{identity}", identity);

    public static RemoteTrackPublication Publication(string sid = "TR_mic") =>
        Publication(sid, "microphone", TrackKind.Audio, TrackSource.Microphone);

    public static RemoteTrackPublication Publication(string sid, string name, TrackKind kind, TrackSource source) =>
        new(sid, name, kind, source, Participant(), room: null);

    public static RemoteAudioTrack Track(string sid = "TR_mic") => new(sid, "microphone", Transceiver(MediaKind.Audio));

    public static RtpTransceiver Transceiver(MediaKind kind) => Connection.AddTransceiver(kind, SdpMediaDirection.RecvOnly);
}
