using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Packets;

/// <summary>
/// Seeded mutation fuzzing: real captures and writer-built packets holding every chunk type are bit-flipped,
/// truncated, extended, and have chunk, parameter and cause lengths, chunk types and SACK counts edited; every result
/// goes through the header, checksum, chunk reader and every chunk view with all of its accessors, and each chunk is
/// echoed through a writer. No exception may escape. A failing input is reported with its iteration and bytes so it
/// can be replayed.
/// </summary>
public class SctpMutationFuzzTests
{
    private const int Seed = 9260;
    private const int DefaultInputCount = 200_000;
    private const int LongInputCount = 1_000_000;
    private const int Slack = 64;

    private static readonly byte[] s_chunkTypes =
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 130, 192, 0x3F, 0x40, 0x80, 0xC1, 0xFF,
    ];

    private static readonly ushort[] s_parameterTypes =
    [
        SctpParameterType.HeartbeatInfo, SctpParameterType.StateCookie, SctpParameterType.OutgoingSsnResetRequest,
        SctpParameterType.IncomingSsnResetRequest, SctpParameterType.ReconfigurationResponse, SctpParameterType.SupportedExtensions,
        SctpParameterType.ForwardTsnSupported, 0x0000, 0x4001, 0xFFFF,
    ];

    [Fact]
    public void Mutated_packets_never_throw() => Run(DefaultInputCount, Seed);

    [Fact]
    [Trait("Category", "LongFuzz")]
    public void Mutated_packets_never_throw_long_pass() => Run(LongInputCount, Seed + 1);

    private static void Run(int inputCount, int seed)
    {
        byte[][] corpus = BuildCorpus();
        var random = new Random(seed);
        byte[] buffer = new byte[corpus.Max(static c => c.Length) + Slack];
        byte[] echo = new byte[buffer.Length + SctpCommonHeader.Size];
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
                if (Exercise(buffer.AsSpan(0, length), echo))
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

        // Length edits and flips in values keep many inputs parseable; make sure the deep paths ran.
        Assert.True(parsed > inputCount / 4, $"only {parsed} of {inputCount} mutated inputs had a chunk view parse");
    }

    private static int Mutate(Random random, byte[] buffer, int length)
    {
        switch (random.Next(10))
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
                int newLength = Math.Min(buffer.Length, length + random.Next(1, Slack / 4));
                random.NextBytes(buffer.AsSpan(length, newLength - length));
                return newLength;
            case 4 when ChunkOffset(random, buffer, length) is int chunk: // edit a chunk's length field
                EditLength(random, buffer, chunk + SctpTlv.LengthOffset);
                return length;
            case 5 when ChunkOffset(random, buffer, length) is int chunk: // change a chunk's type
                buffer[chunk] = s_chunkTypes[random.Next(s_chunkTypes.Length)];
                return length;
            case 6 when InnerTlvOffset(random, buffer, length) is int tlv: // edit a parameter's or cause's length
                EditLength(random, buffer, tlv + SctpTlv.LengthOffset);
                return length;
            case 7 when InnerTlvOffset(random, buffer, length) is int tlv: // change a parameter's type
                BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(tlv), s_parameterTypes[random.Next(s_parameterTypes.Length)]);
                return length;
            case 8 when ChunkOffset(random, buffer, length) is int chunk && chunk + 16 <= length: // SACK counts
                BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(chunk + 12 + (2 * random.Next(2))), (ushort)random.Next(-2, 8));
                return length;
            default: // make the checksum right again, so checksum-gated callers would see the mutant too
                SctpPacket.WriteChecksum(buffer.AsSpan(0, length));
                return length;
        }
    }

    private static void EditLength(Random random, byte[] buffer, int offset)
    {
        int value = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(offset));
        value = random.Next(3) switch
        {
            0 => value + random.Next(-8, 9),
            1 => random.Next(0, 9),
            _ => random.Next(ushort.MaxValue + 1),
        };
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset), (ushort)Math.Clamp(value, 0, ushort.MaxValue));
    }

    // The offset of a chunk header found by walking the (possibly already mutated) packet, or null.
    private static int? ChunkOffset(Random random, byte[] buffer, int length)
    {
        int offset = SctpCommonHeader.Size;
        if (length < offset + SctpChunk.HeaderSize)
        {
            return null;
        }

        int steps = random.Next(6);
        for (int i = 0; i < steps; i++)
        {
            int chunkLength = Math.Max(SctpChunk.HeaderSize, (int)BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(offset + SctpTlv.LengthOffset)));
            int next = offset + SctpTlv.Pad4(chunkLength);
            if (next > length - SctpChunk.HeaderSize)
            {
                break;
            }

            offset = next;
        }

        return offset;
    }

    // The offset of a parameter or cause header inside some chunk: where INIT, RE-CONFIG, HEARTBEAT, ABORT and ERROR
    // keep them, then walking a few along; or null.
    private static int? InnerTlvOffset(Random random, byte[] buffer, int length)
    {
        if (ChunkOffset(random, buffer, length) is not int chunk)
        {
            return null;
        }

        int offset = chunk + ((SctpChunkType)buffer[chunk] is SctpChunkType.Init or SctpChunkType.InitAck ? SctpInitChunk.FixedSize : SctpChunk.HeaderSize);
        if (offset > length - SctpTlv.HeaderSize)
        {
            return null;
        }

        int steps = random.Next(4);
        for (int i = 0; i < steps; i++)
        {
            int tlvLength = Math.Max(SctpTlv.HeaderSize, (int)BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(offset + SctpTlv.LengthOffset)));
            int next = offset + SctpTlv.Pad4(tlvLength);
            if (next > length - SctpTlv.HeaderSize)
            {
                break;
            }

            offset = next;
        }

        return offset;
    }

    private static bool Exercise(ReadOnlySpan<byte> packet, Span<byte> echoBuffer)
    {
        long sink = 0;
        if (SctpPacket.TryReadHeader(packet, out SctpCommonHeader header))
        {
            sink += header.SourcePort + header.DestinationPort + header.VerificationTag + header.Checksum;
        }

        sink += SctpPacket.HasValidChecksum(packet) ? 1 : 0;
        sink += SctpPacket.ComputeChecksum(packet);

        SctpChunkReader reader = SctpPacket.Chunks(packet);
        sink += reader.Count + (reader.IsMalformed ? 1 : 0);
        var echo = packet.Length >= SctpCommonHeader.Size ? new SctpPacketWriter(echoBuffer, 1, 2, 3) : default;
        bool anyView = false;
        while (reader.MoveNext())
        {
            SctpChunk chunk = reader.Current;
            sink += (byte)chunk.Type + chunk.Flags + chunk.Length + chunk.Value.Length + reader.CurrentOffset;
            sink += (int)chunk.UnknownChunkAction + (SctpChunk.IsKnownType((byte)chunk.Type) ? 1 : 0);
            anyView |= ExerciseChunk(chunk, ref echo, ref sink);
            echo.TryWriteRaw(chunk.Raw);
        }

        sink += echo.Finish();
        GC.KeepAlive(sink);
        return anyView;
    }

    private static bool ExerciseChunk(SctpChunk chunk, ref SctpPacketWriter echo, ref long sink)
    {
        bool parsed = false;
        if (SctpDataChunk.TryParse(chunk, out SctpDataChunk data))
        {
            parsed = true;
            sink += data.Tsn + data.StreamId + data.StreamSequenceNumber + data.PayloadProtocolId + data.UserData.Length + data.Flags;
            sink += (data.IsUnordered ? 1 : 0) + (data.IsBeginning ? 2 : 0) + (data.IsEnding ? 4 : 0) + (data.IsImmediate ? 8 : 0);
            echo.TryWriteData(
                data.Tsn, data.StreamId, data.StreamSequenceNumber, data.PayloadProtocolId, data.UserData,
                data.IsUnordered, data.IsBeginning, data.IsEnding, data.IsImmediate);
        }

        if (SctpDataChunk.IsWithoutUserData(chunk, out uint emptyTsn))
        {
            sink += emptyTsn;
        }

        if (SctpInitChunk.TryParse(chunk, out SctpInitChunk init))
        {
            parsed = true;
            sink += init.InitiateTag + init.AdvertisedReceiverWindowCredit + init.OutboundStreams + init.InboundStreams + init.InitialTsn;
            SctpParameterReader parameters = init.Parameters;
            sink += parameters.Count + (parameters.IsMalformed ? 1 : 0);
            foreach (SctpParameter parameter in parameters)
            {
                sink += parameter.Type + parameter.Length + parameter.Value.Length + (int)parameter.UnrecognizedAction;
                sink += ExerciseReconfigParameter(parameter);
            }

            sink += init.TryGetStateCookie(out ReadOnlySpan<byte> cookie) ? cookie.Length : 0;
            sink += init.TryGetSupportedExtensions(out ReadOnlySpan<byte> extensions) ? extensions.Length : 0;
            sink += (init.SupportsForwardTsn ? 1 : 0) + (init.SupportsReConfig ? 2 : 0);
            // The writer insists on a cookie in INIT ACK and none in INIT; give it what it needs.
            ReadOnlySpan<byte> echoedCookie = init.Type == SctpChunkType.Init ? default : cookie.IsEmpty ? [0] : cookie;
            echo.TryWriteInit(
                init.Type, init.InitiateTag, init.AdvertisedReceiverWindowCredit, init.OutboundStreams, init.InboundStreams,
                init.InitialTsn, echoedCookie, init.SupportsForwardTsn, init.SupportsReConfig);
        }

        if (SctpSackChunk.TryParse(chunk, out SctpSackChunk sack))
        {
            parsed = true;
            sink += sack.CumulativeTsnAck + sack.AdvertisedReceiverWindowCredit;
            Span<(ushort Start, ushort End)> gaps = stackalloc (ushort, ushort)[Math.Min(sack.GapAckBlockCount, 64)];
            for (int i = 0; i < sack.GapAckBlockCount; i++)
            {
                (ushort start, ushort end) = sack.GetGapAckBlock(i);
                sink += start + end;
                if (i < gaps.Length)
                {
                    gaps[i] = (start, end);
                }
            }

            for (int i = 0; i < sack.DuplicateTsnCount; i++)
            {
                sink += sack.GetDuplicateTsn(i);
            }

            echo.TryWriteSack(sack.CumulativeTsnAck, sack.AdvertisedReceiverWindowCredit, gaps, []);
        }

        if (SctpForwardTsnChunk.TryParse(chunk, out SctpForwardTsnChunk forwardTsn))
        {
            parsed = true;
            sink += forwardTsn.NewCumulativeTsn;
            for (int i = 0; i < forwardTsn.StreamCount; i++)
            {
                (ushort stream, ushort ssn) = forwardTsn.GetStream(i);
                sink += stream + ssn;
            }

            echo.TryWriteForwardTsn(forwardTsn.NewCumulativeTsn, []);
        }

        if (SctpHeartbeatChunk.TryParse(chunk, out SctpHeartbeatChunk heartbeat))
        {
            parsed = true;
            sink += (byte)heartbeat.Type + heartbeat.Info.Length + heartbeat.InfoParameter.Length;
            echo.TryWriteHeartbeatAck(heartbeat.Info);
        }

        if (SctpShutdownChunk.TryParse(chunk, out SctpShutdownChunk shutdown))
        {
            parsed = true;
            sink += shutdown.CumulativeTsnAck;
            echo.TryWriteShutdown(shutdown.CumulativeTsnAck);
        }

        if (SctpAbortChunk.TryParse(chunk, out SctpAbortChunk abort))
        {
            parsed = true;
            sink += (byte)abort.Type + (abort.TagReflected ? 1 : 0) + (SctpAbortChunk.IsTagReflected(chunk) ? 1 : 0);
            sink += ExerciseCauses(abort.Causes, ref echo);
        }

        if (SctpErrorChunk.TryParse(chunk, out SctpErrorChunk error))
        {
            parsed = true;
            sink += ExerciseCauses(error.Causes, ref echo);
        }

        if (SctpReconfigChunk.TryParse(chunk, out SctpReconfigChunk reconfig))
        {
            parsed = true;
            SctpParameterReader parameters = reconfig.Parameters;
            sink += parameters.Count + (parameters.IsMalformed ? 1 : 0);
            foreach (SctpParameter parameter in parameters)
            {
                sink += parameter.Type + parameter.Raw.Length + ExerciseReconfigParameter(parameter);
            }

            if (reconfig.TryGetOutgoingResetRequest(out SctpOutgoingResetRequest outgoing))
            {
                sink += outgoing.RequestSequence;
                echo.TryWriteReconfigOutgoingReset(outgoing.RequestSequence, outgoing.ResponseSequence, outgoing.SendersLastAssignedTsn, []);
            }

            if (reconfig.TryGetIncomingResetRequest(out SctpIncomingResetRequest incoming))
            {
                sink += incoming.RequestSequence;
            }

            if (reconfig.TryGetResponse(out SctpReconfigResponse response))
            {
                sink += response.ResponseSequence;
                echo.TryWriteReconfigResponse(response.ResponseSequence, response.Result);
            }
        }

        return parsed;
    }

    private static long ExerciseCauses(SctpErrorCauseReader causes, ref SctpPacketWriter echo)
    {
        long sink = causes.Count + (causes.IsMalformed ? 1 : 0);
        foreach ((ushort code, ReadOnlySpan<byte> info) in causes)
        {
            sink += code + info.Length;
            echo.TryWriteError(code, info);
        }

        return sink;
    }

    private static long ExerciseReconfigParameter(SctpParameter parameter)
    {
        long sink = 0;
        if (SctpOutgoingResetRequest.TryParse(parameter, out SctpOutgoingResetRequest outgoing))
        {
            sink += outgoing.RequestSequence + outgoing.ResponseSequence + outgoing.SendersLastAssignedTsn;
            for (int i = 0; i < outgoing.StreamCount; i++)
            {
                sink += outgoing.GetStreamId(i);
            }
        }

        if (SctpIncomingResetRequest.TryParse(parameter, out SctpIncomingResetRequest incoming))
        {
            sink += incoming.RequestSequence;
            for (int i = 0; i < incoming.StreamCount; i++)
            {
                sink += incoming.GetStreamId(i);
            }
        }

        if (SctpReconfigResponse.TryParse(parameter, out SctpReconfigResponse response))
        {
            sink += response.ResponseSequence + (uint)response.Result;
            sink += response.HasNextTsns ? response.SendersNextTsn + response.ReceiversNextTsn : 0;
        }

        return sink;
    }

    private static byte[][] BuildCorpus()
    {
        var corpus = new List<byte[]>(SctpCaptures.All)
        {
            SctpTestPackets.Build((ref SctpPacketWriter w) =>
                w.TryWriteInit(SctpChunkType.Init, 0x11223344, 131072, 65535, 65535, 77, [], true, true)),
            SctpTestPackets.Build((ref SctpPacketWriter w) =>
                w.TryWriteInit(SctpChunkType.InitAck, 0x55667788, 131072, 16, 16, 78, new byte[37], true, false)),
            SctpTestPackets.Build((ref SctpPacketWriter w) =>
                w.TryWriteSack(100, 5000, [(2, 3), (5, 9)], [101, 104])
                && w.TryWriteData(101, 1, 2, 51, "hello"u8, false, true, true)
                && w.TryWriteData(102, 1, 0, 53, new byte[33], true, true, false, immediate: true)
                && w.TryWriteForwardTsn(99, [(1, 2), (3, 4)])
                && w.TryWriteHeartbeat(new byte[13])),
            SctpTestPackets.Build((ref SctpPacketWriter w) =>
                w.TryWriteError(SctpErrorCauseCode.UnrecognizedChunkType, [0x41, 0, 0, 5, 9])
                && w.TryWriteAbort(true, SctpErrorCauseCode.UserInitiatedAbort, "bye"u8)),
            SctpTestPackets.Build((ref SctpPacketWriter w) =>
                w.TryWriteReconfigResponseAndOutgoingReset(1, SctpReconfigResult.SuccessPerformed, 2, 3, 4, [5, 6, 7])
                && w.TryWriteReconfigIncomingReset(8, [9])
                && w.TryWriteReconfigResponse(10, SctpReconfigResult.InProgress)),
            SctpTestPackets.Build((ref SctpPacketWriter w) =>
                w.TryWriteCookieEcho(new byte[22]) && w.TryWriteCookieAck() && w.TryWriteShutdown(5) && w.TryWriteShutdownAck()
                && w.TryWriteShutdownComplete(true) && w.TryWriteHeartbeatAck(new byte[8]) && w.TryWriteAbort(false)
                && w.TryWriteRaw([0xC7, 0x01, 0x00, 0x07, 1, 2, 3])),
        };
        foreach (byte[] packet in corpus)
        {
            Assert.False(SctpPacket.Chunks(packet).IsMalformed);
        }

        return corpus.ToArray();
    }
}
