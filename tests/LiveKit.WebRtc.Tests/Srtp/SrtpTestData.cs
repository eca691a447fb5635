using System;
using LiveKit.WebRtc.Srtp;

namespace LiveKit.WebRtc.Tests.Srtp;

/// <summary>Packet builders and keys shared by the SRTP tests.</summary>
internal static class SrtpTestData
{
    public static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", string.Empty).Replace("\n", string.Empty).Replace("\r", string.Empty));

    public static byte[] MasterKey(SrtpProtectionProfile profile, byte seed)
    {
        byte[] key = new byte[profile.GetMasterKeyLength()];
        for (int i = 0; i < key.Length; i++)
        {
            key[i] = (byte)(seed + (i * 7));
        }

        return key;
    }

    public static byte[] MasterSalt(SrtpProtectionProfile profile, byte seed)
    {
        byte[] salt = new byte[profile.GetMasterSaltLength()];
        for (int i = 0; i < salt.Length; i++)
        {
            salt[i] = (byte)(seed ^ (i * 13));
        }

        return salt;
    }

    public static (SrtpContext Sender, SrtpContext Receiver) Pair(SrtpProtectionProfile profile)
    {
        byte[] key = MasterKey(profile, 0x11);
        byte[] salt = MasterSalt(profile, 0x5A);
        return (new SrtpContext(profile, key, salt), new SrtpContext(profile, key, salt));
    }

    /// <summary>Writes an RTP packet (optionally with one CSRC and a one-word header extension) and returns its length.</summary>
    public static int WriteRtp(Span<byte> buffer, ushort sequence, uint ssrc, int payloadLength, bool withExtension = false)
    {
        int offset = 0;
        buffer[offset++] = (byte)(withExtension ? 0x91 : 0x80);
        buffer[offset++] = 96;
        buffer[offset++] = (byte)(sequence >> 8);
        buffer[offset++] = (byte)sequence;
        uint timestamp = sequence * 960u;
        buffer[offset++] = (byte)(timestamp >> 24);
        buffer[offset++] = (byte)(timestamp >> 16);
        buffer[offset++] = (byte)(timestamp >> 8);
        buffer[offset++] = (byte)timestamp;
        buffer[offset++] = (byte)(ssrc >> 24);
        buffer[offset++] = (byte)(ssrc >> 16);
        buffer[offset++] = (byte)(ssrc >> 8);
        buffer[offset++] = (byte)ssrc;
        if (withExtension)
        {
            // One CSRC, then a one-byte-header extension of one word.
            buffer[offset++] = 0xCA;
            buffer[offset++] = 0xFE;
            buffer[offset++] = 0xBA;
            buffer[offset++] = 0xBE;
            buffer[offset++] = 0xBE;
            buffer[offset++] = 0xDE;
            buffer[offset++] = 0x00;
            buffer[offset++] = 0x01;
            buffer[offset++] = 0x10;
            buffer[offset++] = 0x42;
            buffer[offset++] = 0x00;
            buffer[offset++] = 0x00;
        }

        for (int i = 0; i < payloadLength; i++)
        {
            buffer[offset++] = (byte)(i + sequence);
        }

        return offset;
    }

    /// <summary>Writes a sender report with one report block and returns its length.</summary>
    public static int WriteRtcp(Span<byte> buffer, uint ssrc, byte fill)
    {
        const int length = 52;
        buffer[0] = 0x81;
        buffer[1] = 200;
        buffer[2] = 0;
        buffer[3] = (length / 4) - 1;
        buffer[4] = (byte)(ssrc >> 24);
        buffer[5] = (byte)(ssrc >> 16);
        buffer[6] = (byte)(ssrc >> 8);
        buffer[7] = (byte)ssrc;
        for (int i = 8; i < length; i++)
        {
            buffer[i] = (byte)(fill + i);
        }

        return length;
    }
}
