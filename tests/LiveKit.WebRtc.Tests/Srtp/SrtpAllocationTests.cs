using System;
using LiveKit.WebRtc.Srtp;
using Xunit;
using static LiveKit.WebRtc.Tests.Srtp.SrtpTestData;

namespace LiveKit.WebRtc.Tests.Srtp;

public class SrtpAllocationTests
{
    private const uint Ssrc = 0x0BADCAFE;

    [Theory]
    [InlineData((ushort)SrtpProtectionProfile.Aes128CmHmacSha1_80)]
    [InlineData((ushort)SrtpProtectionProfile.AeadAes128Gcm)]
    public void Protect_and_unprotect_allocate_nothing_after_warm_up(ushort profileValue)
    {
        var profile = (SrtpProtectionProfile)profileValue;
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[] buffer = new byte[1500];
            ushort sequence = 0;
            RoundTrip(sender, receiver, buffer, ref sequence, 100);

            // The runtime itself may allocate on this thread once while methods tier up (a busy machine moves that
            // moment into any window), so steady state means: some window of 1000 round trips allocates nothing.
            long fewest = long.MaxValue;
            for (int window = 0; window < 5 && fewest > 0; window++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                RoundTrip(sender, receiver, buffer, ref sequence, 1000);
                fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            Assert.Equal(0, fewest);
        }
    }

    private static void RoundTrip(SrtpContext sender, SrtpContext receiver, byte[] buffer, ref ushort sequence, int count)
    {
        for (int i = 0; i < count; i++)
        {
            int length = WriteRtp(buffer, sequence++, Ssrc, 1200);
            if (sender.ProtectRtp(buffer, length, out int protectedLength) != SrtpStatus.Ok ||
                receiver.UnprotectRtp(buffer.AsSpan(0, protectedLength), out _) != SrtpStatus.Ok)
            {
                throw new InvalidOperationException("SRTP round trip failed.");
            }

            length = WriteRtcp(buffer, Ssrc, (byte)i);
            if (sender.ProtectRtcp(buffer, length, out protectedLength) != SrtpStatus.Ok ||
                receiver.UnprotectRtcp(buffer.AsSpan(0, protectedLength), out _) != SrtpStatus.Ok)
            {
                throw new InvalidOperationException("SRTCP round trip failed.");
            }
        }
    }
}
