using System;
using System.Net;
using System.Text;
using LiveKit.WebRtc.Stun;
using Xunit;

namespace LiveKit.WebRtc.Tests.Stun;

public class Rfc5769Tests
{
    private static StunTransactionId VectorTransactionId => StunTransactionId.Read(Rfc5769Vectors.TransactionId);

    [Fact]
    public void Sample_request_parses_to_its_fields()
    {
        Assert.True(StunMessageReader.TryParse(Rfc5769Vectors.Request, out StunMessageReader message));

        Assert.Equal(StunMessageType.BindingRequest, message.Type);
        Assert.Equal(VectorTransactionId, message.TransactionId);
        Assert.True(message.TryGetSoftware(out ReadOnlySpan<byte> software));
        Assert.Equal(Rfc5769Vectors.RequestSoftware, Encoding.UTF8.GetString(software));
        Assert.True(message.TryGetPriority(out uint priority));
        Assert.Equal(Rfc5769Vectors.RequestPriority, priority);
        Assert.True(message.TryGetIceControlled(out ulong tieBreaker));
        Assert.Equal(Rfc5769Vectors.RequestIceControlledTieBreaker, tieBreaker);
        Assert.False(message.TryGetIceControlling(out _));
        Assert.False(message.HasUseCandidate);
        Assert.True(message.TryGetUsername(out ReadOnlySpan<byte> username));
        Assert.Equal(Rfc5769Vectors.RequestUsername, Encoding.UTF8.GetString(username));
        Assert.False(message.HasUnknownComprehensionRequired);
        Assert.True(message.VerifyMessageIntegrity(Rfc5769Vectors.Password));
        Assert.True(message.VerifyFingerprint());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sample_responses_parse_to_their_mapped_address(bool ipv6)
    {
        byte[] vector = ipv6 ? Rfc5769Vectors.ResponseIPv6 : Rfc5769Vectors.ResponseIPv4;
        Assert.True(StunMessageReader.TryParse(vector, out StunMessageReader message));

        Assert.Equal(StunMessageType.BindingSuccessResponse, message.Type);
        Assert.Equal(VectorTransactionId, message.TransactionId);
        Assert.True(message.TryGetSoftware(out ReadOnlySpan<byte> software));
        Assert.Equal(Rfc5769Vectors.ResponseSoftware, Encoding.UTF8.GetString(software));
        Assert.True(message.TryGetXorMappedAddress(out StunTransportAddress address));
        var expected = new IPEndPoint(IPAddress.Parse(ipv6 ? Rfc5769Vectors.MappedIPv6 : Rfc5769Vectors.MappedIPv4), Rfc5769Vectors.MappedPort);
        Assert.Equal(expected, address.ToIPEndPoint());
        Assert.Equal(StunTransportAddress.FromIPEndPoint(expected), address);
        Assert.True(message.VerifyMessageIntegrity(Rfc5769Vectors.Password));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Sample_request_built_from_its_fields_equals_the_vector()
    {
        Span<byte> buffer = stackalloc byte[256];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, VectorTransactionId, out StunMessageWriter writer));
        writer.PaddingByte = (byte)' '; // RFC 5769 pads with spaces
        Assert.True(writer.TryAppendSoftware(Encoding.UTF8.GetBytes(Rfc5769Vectors.RequestSoftware)));
        Assert.True(writer.TryAppendPriority(Rfc5769Vectors.RequestPriority));
        Assert.True(writer.TryAppendIceControlled(Rfc5769Vectors.RequestIceControlledTieBreaker));
        Assert.True(writer.TryAppendUsername(Encoding.UTF8.GetBytes(Rfc5769Vectors.RequestUsername)));
        Assert.True(writer.TryAppendMessageIntegrity(Rfc5769Vectors.Password));
        Assert.True(writer.TryAppendFingerprint());

        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.Request), Convert.ToHexString(writer.WrittenSpan));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sample_responses_built_from_their_fields_equal_the_vectors(bool ipv6)
    {
        var mapped = new IPEndPoint(IPAddress.Parse(ipv6 ? Rfc5769Vectors.MappedIPv6 : Rfc5769Vectors.MappedIPv4), Rfc5769Vectors.MappedPort);
        Span<byte> buffer = stackalloc byte[256];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingSuccessResponse, VectorTransactionId, out StunMessageWriter writer));
        writer.PaddingByte = (byte)' ';
        Assert.True(writer.TryAppendSoftware(Encoding.UTF8.GetBytes(Rfc5769Vectors.ResponseSoftware)));
        Assert.True(writer.TryAppendXorMappedAddress(StunTransportAddress.FromIPEndPoint(mapped)));
        Assert.True(writer.TryAppendMessageIntegrity(Rfc5769Vectors.Password));
        Assert.True(writer.TryAppendFingerprint());

        byte[] expected = ipv6 ? Rfc5769Vectors.ResponseIPv6 : Rfc5769Vectors.ResponseIPv4;
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(writer.WrittenSpan));
    }

    public static TheoryData<string> VectorNames => new() { "request", "ipv4", "ipv6" };

    private static byte[] Vector(string name) => name switch
    {
        "request" => Rfc5769Vectors.Request,
        "ipv4" => Rfc5769Vectors.ResponseIPv4,
        _ => Rfc5769Vectors.ResponseIPv6,
    };

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Integrity_fails_with_a_wrong_password(string name)
    {
        Assert.True(StunMessageReader.TryParse(Vector(name), out StunMessageReader message));
        Assert.False(message.VerifyMessageIntegrity("VOkJxbRl1RmTxUk/WvJxBT"u8));
        Assert.False(message.VerifyMessageIntegrity(ReadOnlySpan<byte>.Empty));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Flipping_any_covered_byte_breaks_integrity_and_fingerprint(string name)
    {
        byte[] vector = Vector(name);
        int integrityValueEnd = vector.Length - 8;         // MESSAGE-INTEGRITY ends where FINGERPRINT starts
        int fingerprintStart = vector.Length - 8;
        for (int i = 0; i < vector.Length; i++)
        {
            byte[] copy = (byte[])vector.Clone();
            copy[i] ^= 0x01;
            if (!StunMessageReader.TryParse(copy, out StunMessageReader message))
            {
                continue; // the flip broke the structure itself (type bits, cookie, lengths)
            }

            if (i < integrityValueEnd && message.HasMessageIntegrity)
            {
                Assert.False(message.VerifyMessageIntegrity(Rfc5769Vectors.Password), $"integrity held after flipping byte {i}");
            }

            if (i < fingerprintStart || i >= fingerprintStart + 4)
            {
                Assert.False(message.HasFingerprint && message.VerifyFingerprint(), $"fingerprint held after flipping byte {i}");
            }
            else
            {
                // Only the CRC value changed: the HMAC, which FINGERPRINT does not feed, still holds.
                Assert.False(message.VerifyFingerprint());
                Assert.True(message.VerifyMessageIntegrity(Rfc5769Vectors.Password));
            }
        }
    }

    [Fact]
    public void Flipping_a_value_byte_keeps_the_message_parseable_but_unverifiable()
    {
        byte[] copy = Rfc5769Vectors.Request;
        copy[StunMessageHeader.Length + 4] ^= 0x20; // first byte of SOFTWARE's value
        Assert.True(StunMessageReader.TryParse(copy, out StunMessageReader message));
        Assert.False(message.VerifyMessageIntegrity(Rfc5769Vectors.Password));
        Assert.False(message.VerifyFingerprint());
    }
}
