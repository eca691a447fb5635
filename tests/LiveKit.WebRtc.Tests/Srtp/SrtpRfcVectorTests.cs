using System;
using LiveKit.WebRtc.Srtp;
using Xunit;
using static LiveKit.WebRtc.Tests.Srtp.SrtpTestData;

namespace LiveKit.WebRtc.Tests.Srtp;

public class SrtpRfcVectorTests
{
    // RFC 3711 Appendix B.2: session key, and the IV (offset) with SSRC, ROC and SEQ all zero.
    private const string B2SessionKey = "2B7E151628AED2A6ABF7158809CF4F3C";
    private const string B2Offset = "F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000";

    // RFC 3711 Appendix B.3 master key and salt.
    private const string B3MasterKey = "E1F97A0D3E018BE0D64FA32C06DE4139";
    private const string B3MasterSalt = "0EC675AD498AFEEBB6960B3AABE6";

    // RFC 7714 §16 and §17 (AES-128-GCM): key, salt, and the packets; the same values appear in pion/srtp's
    // srtp_cipher_aead_aes_gcm_rfc_test.go. Key and salt are used as SRTP and SRTCP session values.
    private const string GcmKey = "000102030405060708090a0b0c0d0e0f";
    private const string GcmSalt = "517569642070726f2071756f";
    private const string GcmRtpPlain = "8040f17b8041f8d35501a0b247616c6c696120657374206f6d6e697320646976697361" +
        "20696e207061727465732074726573";
    private const string GcmRtpProtected = "8040f17b8041f8d35501a0b2f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a" +
        "51c7d19b36de3adf8833899d7f27beb16a9152cf765ee4390cce";
    private const string GcmRtcpPlain = "81c8000d4d6172734e5450314e54503252545020 0000042a0000e9304c756e61deadbeefdeadbeef" +
        "deadbeefdeadbeefdeadbeef";
    private const string GcmRtcpProtected = "81c8000d4d61727363e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda" +
        "4ce09b4686303ded0bb9275bc84aa45896cf4d2fc5abf87245d9eade800005d4";
    private const string GcmRtcpAuthenticatedOnly = "81c8000d4d6172734e5450314e54503252545020 0000042a0000e9304c756e61" +
        "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef841dd9683dd78ec92ae58790125f62b3000005d4";
    private const uint GcmRtcpSsrc = 0x4d617273;
    private const uint GcmRtcpIndex = 0x5d4;

    [Fact]
    public void Aes_cm_keystream_matches_rfc3711_B2()
    {
        byte[] iv = Hex(B2Offset);
        using var cipher = new AesCounterMode(Hex(B2SessionKey));

        // The keystream segment is 65282 blocks; the RFC lists the first three and the last three.
        byte[] keystream = new byte[65282 * AesCounterMode.BlockLength];
        cipher.Apply(iv, keystream);

        Assert.Equal("E03EAD0935C95E80E166B16DD92B4EB4", Block(keystream, 0x0000));
        Assert.Equal("D23513162B02D0F72A43A2FE4A5F97AB", Block(keystream, 0x0001));
        Assert.Equal("41E95B3BB0A2E8DD477901E4FCA894C0", Block(keystream, 0x0002));
        Assert.Equal("EC8CDF7398607CB0F2D21675EA9EA1E4", Block(keystream, 0xFEFF));
        Assert.Equal("362B7C3C6773516318A077D7FC5073AE", Block(keystream, 0xFF00));
        Assert.Equal("6A2CC3787889374FBEB4C81B17BA6C44", Block(keystream, 0xFF01));
    }

    [Fact]
    public void Aes_cm_keystream_is_its_own_inverse_for_odd_lengths()
    {
        byte[] data = new byte[1500 + 7];
        new Random(7).NextBytes(data);
        byte[] original = (byte[])data.Clone();
        using var cipher = new AesCounterMode(Hex(B2SessionKey));

        cipher.Apply(Hex(B2Offset), data);
        Assert.NotEqual(original, data);
        cipher.Apply(Hex(B2Offset), data);
        Assert.Equal(original, data);
    }

