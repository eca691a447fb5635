using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// The State Cookie an INIT ACK carries (RFC 9260 §5.1.3): everything needed to build the association when the
/// COOKIE ECHO comes back, so nothing is kept for an INIT, plus the Tie-Tags of §5.2.2. It is signed with
/// HMAC-SHA256 under a secret key of the association and dated, so a forged or stale one is refused (§5.1.5).
/// </summary>
/// <param name="CreatedAt">When it was made, in ticks of the issuer's clock.</param>
/// <param name="LocalTag">Our Initiate Tag, the tag the peer must put on its packets.</param>
/// <param name="PeerTag">The peer's Initiate Tag, from its INIT.</param>
/// <param name="LocalInitialTsn">The TSN our first DATA chunk gets.</param>
/// <param name="PeerInitialTsn">The TSN the peer's first DATA chunk gets.</param>
/// <param name="PeerReceiverWindow">The peer's a_rwnd from its INIT.</param>
/// <param name="PeerOutboundStreams">The peer's number of outbound streams (OS).</param>
/// <param name="PeerInboundStreams">The peer's maximum of inbound streams (MIS).</param>
/// <param name="LocalTieTag">Our tag of the association existing when the INIT came, or zero (§5.2.2).</param>
/// <param name="PeerTieTag">The peer's tag of that association, or zero.</param>
/// <param name="PeerSupportsForwardTsn">The peer's INIT announced FORWARD TSN (RFC 3758).</param>
/// <param name="PeerSupportsReconfig">The peer's INIT announced RE-CONFIG (RFC 6525).</param>
internal readonly record struct SctpStateCookie(
    long CreatedAt,
    uint LocalTag,
    uint PeerTag,
    uint LocalInitialTsn,
    uint PeerInitialTsn,
    uint PeerReceiverWindow,
    ushort PeerOutboundStreams,
    ushort PeerInboundStreams,
    uint LocalTieTag,
    uint PeerTieTag,
    bool PeerSupportsForwardTsn,
    bool PeerSupportsReconfig)
{
    /// <summary>Bytes of the signed fields.</summary>
    public const int BodySize = 48;

    /// <summary>Bytes of the whole cookie: body and MAC.</summary>
    public const int Size = BodySize + MacSize;

    /// <summary>Bytes of the secret key.</summary>
    public const int KeySize = 32;

    private const int MacSize = HMACSHA256.HashSizeInBytes;
    private const byte Version = 1;

    /// <summary>Writes and signs the cookie; false when <paramref name="destination"/> is shorter than <see cref="Size"/>.</summary>
    public bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> key)
    {
        if (destination.Length < Size)
        {
            return false;
        }

        Span<byte> body = destination[..BodySize];
        body.Clear();
        body[0] = Version;
        body[1] = (byte)((PeerSupportsForwardTsn ? 1 : 0) | (PeerSupportsReconfig ? 2 : 0));
        BinaryPrimitives.WriteInt64BigEndian(body[4..], CreatedAt);
        BinaryPrimitives.WriteUInt32BigEndian(body[12..], LocalTag);
        BinaryPrimitives.WriteUInt32BigEndian(body[16..], PeerTag);
        BinaryPrimitives.WriteUInt32BigEndian(body[20..], LocalInitialTsn);
        BinaryPrimitives.WriteUInt32BigEndian(body[24..], PeerInitialTsn);
        BinaryPrimitives.WriteUInt32BigEndian(body[28..], PeerReceiverWindow);
        BinaryPrimitives.WriteUInt16BigEndian(body[32..], PeerOutboundStreams);
        BinaryPrimitives.WriteUInt16BigEndian(body[34..], PeerInboundStreams);
        BinaryPrimitives.WriteUInt32BigEndian(body[36..], LocalTieTag);
        BinaryPrimitives.WriteUInt32BigEndian(body[40..], PeerTieTag);
        HMACSHA256.HashData(key, body, destination.Slice(BodySize, MacSize));
        return true;
    }

    /// <summary>
    /// Checks and reads a cookie from a COOKIE ECHO: the MAC first (in constant time), then the age against
    /// <paramref name="lifetime"/> at <paramref name="now"/> (ticks of the same clock as <see cref="CreatedAt"/>).
    /// <paramref name="age"/> is how old it is, for the Stale Cookie cause.
    /// </summary>
    public static SctpCookieStatus Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> key, long now, TimeSpan lifetime, out SctpStateCookie cookie, out TimeSpan age)
    {
        cookie = default;
        age = TimeSpan.Zero;
        if (data.Length != Size || data[0] != Version)
        {
            return SctpCookieStatus.Forged;
        }

        Span<byte> mac = stackalloc byte[MacSize];
        HMACSHA256.HashData(key, data[..BodySize], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, data.Slice(BodySize, MacSize)))
        {
            return SctpCookieStatus.Forged;
        }

        ReadOnlySpan<byte> body = data[..BodySize];
        cookie = new SctpStateCookie(
            BinaryPrimitives.ReadInt64BigEndian(body[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[20..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[24..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[28..]),
            BinaryPrimitives.ReadUInt16BigEndian(body[32..]),
            BinaryPrimitives.ReadUInt16BigEndian(body[34..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[36..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[40..]),
            (body[1] & 1) != 0,
            (body[1] & 2) != 0);
        if (cookie.CreatedAt > now)
        {
            return SctpCookieStatus.Forged;
        }

        age = TimeSpan.FromTicks(now - cookie.CreatedAt);
        return age > lifetime ? SctpCookieStatus.Stale : SctpCookieStatus.Valid;
    }
}
