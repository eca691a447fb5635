using System;
using LiveKit.Media.Codecs.Opus;
using Xunit;

namespace LiveKit.Media.Tests.Codecs;

public class OpusAllocationTests
{
    [Fact]
    public void Encode_decode_concealment_and_FEC_allocate_nothing_after_warm_up()
    {
        using var encoder = new OpusEncoder(48000, 2, OpusApplication.Voip) { InbandFec = true, ExpectedPacketLossPercent = 10 };
        using var decoder = new OpusDecoder(48000, 2);
        short[] input = AudioSignals.Sine(48000, 0.02, 10000, 440.0, 660.0);
        short[] output = new short[input.Length];
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        Run(encoder, decoder, input, output, packet, 20);

        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() => Run(encoder, decoder, input, output, packet, 200)));
    }

    private static void Run(OpusEncoder encoder, OpusDecoder decoder, short[] input, short[] output, byte[] packet, int count)
    {
        for (int i = 0; i < count; i++)
        {
            int length = encoder.Encode(input, packet);
            if (i % 10 == 3)
            {
                decoder.DecodeLoss(output);
            }
            else if (i % 10 == 5)
            {
                decoder.Decode(packet.AsSpan(0, length), output, decodeFec: true);
            }
            else
            {
                decoder.Decode(packet.AsSpan(0, length), output);
            }
        }
    }
}