    [Theory]
    [InlineData(SrtpKeyLabel.RtpEncryption, 16, "C61E7A93744F39EE10734AFE3FF7A087")]
    [InlineData(SrtpKeyLabel.RtpSalt, 14, "30CBBC08863D8C85D49DB34A9AE1")]
    [InlineData(SrtpKeyLabel.RtpAuthentication, 94,
        "CEBE321F6FF7716B6FD4AB49AF256A15" + "6D38BAA48F0A0ACF3C34E2359E6CDBCE" + "E049646C43D9327AD175578EF7227098" +
        "6371C10C9A369AC2F94A8C5FBCDDDC25" + "6D6E919A48B610EF17C2041E47403576" + "6B68642C59BBFC2F34DB60DBDFB2")]
    public void Key_derivation_matches_rfc3711_B3(byte label, int length, string expected)
    {
        byte[] output = new byte[length];

        SrtpKeyDerivation.Derive(Hex(B3MasterKey), Hex(B3MasterSalt), label, output);

        Assert.Equal(expected, Convert.ToHexString(output));
    }

    [Fact]
    public void Gcm_rtp_protect_matches_rfc7714_section_16()
    {
        using SrtpContext context = GcmVectorContext();
        byte[] plain = Hex(GcmRtpPlain);
        byte[] buffer = new byte[plain.Length + context.RtpOverhead];
        plain.CopyTo(buffer, 0);

        Assert.Equal(SrtpStatus.Ok, context.ProtectRtp(buffer, plain.Length, out int protectedLength));

        Assert.Equal(GcmRtpProtected, Convert.ToHexString(buffer, 0, protectedLength).ToLowerInvariant());
    }

    [Fact]
    public void Gcm_rtp_unprotect_matches_rfc7714_section_16()
    {
        using SrtpContext context = GcmVectorContext();
        byte[] packet = Hex(GcmRtpProtected);

        Assert.Equal(SrtpStatus.Ok, context.UnprotectRtp(packet, out int length));

        Assert.Equal(GcmRtpPlain, Convert.ToHexString(packet, 0, length).ToLowerInvariant());
    }

    [Fact]
    public void Gcm_rtcp_protect_matches_rfc7714_section_17()
    {
        using SrtpContext context = GcmVectorContext();
        context.SetNextSrtcpIndex(GcmRtcpSsrc, GcmRtcpIndex);
        byte[] plain = Hex(GcmRtcpPlain);
        byte[] buffer = new byte[plain.Length + context.RtcpOverhead];
        plain.CopyTo(buffer, 0);

        Assert.Equal(SrtpStatus.Ok, context.ProtectRtcp(buffer, plain.Length, out int protectedLength));

        Assert.Equal(GcmRtcpProtected, Convert.ToHexString(buffer, 0, protectedLength).ToLowerInvariant());
    }

    [Fact]
    public void Gcm_rtcp_unprotect_matches_rfc7714_section_17()
    {
        using SrtpContext context = GcmVectorContext();
        byte[] packet = Hex(GcmRtcpProtected);

        Assert.Equal(SrtpStatus.Ok, context.UnprotectRtcp(packet, out int length));

        Assert.Equal(Hex(GcmRtcpPlain), packet.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void Gcm_rtcp_authenticated_only_packet_verifies_per_rfc7714_section_17()
    {
        using SrtpContext context = GcmVectorContext();
        byte[] packet = Hex(GcmRtcpAuthenticatedOnly);

        Assert.Equal(SrtpStatus.Ok, context.UnprotectRtcp(packet, out int length));

        Assert.Equal(Hex(GcmRtcpPlain), packet.AsSpan(0, length).ToArray());
    }

    private static SrtpContext GcmVectorContext()
    {
        byte[] key = Hex(GcmKey);
        byte[] salt = Hex(GcmSalt);
        return new SrtpContext(SrtpProtectionProfile.AeadAes128Gcm, new AesGcmCipher(key, salt, key, salt));
    }

    private static string Block(byte[] keystream, int block) =>
        Convert.ToHexString(keystream, block * AesCounterMode.BlockLength, AesCounterMode.BlockLength);
}
