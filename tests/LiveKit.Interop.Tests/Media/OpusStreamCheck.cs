using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Media.Codecs.Opus;
using LiveKit.WebRtc;
using Xunit;

namespace LiveKit.Interop.Tests.Media;

/// <summary>Reads Opus RTP from a receiver and checks what the issue asks: continuous sequence numbers, and every payload decodes.</summary>
internal static class OpusStreamCheck
{
    /// <summary>Reads <paramref name="count"/> packets; returns the decoded samples per channel of all of them.</summary>
    public static async Task<int> ReceiveAsync(RtpReceiver receiver, int count, CancellationToken cancellationToken)
    {
        using var decoder = new OpusDecoder(48000, 2);
        short[] pcm = new short[48000 / 1000 * 120 * 2];
        int received = 0;
        int samples = 0;
        ushort? previous = null;
        await foreach (ReceivedRtpPacket packet in receiver.ReadAllAsync(cancellationToken))
        {
            using (packet)
            {
                if (previous is ushort p)
                {
                    Assert.Equal((ushort)(p + 1), packet.SequenceNumber);
                }

                previous = packet.SequenceNumber;
                samples += decoder.Decode(packet.Payload.Span, pcm);
            }

            if (++received == count)
            {
                break;
            }
        }

        Assert.Equal(count, received);
        return samples;
    }
}
