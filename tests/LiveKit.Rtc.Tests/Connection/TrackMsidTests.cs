using Xunit;

namespace LiveKit.Rtc.Tests.Connection;

public sealed class TrackMsidTests
{
    [Theory]
    [InlineData("PA_x|TR_y", "TR_y", "PA_x", "TR_y")]
    [InlineData("PA_x|TR_y", null, "PA_x", "TR_y")]
    [InlineData("PA_x|camera", "TR_z", "PA_x", "TR_z")]
    [InlineData("PA_x|PA_x|TR_y", "TR_y", "PA_x", "TR_y")]
    public void Reads_the_publisher_and_the_track(string stream, string? trackId, string participant, string track)
    {
        Assert.True(TrackMsid.TryParse([stream], trackId, out string participantSid, out string trackSid));
        Assert.Equal((participant, track), (participantSid, trackSid));
    }

    [Theory]
    [InlineData("stream", "TR_y")]
    [InlineData("|TR_y", "TR_y")]
    [InlineData("PA_x|camera", "track")]
    [InlineData("PA_x|camera", null)]
    public void Refuses_msids_outside_the_convention(string stream, string? trackId) =>
        Assert.False(TrackMsid.TryParse([stream], trackId, out _, out _));

    [Fact]
    public void Refuses_a_receiver_without_stream_ids() => Assert.False(TrackMsid.TryParse([], "TR_y", out _, out _));
}
