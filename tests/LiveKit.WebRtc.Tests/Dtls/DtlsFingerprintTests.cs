using System;
using System.Text.RegularExpressions;
using LiveKit.WebRtc.Dtls;
using Xunit;

namespace LiveKit.WebRtc.Tests.Dtls;

public class DtlsFingerprintTests
{
    [Fact]
    public void Certificate_fingerprint_is_sdp_sha256_form_and_parses_back()
    {
        DtlsCertificate certificate = DtlsCertificate.Shared;
        string text = certificate.Fingerprint.ToString();

        Assert.Matches(new Regex("^sha-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}$"), text);
        Assert.True(DtlsFingerprint.TryParse(text, out DtlsFingerprint? parsed));
        Assert.Equal(certificate.Fingerprint, parsed);
        Assert.Equal(32, parsed.Value.Length);
        Assert.True(parsed.Matches(certificate.Der));
    }

    [Fact]
    public void Shared_certificate_is_made_once()
    {
        Assert.Same(DtlsCertificate.Shared, DtlsCertificate.Shared);
    }

    [Fact]
    public void Parse_accepts_lower_case_hex_and_upper_case_algorithm()
    {
        DtlsFingerprint expected = DtlsCertificate.Shared.Fingerprint;
        string text = "SHA-256 " + expected.ToString()["sha-256 ".Length..].ToLowerInvariant();

        Assert.Equal(expected, DtlsFingerprint.Parse(text));
    }

    [Theory]
    [InlineData("sha-1", 20)]
    [InlineData("sha-384", 48)]
    [InlineData("sha-512", 64)]
    public void Other_hash_functions_compute_parse_and_match(string algorithm, int length)
    {
        DtlsFingerprint fingerprint = DtlsFingerprint.Compute(DtlsCertificate.Shared.Der, algorithm);

        Assert.Equal(length, fingerprint.Value.Length);
        DtlsFingerprint parsed = DtlsFingerprint.Parse(fingerprint.ToString());
        Assert.Equal(fingerprint, parsed);
        Assert.True(parsed.Matches(DtlsCertificate.Shared.Der));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha-256")]
    [InlineData("md5 AB:CD")]
    [InlineData("sha-256 AB:CD")]
    [InlineData("sha-256 ZZ:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00")]
    [InlineData("sha-256 000:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:0")]
    public void Malformed_fingerprints_are_rejected(string text)
    {
        Assert.False(DtlsFingerprint.TryParse(text, out _));
        Assert.Throws<FormatException>(() => DtlsFingerprint.Parse(text));
    }

    [Fact]
    public void Fingerprint_of_another_certificate_does_not_match()
    {
        Assert.False(DtlsTransportTests.OtherCertificate.Fingerprint.Matches(DtlsCertificate.Shared.Der));
    }
}
