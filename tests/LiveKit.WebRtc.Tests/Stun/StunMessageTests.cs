using System;
using System.Buffers.Binary;
using System.Net;
using System.Text;
using LiveKit.WebRtc.Stun;
using Xunit;

namespace LiveKit.WebRtc.Tests.Stun;

public class StunMessageTests
{
    private static readonly byte[] s_key = Encoding.UTF8.GetBytes("password");

    [Theory]
    [InlineData(0b00, 0x0001)] // request
    [InlineData(0b01, 0x0011)] // indication
    [InlineData(0b10, 0x0101)] // success response
    [InlineData(0b11, 0x0111)] // error response
    public void Binding_types_encode_as_rfc_8489_lists_them(int messageClass, int value)
    {
        var type = new StunMessageType(StunMethod.Binding, (StunMessageClass)messageClass);
        Assert.Equal(value, type.Value);
        Assert.True(StunMessageType.TryParse((ushort)value, out StunMessageType parsed));
        Assert.Equal(type, parsed);
    }

    [Fact]
    public void Every_method_and_class_round_trips_through_the_interleaved_bits()
    {
        for (int method = 0; method <= StunMessageType.MaxMethod; method++)
        {
            for (int messageClass = 0; messageClass < 4; messageClass++)
            {
                var type = new StunMessageType((StunMethod)method, (StunMessageClass)messageClass);
                Assert.True(type.Value < 0x4000);
                Assert.True(StunMessageType.TryParse(type.Value, out StunMessageType parsed));
                Assert.Equal(type, parsed);
            }
        }
    }

    [Fact]
    public void Allocate_method_0x003_encodes_as_in_turn()
    {
        // RFC 8656: Allocate request is 0x0003, its error response 0x0113.
        Assert.Equal(0x0113, new StunMessageType((StunMethod)0x003, StunMessageClass.ErrorResponse).Value);
    }

