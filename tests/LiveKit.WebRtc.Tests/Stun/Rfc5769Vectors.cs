using System;
using System.Text;

namespace LiveKit.WebRtc.Tests.Stun;

/// <summary>The test vectors of RFC 5769 §2.1-§2.3, byte for byte. They are self-verifying: each carries a
/// MESSAGE-INTEGRITY and a FINGERPRINT over the rest.</summary>
internal static class Rfc5769Vectors
{
    /// <summary>The short-term credential password of all three vectors.</summary>
    public static byte[] Password => Encoding.UTF8.GetBytes("VOkJxbRl1RmTxUk/WvJxBt");

    public static readonly byte[] TransactionId = Convert.FromHexString("b7e7a701bc34d686fa87dfae");

    /// <summary>§2.1 Sample Request.</summary>
    public static byte[] Request => Convert.FromHexString(
        "00010058" + "2112a442" + "b7e7a701bc34d686fa87dfae"
        + "80220010" + "5354554e20746573742063" + "6c69656e74"     // SOFTWARE "STUN test client"
        + "00240004" + "6e0001ff"                                    // PRIORITY
        + "80290008" + "932ff9b151263b36"                            // ICE-CONTROLLED
        + "00060009" + "6576746a3a68367659" + "202020"               // USERNAME "evtj:h6vY" + space padding
        + "00080014" + "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"    // MESSAGE-INTEGRITY
        + "80280004" + "e57a3bcf");                                  // FINGERPRINT

    /// <summary>§2.2 Sample IPv4 Response.</summary>
    public static byte[] ResponseIPv4 => Convert.FromHexString(
        "0101003c" + "2112a442" + "b7e7a701bc34d686fa87dfae"
        + "8022000b" + "7465737420766563746f72" + "20"               // SOFTWARE "test vector" + space padding
        + "00200008" + "0001a147" + "e112a643"                       // XOR-MAPPED-ADDRESS 192.0.2.1:32853
        + "00080014" + "2b91f599fd9e90c38c7489f92af9ba53f06be7d7"    // MESSAGE-INTEGRITY
        + "80280004" + "c07d4c96");                                  // FINGERPRINT

    /// <summary>§2.3 Sample IPv6 Response.</summary>
    public static byte[] ResponseIPv6 => Convert.FromHexString(
        "01010048" + "2112a442" + "b7e7a701bc34d686fa87dfae"
        + "8022000b" + "7465737420766563746f72" + "20"               // SOFTWARE "test vector" + space padding
        + "00200014" + "0002a147" + "0113a9faa5d3f179bc25f4b5bed2b9d9" // XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853
        + "00080014" + "a382954e4be67bf11784c97c8292c275bfe3ed41"    // MESSAGE-INTEGRITY
        + "80280004" + "c8fb0b4c");                                  // FINGERPRINT

    public const string RequestSoftware = "STUN test client";
    public const uint RequestPriority = 0x6e0001ff;
    public const ulong RequestIceControlledTieBreaker = 0x932ff9b151263b36;
    public const string RequestUsername = "evtj:h6vY";
    public const string ResponseSoftware = "test vector";
    public const string MappedIPv4 = "192.0.2.1";
    public const string MappedIPv6 = "2001:db8:1234:5678:11:2233:4455:6677";
    public const int MappedPort = 32853;
}
