using LiveKit.Testing.Media;
using Xunit;

namespace LiveKit.Testing.Tests.Media;

public sealed class Vp8KeyFrameTests
{
    [Theory]
    // RFC 7741 §4.2: X=1 S=1 PID=0; I=1 with a 15-bit picture id (M=1); then the payload header, P=0: key frame.
    [InlineData(new byte[] { 0x90, 0x80, 0x81, 0x23, 0x10 }, true)]
    // the same, P=1: an interframe
    [InlineData(new byte[] { 0x90, 0x80, 0x81, 0x23, 0x11 }, false)]
    // no extension, S=1, key frame
    [InlineData(new byte[] { 0x10, 0x00 }, true)]
    // S=0: a continuation packet
    [InlineData(new byte[] { 0x00, 0x00 }, false)]
    // I, L, T all set: picture id (7 bits), TL0PICIDX, TID byte, then P=0
    [InlineData(new byte[] { 0x90, 0xE0, 0x05, 0x01, 0x20, 0x10 }, true)]
    // truncated: never throws
    [InlineData(new byte[] { 0x90, 0x80, 0x81 }, false)]
    [InlineData(new byte[] { }, false)]
    public void Key_frame_starts_are_recognized(byte[] payload, bool expected) =>
        Assert.Equal(expected, Vp8KeyFrame.IsStart(payload));
}
