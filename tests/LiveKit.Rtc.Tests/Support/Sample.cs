namespace LiveKit.Rtc.Tests;

/// <summary>Model objects to emit room events with, as the room would build them from the wire.</summary>
internal static class Sample
{
    public static RemoteParticipant Participant(string identity = "alice") => new($"PA_{identity}", identity);

    public static RemoteTrackPublication Publication(string sid = "TR_mic") =>
        new(sid, "microphone", TrackKind.Audio, TrackSource.Microphone);

    public static RemoteAudioTrack Track(string sid = "TR_mic") => new(sid, "microphone");
}
