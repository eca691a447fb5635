using System.Linq;
using LiveKit.Media.Codecs.Vp8;
using Xunit;

namespace LiveKit.Media.Tests.Codecs.Vp8;

public class Vp8KeyFrameTests
{
    [Fact]
    public void The_first_frame_is_a_key_frame_and_the_others_are_not()
    {
        using var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings { TargetBitrateKbps = 800 });

        var frames = Vp8Stream.Encode(encoder, new TestPicture(320, 240), 30);

        Assert.True(frames[0].IsKeyFrame);
        Assert.True(IsKeyFrameByTag(frames[0].Data));
        Assert.All(frames.Skip(1).Where(f => f.Data.Length > 0), f =>
        {
            Assert.False(f.IsKeyFrame);
            Assert.False(IsKeyFrameByTag(f.Data));
        });
    }

    [Fact]
    public void RequestKeyFrame_makes_the_next_frame_a_key_frame_once()
    {
        using var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings { TargetBitrateKbps = 800 });
        var picture = new TestPicture(320, 240);
        Vp8Stream.Encode(encoder, picture, 10);

        encoder.RequestKeyFrame();
        var after = Vp8Stream.Encode(encoder, picture, 10, firstIndex: 10);

        Assert.True(after[0].IsKeyFrame);
        Assert.True(IsKeyFrameByTag(after[0].Data));
        Assert.All(after.Skip(1).Where(f => f.Data.Length > 0), f => Assert.False(IsKeyFrameByTag(f.Data)));
    }

    [Fact]
    public void ForceKeyFrame_makes_that_frame_a_key_frame()
    {
        using var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings { TargetBitrateKbps = 800 });

        var frames = Vp8Stream.Encode(encoder, new TestPicture(320, 240), 20, forceKeyFrame: i => i == 12);

        Assert.Equal([0, 12], frames.Where(f => IsKeyFrameByTag(f.Data)).Select(f => f.Index));
        Assert.Equal([0, 12], frames.Where(f => f.IsKeyFrame).Select(f => f.Index));
    }

    [Fact]
    public void KeyFrameInterval_places_key_frames_at_most_that_many_frames_apart()
    {
        using var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings { TargetBitrateKbps = 800, KeyFrameInterval = 10 });

        var frames = Vp8Stream.Encode(encoder, new TestPicture(320, 240), 40);

        int[] keys = frames.Where(f => f.IsKeyFrame).Select(f => f.Index).ToArray();
        Assert.Equal(0, keys[0]);
        Assert.True(keys.Length >= 4, $"key frames at {string.Join(", ", keys)}");
        Assert.All(keys.Zip(keys.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 1, 10));
    }

    [Fact]
    public void KeyFrameInterval_zero_leaves_key_frames_to_requests()
    {
        using var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings { TargetBitrateKbps = 800, KeyFrameInterval = 0 });
        var picture = new TestPicture(320, 240);

        var frames = Vp8Stream.Encode(encoder, picture, 60);
        encoder.RequestKeyFrame();
        var requested = Vp8Stream.Encode(encoder, picture, 1, firstIndex: 60);

        Assert.Equal([0], frames.Where(f => f.IsKeyFrame).Select(f => f.Index));
        Assert.True(requested[0].IsKeyFrame);
    }

    [Fact]
    public void IsKeyFrame_reads_the_inverse_key_frame_bit_of_the_frame_tag()
    {
        Assert.True(Vp8Decoder.IsKeyFrame([0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A]));
        Assert.False(Vp8Decoder.IsKeyFrame([0x11, 0x02, 0x00]));
        Assert.False(Vp8Decoder.IsKeyFrame([]));
    }

    // RFC 6386 §9.1: bit 0 of the first byte of the frame tag is 0 for a key frame; a key frame's tag is followed
    // by the start code 9D 01 2A.
    private static bool IsKeyFrameByTag(byte[] frame)
    {
        bool key = (frame[0] & 1) == 0;
        if (key)
        {
            Assert.Equal([0x9D, 0x01, 0x2A], frame[3..6]);
        }

        return key;
    }
}
