using System;
using LiveKit.WebRtc.Stun;
using Xunit;

namespace LiveKit.WebRtc.Tests.Stun;

public class StunAllocationTests
{
    private static readonly byte[] s_password = "VOkJxbRl1RmTxUk/WvJxBt"u8.ToArray();
    private static readonly byte[] s_username = "evtj:h6vY"u8.ToArray();

    [Fact]
    public void Writing_and_parsing_a_binding_request_allocates_nothing()
    {
        byte[] buffer = new byte[256];
        byte[] response = Rfc5769Vectors.ResponseIPv6;
        var id = StunTransactionId.NewRandom();
        for (int i = 0; i < 100; i++)
        {
            RoundTrip(buffer, response, id);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int checks = 0;
        for (int i = 0; i < 1000; i++)
        {
            checks += RoundTrip(buffer, response, id);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000 * 8, checks);
        Assert.Equal(0, allocated);
    }

    private static int RoundTrip(byte[] buffer, byte[] response, StunTransactionId id)
    {
        int checks = 0;
        StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, id, out StunMessageWriter writer);
        writer.TryAppendUsername(s_username);
        writer.TryAppendPriority(0x6e0001ff);
        writer.TryAppendIceControlling(0x932ff9b151263b36);
        writer.TryAppendUseCandidate();
        writer.TryAppendMessageIntegrity(s_password);
        writer.TryAppendFingerprint();
        int length = writer.Length;

        if (StunMessageReader.TryParse(buffer.AsSpan(0, length), out StunMessageReader request)
            && request.TryGetUsername(out ReadOnlySpan<byte> username) && username.Length == s_username.Length
            && request.TryGetPriority(out _)
            && request.TryGetIceControlling(out _)
            && request.HasUseCandidate
            && !request.HasUnknownComprehensionRequired
            && request.VerifyMessageIntegrity(s_password))
        {
            checks += 4;
        }

        if (request.VerifyFingerprint())
        {
            checks++;
        }

        if (StunMessageReader.TryParse(response, out StunMessageReader parsed)
            && parsed.TryGetXorMappedAddress(out StunTransportAddress address) && address.Port != 0)
        {
            checks++;
        }

        if (parsed.VerifyMessageIntegrity(s_password))
        {
            checks++;
        }

        if (parsed.VerifyFingerprint())
        {
            checks++;
        }

        return checks;
    }
}
