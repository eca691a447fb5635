using System;
using System.Collections.Generic;
using LiveKit.WebRtc.Srtp;
using Xunit;
using static LiveKit.WebRtc.Tests.Srtp.SrtpTestData;

namespace LiveKit.WebRtc.Tests.Srtp;

public class SrtpContextTests
{
    private const uint Ssrc = 0x1234_5678;

    public static IEnumerable<object[]> Profiles() =>
    [
        [(ushort)SrtpProtectionProfile.Aes128CmHmacSha1_80],
        [(ushort)SrtpProtectionProfile.AeadAes128Gcm],
    ];

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rtp_round_trips_for_payload_sizes_and_header_extensions(ushort profileValue)
    {
        var profile = (SrtpProtectionProfile)profileValue;
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            ushort sequence = 100;
            foreach (bool withExtension in new[] { false, true })
            {
                foreach (int payloadLength in new[] { 0, 1, 15, 16, 17, 160, 1200, 1400 })
                {
                    byte[] buffer = new byte[1500];
                    int length = WriteRtp(buffer, sequence++, Ssrc, payloadLength, withExtension);
                    byte[] original = buffer.AsSpan(0, length).ToArray();

                    Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
                    Assert.Equal(length + sender.RtpOverhead, protectedLength);
                    if (payloadLength > 0)
                    {
                        Assert.NotEqual(original, buffer.AsSpan(0, length).ToArray());
                    }

                    Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(buffer.AsSpan(0, protectedLength), out int unprotectedLength));
                    Assert.Equal(original, buffer.AsSpan(0, unprotectedLength).ToArray());
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rollover_counter_advances_across_sequence_wrap_on_both_sides(ushort profileValue)
    {
        var profile = (SrtpProtectionProfile)profileValue;
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[] buffer = new byte[256];
            for (int i = 0; i < 12; i++)
            {
                ushort sequence = (ushort)(65530 + i);
                int length = WriteRtp(buffer, sequence, Ssrc, 40);
                byte[] original = buffer.AsSpan(0, length).ToArray();
                Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
                Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(buffer.AsSpan(0, protectedLength), out int plainLength));
                Assert.Equal(original, buffer.AsSpan(0, plainLength).ToArray());
            }

            Assert.Equal(1u, sender.GetRolloverCounter(Ssrc));
            Assert.Equal(1u, receiver.GetRolloverCounter(Ssrc));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Late_packet_from_before_the_wrap_keeps_the_old_rollover_counter(ushort profileValue)
    {
        var profile = (SrtpProtectionProfile)profileValue;
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[] before = Protect(sender, 65534, out int beforeLength);
            byte[] late = Protect(sender, 65535, out int lateLength);
            byte[] first = Protect(sender, 0, out int firstLength);
            byte[] second = Protect(sender, 1, out int secondLength);

            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(before.AsSpan(0, beforeLength), out _));
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(first.AsSpan(0, firstLength), out _));
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(second.AsSpan(0, secondLength), out _));

