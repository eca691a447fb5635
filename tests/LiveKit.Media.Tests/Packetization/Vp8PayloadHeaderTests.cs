using System;
using LiveKit.Media.Packetization;
using Xunit;

namespace LiveKit.Media.Tests.Packetization;

public class Vp8PayloadHeaderTests
{
    [Fact]
    public void A_keyframe_header_gives_its_size_version_and_show_flag()
    {
        byte[] frame = Vp8TestStream.KeyFrame(new Random(1), 500, width: 1280, height: 720);
        frame[7] |= 0x40; // horizontal scale 1

        Assert.True(Vp8PayloadHeader.TryParse(frame, out Vp8PayloadHeader header));
        Assert.True(header.IsKeyFrame);
        Assert.True(Vp8PayloadHeader.IsKeyFrameStart(frame));
        Assert.Equal(1280, header.Width);
        Assert.Equal(720, header.Height);
        Assert.Equal(1, header.HorizontalScale);
        Assert.Equal(0, header.VerticalScale);
        Assert.Equal(0, header.Version);
        Assert.True(header.ShowFrame);
        Assert.Equal(250, header.FirstPartitionSize);
    }

    [Fact]
    public void A_delta_frame_header_has_no_size()
    {
        byte[] frame = Vp8TestStream.DeltaFrame(new Random(2), 40);

        Assert.True(Vp8PayloadHeader.TryParse(frame, out Vp8PayloadHeader header));
        Assert.False(header.IsKeyFrame);
        Assert.False(Vp8PayloadHeader.IsKeyFrameStart(frame));
        Assert.Equal(0, header.Width);
        Assert.Equal(20, header.FirstPartitionSize);
    }

    [Fact]
    public void Truncated_headers_and_a_wrong_start_code_are_refused()
    {
        byte[] key = Vp8TestStream.KeyFrame(new Random(3), 10);
        for (int length = 0; length < Vp8PayloadHeader.KeyFrameLength; length++)
        {
            Assert.False(Vp8PayloadHeader.TryParse(key.AsSpan(0, length), out _));
        }

        key[4] = 0x02;
        Assert.False(Vp8PayloadHeader.TryParse(key, out _));
        Assert.False(Vp8PayloadHeader.TryParse([0x01, 0x00], out _));
        Assert.False(Vp8PayloadHeader.IsKeyFrameStart([]));
    }
}
