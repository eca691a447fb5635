using LiveKit.WebRtc.Srtp;
using Xunit;

namespace LiveKit.Interop.Tests;

/// <summary>The cases every peer is tested in: who offers (so each side is DTLS client once), and each SRTP profile.</summary>
public static class InteropCases
{
    /// <summary>(we offer, SRTP profile) for every combination.</summary>
    public static TheoryData<bool, SrtpProtectionProfile> OfferDirectionsAndProfiles() => new()
    {
        { true, SrtpProtectionProfile.Aes128CmHmacSha1_80 },
        { true, SrtpProtectionProfile.AeadAes128Gcm },
        { false, SrtpProtectionProfile.Aes128CmHmacSha1_80 },
        { false, SrtpProtectionProfile.AeadAes128Gcm },
    };
}
