using System;
using LiveKit.WebRtc.Rtp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Rtp;

public class RtpFuzzTests
{
    private static byte[][] Seeds()
    {
        byte[] oneByte = new byte[64];
        RtpPacketWriter writer = new(oneByte, new RtpHeader { PayloadType = 111, SequenceNumber = 1 }, [7u], RtpExtensionForm.OneByte);
        writer.TryAddExtension(1, [0x80]);
        writer.TryAddExtension(3, [1, 2, 3]);
        writer.TryComplete([9, 9, 9], 3, out int oneByteLength);

        byte[] twoByte = new byte[64];
        writer = new(twoByte, new RtpHeader { PayloadType = 96 }, ReadOnlySpan<uint>.Empty, RtpExtensionForm.TwoByte);
        writer.TryAddExtension(200, []);
        writer.TryAddExtension(5, [1, 2, 3, 4, 5]);
        writer.TryComplete([1], 0, out int twoByteLength);

        return
        [
            oneByte[..oneByteLength],
            twoByte[..twoByteLength],
            Convert.FromHexString("90E0698FD9C293DA1C64278200010001FFFFFFFF9836BE889E"),
            Convert.FromHexString("A00000010000000200000003ABCD000003"),
        ];
    }

    private static bool Exercise(ReadOnlySpan<byte> input)
    {
        if (!RtpPacket.TryParse(input, out RtpPacket packet))
        {
            return false;
        }

        for (int i = 0; i < packet.Header.CsrcCount; i++)
        {
            _ = packet.GetCsrc(i);
        }

        foreach (RtpExtension extension in packet.GetExtensions())
        {
            _ = AudioLevelExtension.TryParse(extension.Value, out _);
        }

        _ = packet.TryGetExtension(1, out _);
        Span<byte> copy = stackalloc byte[1600];
        Assert.True(packet.TryWrite(copy, out int written));
        Assert.Equal(input.Length, written);
        Assert.True(packet.HeaderLength + packet.Payload.Length + packet.PaddingLength == input.Length);
        return true;
    }

    [Fact]
    public void Rtp_parse_never_throws_on_mutated_input()
    {
        int accepted = new MutationFuzzer(20260101, Seeds()).Run(MutationFuzzer.DefaultIterations, Exercise);

        // The mutations must keep reaching the parser's deeper paths, not just fail the header check.
        Assert.InRange(accepted, MutationFuzzer.DefaultIterations / 20, MutationFuzzer.DefaultIterations - 1);
    }

    [Fact]
    [Trait("Category", "LongFuzz")]
    public void Rtp_parse_never_throws_on_mutated_input_long()
    {
        new MutationFuzzer(42, Seeds()).Run(MutationFuzzer.LongIterations, Exercise);
    }
}