    [Fact]
    public void Ice_check_round_trips_with_integrity_and_fingerprint()
    {
        StunTransactionId id = StunTransactionId.NewRandom();
        Span<byte> buffer = stackalloc byte[200];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, id, out StunMessageWriter writer));
        Assert.True(writer.TryAppendUsername("remote:local"u8));
        Assert.True(writer.TryAppendPriority(0x7e7f00ff));
        Assert.True(writer.TryAppendIceControlling(0x0123456789abcdef));
        Assert.True(writer.TryAppendUseCandidate());
        Assert.True(writer.TryAppendMessageIntegrity(s_key));
        Assert.True(writer.TryAppendFingerprint());

        Assert.True(StunMessageHeader.IsStunMessage(writer.WrittenSpan));
        Assert.True(StunMessageReader.TryParse(writer.WrittenSpan, out StunMessageReader message));
        Assert.Equal(id, message.TransactionId);
        Assert.True(message.TryGetUsername(out ReadOnlySpan<byte> username));
        Assert.True(username.SequenceEqual("remote:local"u8));
        Assert.True(message.TryGetPriority(out uint priority));
        Assert.Equal(0x7e7f00ffu, priority);
        Assert.True(message.TryGetIceControlling(out ulong tieBreaker));
        Assert.Equal(0x0123456789abcdefUL, tieBreaker);
        Assert.True(message.HasUseCandidate);
        Assert.True(message.VerifyMessageIntegrity(s_key));
        Assert.False(message.VerifyMessageIntegrity("other"u8));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Integrity_verifies_without_a_fingerprint()
    {
        Span<byte> buffer = stackalloc byte[100];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, StunTransactionId.NewRandom(), out StunMessageWriter writer));
        Assert.True(writer.TryAppendUsername("a:b"u8));
        Assert.True(writer.TryAppendMessageIntegrity(s_key));

        Assert.True(StunMessageReader.TryParse(writer.WrittenSpan, out StunMessageReader message));
        Assert.True(message.VerifyMessageIntegrity(s_key));
        Assert.False(message.HasFingerprint);
        Assert.False(message.VerifyFingerprint());
    }

    [Fact]
    public void Integrity_of_a_message_larger_than_the_stack_copy_verifies()
    {
        byte[] buffer = new byte[3000];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, StunTransactionId.NewRandom(), out StunMessageWriter writer));
        Assert.True(writer.TryAppendSoftware(new byte[2000]));
        Assert.True(writer.TryAppendMessageIntegrity(s_key));
        Assert.True(StunMessageReader.TryParse(writer.WrittenSpan, out StunMessageReader message));
        Assert.True(message.VerifyMessageIntegrity(s_key));
    }

    [Fact]
    public void Unknown_comprehension_required_attributes_are_reported_and_optional_ones_skipped()
    {
        Span<byte> buffer = stackalloc byte[200];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, StunTransactionId.NewRandom(), out StunMessageWriter writer));
        Assert.True(writer.TryAppend((StunAttributeType)0x7001, "x"u8));
        Assert.True(writer.TryAppend((StunAttributeType)0xC057, "optional"u8)); // GOOG-NETWORK-INFO style
        Assert.True(writer.TryAppendPriority(1));
        Assert.True(writer.TryAppend((StunAttributeType)0x001C, new byte[32])); // MESSAGE-INTEGRITY-SHA256: not verified
        Assert.True(StunMessageReader.TryParse(writer.WrittenSpan, out StunMessageReader message));

        Assert.True(message.HasUnknownComprehensionRequired);
        Span<ushort> unknown = stackalloc ushort[1];
        Assert.Equal(2, message.CopyUnknownComprehensionRequired(unknown));
        Assert.Equal(0x7001, unknown[0]);
        Assert.True(message.TryGetPriority(out uint priority));
        Assert.Equal(1u, priority);
    }

    [Fact]
    public void Error_response_420_carries_code_reason_and_unknown_attributes()
    {
        Span<byte> buffer = stackalloc byte[200];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingErrorResponse, StunTransactionId.NewRandom(), out StunMessageWriter writer));
        Assert.True(writer.TryAppendErrorCode(new StunErrorCode(StunErrorCode.UnknownAttribute, "Unknown Attribute"u8)));
        Assert.True(writer.TryAppendUnknownAttributes([0x7001, 0x0030, 0x0002]));
        Assert.True(StunMessageReader.TryParse(writer.WrittenSpan, out StunMessageReader message));

        Assert.Equal(StunMessageClass.ErrorResponse, message.Type.Class);
        Assert.True(message.TryGetErrorCode(out StunErrorCode error));
        Assert.Equal(420, error.Code);
        Assert.True(error.ReasonUtf8.SequenceEqual("Unknown Attribute"u8));
        Assert.True(message.TryGetUnknownAttributes(out StunUnknownAttributes unknown));
        Assert.Equal(3, unknown.Count);
        Assert.Equal(0x0030, unknown[1]);
        // ERROR-CODE's class byte is 4, number byte 20 (RFC 8489 §14.8).
        Assert.Equal(4, writer.WrittenSpan[StunMessageHeader.Length + 4 + 2]);
        Assert.Equal(20, writer.WrittenSpan[StunMessageHeader.Length + 4 + 3]);
    }

    [Fact]
    public void Attributes_after_message_integrity_other_than_fingerprint_are_ignored()
    {
        // Build a valid message, then splice a PRIORITY after MESSAGE-INTEGRITY by hand.
        byte[] buffer = new byte[100];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, StunTransactionId.NewRandom(), out StunMessageWriter writer));
        Assert.True(writer.TryAppendMessageIntegrity(s_key));
        int length = writer.Length;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(length), (ushort)StunAttributeType.Priority);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(length + 2), 4);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(length + 4), 7);
        length += 8;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)(length - StunMessageHeader.Length));

        Assert.True(StunMessageReader.TryParse(buffer.AsSpan(0, length), out StunMessageReader message));
        Assert.False(message.TryGetPriority(out _));
        Assert.True(message.VerifyMessageIntegrity(s_key));
    }

    [Fact]
    public void Attribute_after_fingerprint_makes_the_message_malformed()
    {
        byte[] buffer = new byte[100];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, StunTransactionId.NewRandom(), out StunMessageWriter writer));
        Assert.True(writer.TryAppendFingerprint());
        int length = writer.Length;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(length), (ushort)StunAttributeType.UseCandidate);
        length += 4;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)(length - StunMessageHeader.Length));

        Assert.False(StunMessageReader.TryParse(buffer.AsSpan(0, length), out _));
    }

    [Fact]
    public void Writer_refuses_attributes_after_integrity_except_fingerprint()
    {
        byte[] buffer = new byte[100];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, StunTransactionId.NewRandom(), out StunMessageWriter writer));
        Assert.True(writer.TryAppendMessageIntegrity(s_key));
        bool threw = false;
        try
        {
            writer.TryAppendPriority(1);
        }
        catch (InvalidOperationException)
        {
            threw = true;
        }

        Assert.True(threw);
        Assert.True(writer.TryAppendFingerprint());
    }

    [Fact]
    public void Writer_returns_false_and_keeps_the_message_when_the_buffer_is_full()
    {
        Span<byte> buffer = stackalloc byte[StunMessageHeader.Length + 8];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, StunTransactionId.NewRandom(), out StunMessageWriter writer));
        Assert.True(writer.TryAppendPriority(5));
        Assert.False(writer.TryAppendUseCandidate());
        Assert.Equal(StunMessageHeader.Length + 8, writer.Length);
        Assert.True(StunMessageReader.TryParse(writer.WrittenSpan, out _));
        Assert.False(StunMessageWriter.TryCreate(stackalloc byte[19], StunMessageType.BindingRequest, default, out _));
    }

    [Fact]
    public void Padding_is_zero_by_default_and_excluded_from_values()
    {
        Span<byte> buffer = stackalloc byte[100];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, default, out StunMessageWriter writer));
        Assert.True(writer.TryAppendUsername("abcde"u8));
        Assert.Equal(StunMessageHeader.Length + 4 + 8, writer.Length);
        Assert.True(writer.WrittenSpan[^3..].SequenceEqual(new byte[3]));
        Assert.True(StunMessageReader.TryParse(writer.WrittenSpan, out StunMessageReader message));
        Assert.True(message.TryGetUsername(out ReadOnlySpan<byte> username));
        Assert.True(username.SequenceEqual("abcde"u8));
    }

    [Fact]
    public void First_of_repeated_attributes_wins()
    {
        Span<byte> buffer = stackalloc byte[100];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingRequest, default, out StunMessageWriter writer));
        Assert.True(writer.TryAppendPriority(1));
        Assert.True(writer.TryAppendPriority(2));
        Assert.True(StunMessageReader.TryParse(writer.WrittenSpan, out StunMessageReader message));
        Assert.True(message.TryGetPriority(out uint priority));
        Assert.Equal(1u, priority);
    }

    [Theory]
    [InlineData("0.0.0.0", 0)]
    [InlineData("203.0.113.7", 65535)]
    [InlineData("::1", 9)]
    [InlineData("fe80::1234:5678:9abc:def0", 50000)]
    public void Mapped_and_xor_mapped_addresses_round_trip(string ip, int port)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(ip), port);
        var address = StunTransportAddress.FromIPEndPoint(endPoint);
        Span<byte> buffer = stackalloc byte[100];
        Assert.True(StunMessageWriter.TryCreate(buffer, StunMessageType.BindingSuccessResponse, StunTransactionId.NewRandom(), out StunMessageWriter writer));
        Assert.True(writer.TryAppendXorMappedAddress(address));
        Assert.True(writer.TryAppendMappedAddress(address));
        Assert.True(StunMessageReader.TryParse(writer.WrittenSpan, out StunMessageReader message));
        Assert.True(message.TryGetXorMappedAddress(out StunTransportAddress xorMapped));
        Assert.True(message.TryGetMappedAddress(out StunTransportAddress mapped));
        Assert.Equal(endPoint, xorMapped.ToIPEndPoint());
        Assert.Equal(endPoint, mapped.ToIPEndPoint());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0001000021")]                                            // shorter than a header
    [InlineData("c00100002112a442000000000000000000000000")]              // leading bits set
    [InlineData("000100002112a443000000000000000000000000")]              // wrong cookie
    [InlineData("000100022112a4420000000000000000000000000000")]          // length not a multiple of 4
    [InlineData("000100082112a44200000000000000000000000000240004")]      // length past the end
    [InlineData("000100042112a44200000000000000000000000000240004")]      // attribute value past the end
    [InlineData("000100082112a442000000000000000000000000000800040000000")] // odd-length datagram
    [InlineData("0001000c2112a442000000000000000000000000802800050000000000000000")] // FINGERPRINT of length 5
    public void Malformed_messages_are_rejected(string hex)
    {
        byte[] bytes = hex.Length % 2 == 0 ? Convert.FromHexString(hex) : Convert.FromHexString(hex + "0")[..^1];
        Assert.False(StunMessageReader.TryParse(bytes, out _));
    }

    [Fact]
    public void Message_length_is_read_from_a_stream_header()
    {
        Assert.True(StunMessageHeader.TryGetMessageLength(Rfc5769Vectors.Request, out int total));
        Assert.Equal(Rfc5769Vectors.Request.Length, total);
        Assert.False(StunMessageHeader.IsStunMessage(Rfc5769Vectors.Request.AsSpan(0, total - 4)));
    }

    [Fact]
    public void Long_term_key_is_md5_of_user_realm_password()
    {
        // MD5("user:realm:pass"), computed independently.
        Assert.Equal("8493FBC53BA582FB4C044C456BDC40EB", Convert.ToHexString(StunMessageIntegrity.DeriveLongTermKey("user", "realm", "pass")));
    }
}
