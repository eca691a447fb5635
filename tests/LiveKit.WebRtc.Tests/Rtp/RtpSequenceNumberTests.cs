using LiveKit.WebRtc.Rtp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Rtp;

public class RtpSequenceNumberTests
{
    [Theory]
    [InlineData(1, 0, true)]
    [InlineData(0, 65535, true)]
    [InlineData(65535, 0, false)]
    [InlineData(100, 100, false)]
    [InlineData(32767, 0, true)]
    [InlineData(32768, 0, false)]
    public void Newer_is_decided_across_the_wrap(int candidate, int reference, bool newer)
    {
        Assert.Equal(newer, RtpSequenceNumber.IsNewer((ushort)candidate, (ushort)reference));
    }

    [Fact]
    public void Distance_is_signed_and_wrap_aware()
    {
        Assert.Equal(2, RtpSequenceNumber.Distance(65535, 1));
        Assert.Equal(-2, RtpSequenceNumber.Distance(1, 65535));
        Assert.True(RtpSequenceNumber.Compare(65530, 3) < 0);
    }
}

public class AudioLevelExtensionTests
{
    [Fact]
    public void Voice_flag_and_level_share_one_byte()
    {
        Assert.True(AudioLevelExtension.TryParse([0x85], out AudioLevelExtension level));
        Assert.True(level.VoiceActivity);
        Assert.Equal(5, level.Level);

        byte[] buffer = new byte[1];
        Assert.True(new AudioLevelExtension(false, 127).TryWrite(buffer, out int written));
        Assert.Equal(1, written);
        Assert.Equal(0x7F, buffer[0]);
        Assert.False(new AudioLevelExtension(false, 128).TryWrite(buffer, out _));
        Assert.False(AudioLevelExtension.TryParse([], out _));
    }
}