            // Sequence 65535 arrives after 0 and 1; the sender sent it with the previous ROC.
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(late.AsSpan(0, lateLength), out _));
            Assert.Equal(1u, receiver.GetRolloverCounter(Ssrc));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Replayed_packet_is_rejected(ushort profileValue)
    {
        var profile = (SrtpProtectionProfile)profileValue;
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[] packet = Protect(sender, 7, out int length);
            byte[] copy = packet.AsSpan(0, length).ToArray();

            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(packet.AsSpan(0, length), out _));
            Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtp(copy, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Out_of_order_packet_within_window_is_accepted_once_and_too_old_is_rejected(ushort profileValue)
    {
        var profile = (SrtpProtectionProfile)profileValue;
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            var packets = new List<byte[]>();
            for (ushort sequence = 1000; sequence < 1100; sequence++)
            {
                byte[] packet = Protect(sender, sequence, out int length);
                packets.Add(packet.AsSpan(0, length).ToArray());
            }

            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(packets[99].AsSpan().ToArray(), out _));

            // 1099 - 1050 = 49 behind: inside the 64-packet window, accepted once.
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(packets[50].AsSpan().ToArray(), out _));
            Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtp(packets[50].AsSpan().ToArray(), out _));

            // 1099 - 1030 = 69 behind: outside the window.
            Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtp(packets[30].AsSpan().ToArray(), out _));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Tampered_byte_fails_authentication_and_does_not_advance_state(ushort profileValue)
    {
        var profile = (SrtpProtectionProfile)profileValue;
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[] packet = Protect(sender, 42, out int length);
            byte[] pristine = packet.AsSpan(0, length).ToArray();

            for (int position = 0; position < length; position++)
            {
                byte[] tampered = (byte[])pristine.Clone();
                tampered[position] ^= 0x01;
                SrtpStatus status = receiver.UnprotectRtp(tampered, out _);
                // Flipping a header bit that breaks the header (version, CC, X) is Malformed; all else fails the tag.
                Assert.True(status is SrtpStatus.AuthenticationFailed or SrtpStatus.Malformed, $"byte {position}: {status}");
            }

            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(pristine, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Packet_from_another_key_fails_authentication(ushort profileValue)
    {
        var profile = (SrtpProtectionProfile)profileValue;
        using var sender = new SrtpContext(profile, MasterKey(profile, 1), MasterSalt(profile, 2));
        using var receiver = new SrtpContext(profile, MasterKey(profile, 3), MasterSalt(profile, 2));
        byte[] packet = Protect(sender, 1, out int length);

        Assert.Equal(SrtpStatus.AuthenticationFailed, receiver.UnprotectRtp(packet.AsSpan(0, length), out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rtcp_round_trips_replay_is_rejected_and_tamper_fails(ushort profileValue)
    {
        var profile = (SrtpProtectionProfile)profileValue;
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            for (int i = 0; i < 5; i++)
            {
                byte[] buffer = new byte[128];
                int length = WriteRtcp(buffer, Ssrc, (byte)i);
                byte[] original = buffer.AsSpan(0, length).ToArray();

                Assert.Equal(SrtpStatus.Ok, sender.ProtectRtcp(buffer, length, out int protectedLength));
                Assert.Equal(length + sender.RtcpOverhead, protectedLength);
                Assert.Equal(original.AsSpan(0, 8).ToArray(), buffer.AsSpan(0, 8).ToArray());
                Assert.NotEqual(original.AsSpan(8).ToArray(), buffer.AsSpan(8, length - 8).ToArray());

                byte[] copy = buffer.AsSpan(0, protectedLength).ToArray();
                byte[] tampered = buffer.AsSpan(0, protectedLength).ToArray();
                tampered[20] ^= 0x80;

                Assert.Equal(SrtpStatus.AuthenticationFailed, receiver.UnprotectRtcp(tampered, out _));
                Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcp(buffer.AsSpan(0, protectedLength), out int plainLength));
                Assert.Equal(original, buffer.AsSpan(0, plainLength).ToArray());
                Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtcp(copy, out _));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Protect_reports_malformed_and_short_buffers(ushort profileValue)
    {
        var profile = (SrtpProtectionProfile)profileValue;
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            byte[] buffer = new byte[64];
            int length = WriteRtp(buffer, 1, Ssrc, 10);

            Assert.Equal(SrtpStatus.BufferTooSmall, sender.ProtectRtp(buffer.AsSpan(0, length + 3), length, out _));
            Assert.Equal(SrtpStatus.Malformed, sender.ProtectRtp(buffer, 11, out _));
            Assert.Equal(SrtpStatus.Malformed, sender.ProtectRtp(buffer, 65, out _));
            Assert.Equal(SrtpStatus.Malformed, sender.ProtectRtcp(buffer, 7, out _));
            Assert.Equal(SrtpStatus.Malformed, receiver.UnprotectRtp(buffer.AsSpan(0, 12), out _));
            Assert.Equal(SrtpStatus.Malformed, receiver.UnprotectRtcp(buffer.AsSpan(0, 12), out _));
        }
    }

    [Fact]
    public void Srtcp_index_exhaustion_is_reported()
    {
        var (sender, receiver) = Pair(SrtpProtectionProfile.Aes128CmHmacSha1_80);
        using (sender)
        using (receiver)
        {
            sender.SetNextSrtcpIndex(Ssrc, SrtpCipher.SrtcpIndexMask);
            byte[] buffer = new byte[128];
            int length = WriteRtcp(buffer, Ssrc, 0);

            Assert.Equal(SrtpStatus.Ok, sender.ProtectRtcp(buffer, length, out _));
            length = WriteRtcp(buffer, Ssrc, 0);
            Assert.Equal(SrtpStatus.IndexExhausted, sender.ProtectRtcp(buffer, length, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Keying_material_splits_exporter_output_in_rfc5764_order(ushort profileValue)
    {
        var profile = (SrtpProtectionProfile)profileValue;
        int keyLength = profile.GetMasterKeyLength();
        int saltLength = profile.GetMasterSaltLength();
        byte[] exporter = new byte[SrtpKeyingMaterial.GetExporterLength(profile)];
        for (int i = 0; i < exporter.Length; i++)
        {
            exporter[i] = (byte)i;
        }

        Assert.True(SrtpKeyingMaterial.TryCreate(profile, exporter, out SrtpKeyingMaterial? material));
        Assert.Equal(exporter.AsSpan(0, keyLength).ToArray(), material.ClientMasterKey.ToArray());
        Assert.Equal(exporter.AsSpan(keyLength, keyLength).ToArray(), material.ServerMasterKey.ToArray());
        Assert.Equal(exporter.AsSpan(2 * keyLength, saltLength).ToArray(), material.ClientMasterSalt.ToArray());
        Assert.Equal(exporter.AsSpan((2 * keyLength) + saltLength, saltLength).ToArray(), material.ServerMasterSalt.ToArray());
        Assert.False(SrtpKeyingMaterial.TryCreate(profile, exporter.AsSpan(1), out _));

        // The client's outbound context talks to the server's inbound one, and the other way round.
        using SrtpContext clientOut = material.CreateOutboundContext(isDtlsClient: true);
        using SrtpContext serverIn = material.CreateInboundContext(isDtlsClient: false);
        using SrtpContext serverOut = material.CreateOutboundContext(isDtlsClient: false);
        using SrtpContext clientIn = material.CreateInboundContext(isDtlsClient: true);
        byte[] packet = Protect(clientOut, 5, out int length);
        Assert.Equal(SrtpStatus.Ok, serverIn.UnprotectRtp(packet.AsSpan(0, length), out _));
        packet = Protect(serverOut, 5, out length);
        Assert.Equal(SrtpStatus.Ok, clientIn.UnprotectRtp(packet.AsSpan(0, length), out _));
    }

    private static byte[] Protect(SrtpContext sender, ushort sequence, out int protectedLength)
    {
        byte[] buffer = new byte[256];
        int length = WriteRtp(buffer, sequence, Ssrc, 100);
        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(buffer, length, out protectedLength));
        return buffer;
    }
}
