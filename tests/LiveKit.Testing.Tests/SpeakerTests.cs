using System.Linq;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.WebRtc;
using Xunit;

namespace LiveKit.Testing.Tests;

/// <summary>
/// Active speakers from the ssrc-audio-level header extension (RFC 6464) of published audio (brief §6): a
/// participant whose packets are loud becomes an active speaker, and when its audio stops it is reported inactive;
/// speakers_changed carries only the changes (brief §2.3 SpeakersChanged) and goes to everyone in the room.
/// </summary>
public sealed class SpeakerTests
{
    private const string Room = "speakers";

    [Fact]
    public async Task Loud_audio_makes_its_publisher_an_active_speaker_and_silence_ends_it()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinWithMediaAsync(server, "alice", Room);
        await using SignalTestClient bob = await SignalTestClient.JoinedAsync(server, "bob", Room);
        (RtpTransceiver sending, TrackInfo track) = await alice.PublishAsync(MediaKind.Audio, "microphone");
        await bob.WaitForAsync(r => r.Update?.Participants.Any(p => p.Identity == "alice" && p.Tracks.Any(t => t.Sid == track.Sid)) == true, "alice's track");
        string aliceSid = alice.Join!.Participant.Sid;

        // One burst of speech: voice activity set, -20 dBov (louder than the server's threshold of -35 dBov).
        const byte Loud = 0x80 | 20;
        for (int i = 0; i < 50; i++)
        {
            Assert.True(sending.Sender.SendRtp(new byte[] { 0xF8, 0xFF, 0xFE }, (uint)(i * 960), marker: i == 0, audioLevel: Loud));
        }

        foreach (SignalTestClient client in new[] { bob, alice })
        {
            SignalResponse started = await client.WaitForAsync(r => r.SpeakersChanged?.Speakers.Any(s => s.Sid == aliceSid && s.Active) == true, "alice speaking");
            SpeakerInfo speaker = started.SpeakersChanged.Speakers.Single(s => s.Sid == aliceSid);
            Assert.InRange(speaker.Level, 0.05f, 1f);
        }

        // Nothing more is sent: the next observation finds no speech and reports alice inactive.
        SignalResponse stopped = await bob.WaitForAsync(r => r.SpeakersChanged?.Speakers.Any(s => s.Sid == aliceSid && !s.Active) == true, "alice silent");
        Assert.Equal(0f, stopped.SpeakersChanged.Speakers.Single(s => s.Sid == aliceSid).Level);
    }
}
