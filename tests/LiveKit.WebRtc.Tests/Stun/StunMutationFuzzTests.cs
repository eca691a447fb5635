using System;
using System.Linq;
using System.Buffers.Binary;
using LiveKit.WebRtc.Stun;
using Xunit;

namespace LiveKit.WebRtc.Tests.Stun;

/// <summary>
/// Seeded mutation fuzzing: the RFC 5769 vectors and a few built messages are bit-flipped, truncated, extended
/// and have their length fields edited; every result goes through the parser and every getter. No exception may
/// escape. A failing input is reported with its iteration and bytes so it can be replayed.
/// </summary>
public class StunMutationFuzzTests
{
    private const int Seed = 8489;
    private const int DefaultInputCount = 200_000;
    private const int LongInputCount = 1_000_000;
    private const int Slack = 64;

    [Fact]
    public void Mutated_messages_never_throw() => Run(DefaultInputCount, Seed);

    [Fact]
    [Trait("Category", "LongFuzz")]
    public void Mutated_messages_never_throw_long_pass() => Run(LongInputCount, Seed + 1);

    private static void Run(int inputCount, int seed)
    {
        byte[][] corpus = BuildCorpus();
        var random = new Random(seed);
        byte[] buffer = new byte[corpus.Max(static c => c.Length) + Slack];
        int parsed = 0;
        for (int iteration = 0; iteration < inputCount; iteration++)
        {
            byte[] original = corpus[random.Next(corpus.Length)];
            original.CopyTo(buffer, 0);
            int length = original.Length;
            int mutations = 1 + random.Next(4);
            for (int m = 0; m < mutations; m++)
            {
                length = Mutate(random, buffer, length);
            }

            try
            {
                if (Exercise(buffer.AsSpan(0, length)))
                {
                    parsed++;
                }
            }
            catch (Exception exception)
            {
                Assert.Fail($"Iteration {iteration} (seed {seed}) threw {exception.GetType().Name} on "
                    + $"{Convert.ToHexString(buffer, 0, length)}: {exception}");
            }
        }

        // Length-field edits and flips in values keep many inputs parseable; make sure the deep paths ran.
        Assert.True(parsed > inputCount / 20, $"only {parsed} of {inputCount} mutated inputs parsed");
    }

    private static int Mutate(Random random, byte[] buffer, int length)
    {
        switch (random.Next(8))
        {
            case 0 when length > 0: // flip one bit
                buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                return length;
            case 1 when length > 0: // overwrite one byte
                buffer[random.Next(length)] = (byte)random.Next(256);
                return length;
            case 2: // truncate
                return random.Next(length + 1);
            case 3: // extend with random bytes
                int extra = random.Next(1, Slack / 4);
                int newLength = Math.Min(buffer.Length, length + extra);
                random.NextBytes(buffer.AsSpan(length, newLength - length));
                return newLength;
            case 4 when length >= StunMessageHeader.Length: // edit the header's length field, often to a multiple of 4
                int body = random.Next(3) == 0 ? random.Next(ushort.MaxValue + 1) : (length - StunMessageHeader.Length + (4 * random.Next(-3, 4)));
                BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(StunMessageHeader.LengthOffset), (ushort)Math.Clamp(body, 0, ushort.MaxValue));
                return length;
            case 5 when length >= StunMessageHeader.Length + StunAttribute.HeaderLength: // edit some attribute's length field
                int offset = AttributeOffset(random, buffer, length);
                int value = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(offset + StunAttribute.LengthOffset));
                value = random.Next(2) == 0 ? value + random.Next(-8, 9) : random.Next(ushort.MaxValue + 1);
                BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset + StunAttribute.LengthOffset), (ushort)Math.Clamp(value, 0, ushort.MaxValue));
                return length;
            case 6 when length >= StunMessageHeader.Length + StunAttribute.HeaderLength: // change some attribute's type
                int at = AttributeOffset(random, buffer, length);
                ushort[] types = [0x0001, 0x0006, 0x0008, 0x0009, 0x000A, 0x0020, 0x0024, 0x0025, 0x8028, 0x8029, 0x802A, 0x7FFF, 0x001C];
                BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at), types[random.Next(types.Length)]);
                return length;
            default: // realign the header's length field to the datagram, so more mutants pass the first check
                if (length >= StunMessageHeader.Length)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(StunMessageHeader.LengthOffset), (ushort)(length - StunMessageHeader.Length));
                }

                return length;
        }
    }

    // The offset of an attribute header found by walking the (possibly already mutated) message.
    private static int AttributeOffset(Random random, byte[] buffer, int length)
    {
        int offset = StunMessageHeader.Length;
        int steps = random.Next(6);
        for (int i = 0; i < steps; i++)
        {
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(offset + StunAttribute.LengthOffset));
            int next = offset + StunAttribute.HeaderLength + StunAttribute.PaddedLength(valueLength);
            if (next > length - StunAttribute.HeaderLength)
            {
                break;
            }

            offset = next;
        }

        return offset;
    }

    private static bool Exercise(ReadOnlySpan<byte> bytes)
    {
        StunMessageHeader.IsStunMessage(bytes);
        StunMessageHeader.TryGetMessageLength(bytes, out _);
        if (!StunMessageReader.TryParse(bytes, out StunMessageReader message))
        {
            return false;
        }

        _ = message.Type.ToString();
        _ = message.TransactionId.ToString();
        foreach (StunAttribute attribute in message)
        {
            _ = attribute.Value.Length;
        }

        Span<ushort> unknown = stackalloc ushort[4];
        message.CopyUnknownComprehensionRequired(unknown);
        _ = message.HasUnknownComprehensionRequired;
        message.TryGetUsername(out _);
        message.TryGetSoftware(out _);
        if (message.TryGetXorMappedAddress(out StunTransportAddress xorMapped))
        {
            _ = xorMapped.ToIPEndPoint();
        }

        message.TryGetMappedAddress(out _);
        message.TryGetPriority(out _);
        message.TryGetIceControlling(out _);
        message.TryGetIceControlled(out _);
        _ = message.HasUseCandidate;
        if (message.TryGetErrorCode(out StunErrorCode error))
        {
            _ = error.Code;
        }

        if (message.TryGetUnknownAttributes(out StunUnknownAttributes unknownAttributes))
        {
            for (int i = 0; i < unknownAttributes.Count; i++)
            {
                _ = unknownAttributes[i];
            }
        }

        message.VerifyMessageIntegrity(Rfc5769Vectors.Password);
        message.VerifyFingerprint();
        return true;
    }

    private static byte[][] BuildCorpus()
    {
        byte[] errorResponse = new byte[128];
        Assert.True(StunMessageWriter.TryCreate(errorResponse, StunMessageType.BindingErrorResponse, StunTransactionId.NewRandom(), out StunMessageWriter writer));
        Assert.True(writer.TryAppendErrorCode(new StunErrorCode(StunErrorCode.RoleConflict, "Role Conflict"u8)));
        Assert.True(writer.TryAppendUnknownAttributes([0x7001, 0x0002]));
        Assert.True(writer.TryAppendMappedAddress(new StunTransportAddress([10, 0, 0, 1], 3478)));
        Assert.True(writer.TryAppendUseCandidate());
        Assert.True(writer.TryAppendIceControlling(42));
        Assert.True(writer.TryAppendMessageIntegrity(Rfc5769Vectors.Password));
        Assert.True(writer.TryAppendFingerprint());
        byte[] built = writer.WrittenSpan.ToArray();

        return [Rfc5769Vectors.Request, Rfc5769Vectors.ResponseIPv4, Rfc5769Vectors.ResponseIPv6, built];
    }
}
