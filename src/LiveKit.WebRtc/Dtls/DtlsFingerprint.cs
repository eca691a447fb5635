using System;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// A certificate fingerprint as carried in SDP <c>a=fingerprint</c> (RFC 8122 §5, RFC 5763 §5):
/// a hash function name and the hash of the DER certificate, written as upper-case hex pairs joined by colons,
/// e.g. <c>sha-256 AB:CD:...</c>.
/// </summary>
public sealed class DtlsFingerprint : IEquatable<DtlsFingerprint>
{
    /// <summary>The hash function WebRTC endpoints use (RFC 8827 §6.5 requires sha-256 support).</summary>
    public const string Sha256 = "sha-256";

    /// <summary>SHA-1, still accepted when a peer sends it (RFC 8122 §5).</summary>
    public const string Sha1 = "sha-1";

    /// <summary>SHA-384.</summary>
    public const string Sha384 = "sha-384";

    /// <summary>SHA-512.</summary>
    public const string Sha512 = "sha-512";

    private readonly byte[] _value;

    private DtlsFingerprint(string algorithm, byte[] value)
    {
        Algorithm = algorithm;
        _value = value;
    }

    /// <summary>The hash function name in lower case, as in the SDP hash-func token.</summary>
    public string Algorithm { get; }

    /// <summary>The hash of the DER certificate.</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>Hashes <paramref name="derCertificate"/> with <paramref name="algorithm"/> (one of the constants above).</summary>
    /// <exception cref="ArgumentException">The algorithm is not supported.</exception>
    public static DtlsFingerprint Compute(ReadOnlySpan<byte> derCertificate, string algorithm = Sha256)
    {
        string normalized = algorithm.ToLowerInvariant();
        if (!TryHash(normalized, derCertificate, out byte[]? hash))
        {
            throw new ArgumentException($"Unsupported fingerprint hash function '{algorithm}'.", nameof(algorithm));
        }

        return new DtlsFingerprint(normalized, hash);
    }

    /// <summary>
    /// Parses the value of <c>a=fingerprint</c> (<c>hash-func SP fingerprint</c>, RFC 8122 §5). Hex digits may be in
    /// either case; false when the hash function is unknown or the length does not fit it.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out DtlsFingerprint? fingerprint)
    {
        fingerprint = null;
        if (text is null)
        {
            return false;
        }

        string[] parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return false;
        }

        string algorithm = parts[0].ToLowerInvariant();
        int expectedLength = GetHashLength(algorithm);
        string[] pairs = parts[1].Split(':');
        if (expectedLength == 0 || pairs.Length != expectedLength)
        {
            return false;
        }

        byte[] value = new byte[expectedLength];
        for (int i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].Length != 2 || !byte.TryParse(pairs[i], System.Globalization.NumberStyles.AllowHexSpecifier, null, out value[i]))
            {
                return false;
            }
        }

        fingerprint = new DtlsFingerprint(algorithm, value);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>, throwing <see cref="FormatException"/> on bad input.</summary>
    public static DtlsFingerprint Parse(string text) =>
        TryParse(text, out DtlsFingerprint? fingerprint)
            ? fingerprint
            : throw new FormatException($"'{text}' is not a valid a=fingerprint value (expected e.g. 'sha-256 AB:CD:...').");

    /// <summary>
    /// Whether <paramref name="derCertificate"/> hashes, with this fingerprint's algorithm, to this value
    /// (RFC 5763 §5: the peer's certificate must match the signalled fingerprint). Compares in constant time.
    /// </summary>
    public bool Matches(ReadOnlySpan<byte> derCertificate) =>
        TryHash(Algorithm, derCertificate, out byte[]? hash) && CryptographicOperations.FixedTimeEquals(hash, _value);

    /// <summary>The SDP form: <c>sha-256 AB:CD:...</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Algorithm.Length + 1 + _value.Length * 3);
        builder.Append(Algorithm).Append(' ');
        for (int i = 0; i < _value.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(':');
            }

            builder.Append(_value[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public bool Equals(DtlsFingerprint? other) =>
        other is not null && Algorithm == other.Algorithm && _value.AsSpan().SequenceEqual(other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DtlsFingerprint);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Algorithm);
        hash.AddBytes(_value);
        return hash.ToHashCode();
    }

    private static int GetHashLength(string algorithm) => algorithm switch
    {
        Sha1 => 20,
        Sha256 => 32,
        Sha384 => 48,
        Sha512 => 64,
        _ => 0,
    };

    private static bool TryHash(string algorithm, ReadOnlySpan<byte> data, [NotNullWhen(true)] out byte[]? hash)
    {
        hash = algorithm switch
        {
            Sha1 => SHA1.HashData(data),
            Sha256 => SHA256.HashData(data),
            Sha384 => SHA384.HashData(data),
            Sha512 => SHA512.HashData(data),
            _ => null,
        };
        return hash is not null;
    }
}
