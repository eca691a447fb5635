using System.Collections.Generic;
using System.Linq;
using LiveKit.Media.Codecs.Vp8;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Media.Tests.Codecs.Vp8;

public class Vp8BitrateTests(ITestOutputHelper output)
{
    [Fact]
    public void Lowering_the_bitrate_shrinks_the_frames_to_about_the_new_target()
    {
        using var encoder = new Vp8Encoder(640, 360, new Vp8EncoderSettings { TargetBitrateKbps = 1500 });
        var picture = new TestPicture(640, 360);
        var high = Vp8Stream.Encode(encoder, picture, 90);

        encoder.SetBitrate(300);
        var low = Vp8Stream.Encode(encoder, picture, 90, firstIndex: 90);

        // Steady state: the last two seconds of each part (rate control settles within about a second).
        double highKbps = Kbps(high.Skip(30));
        double lowKbps = Kbps(low.Skip(30));
        output.WriteLine($"1500 kbps target: {highKbps:0} kbps sent; 300 kbps target: {lowKbps:0} kbps sent");
        Assert.Equal(300, encoder.TargetBitrateKbps);
        Assert.True(lowKbps < highKbps / 2, $"{highKbps:0} kbps before, {lowKbps:0} kbps after");
        Assert.InRange(lowKbps, 150, 450);
    }

    [Fact]
    public void Raising_the_bitrate_improves_the_quantizer()
    {
        using var encoder = new Vp8Encoder(640, 360, new Vp8EncoderSettings { TargetBitrateKbps = 200 });
        var picture = new TestPicture(640, 360);
        Vp8Stream.Encode(encoder, picture, 60);
        int lowQuantizer = encoder.LastQuantizer;

        encoder.SetBitrate(2000);
        Vp8Stream.Encode(encoder, picture, 60, firstIndex: 60);

        output.WriteLine($"quantizer {lowQuantizer} at 200 kbps, {encoder.LastQuantizer} at 2000 kbps");
        Assert.True(encoder.LastQuantizer < lowQuantizer, $"quantizer {lowQuantizer} at 200 kbps, {encoder.LastQuantizer} at 2000 kbps");
    }

    private static double Kbps(IEnumerable<Vp8Stream.Frame> frames)
    {
        Vp8Stream.Frame[] list = frames.ToArray();
        return list.Sum(f => f.Data.Length) * 8.0 * 30 / list.Length / 1000;
    }
}
