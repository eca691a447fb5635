using System;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// ERROR-CODE (RFC 8489 §14.8): a code from 300 to 699 and a UTF-8 reason phrase.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Reserved, should be 0         |Class|     Number    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      Reason Phrase (variable)                                ..
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The code is Class × 100 + Number, with Class 3 to 6 and Number 0 to 99.
/// </remarks>
internal readonly ref struct StunErrorCode
{
    /// <summary>300: Try Alternate (RFC 8489 §14.8).</summary>
    public const int TryAlternate = 300;

    /// <summary>400: Bad Request.</summary>
    public const int BadRequest = 400;

    /// <summary>401: Unauthenticated.</summary>
    public const int Unauthenticated = 401;

    /// <summary>420: Unknown Attribute; the response carries UNKNOWN-ATTRIBUTES.</summary>
    public const int UnknownAttribute = 420;

    /// <summary>438: Stale Nonce.</summary>
    public const int StaleNonce = 438;

    /// <summary>487: Role Conflict (RFC 8445 §7.3.1.1).</summary>
    public const int RoleConflict = 487;

    /// <summary>500: Server Error.</summary>
    public const int ServerError = 500;

    /// <summary>The longest reason phrase allowed, in bytes (RFC 8489 §14.8: fewer than 128 characters, at most 763 bytes).</summary>
    public const int MaxReasonLength = 763;

    private const int ClassOffset = 2;
    private const int NumberOffset = 3;
    private const int ReasonOffset = 4;
    private const int ClassMask = 0x07;
    private const int MinCode = 300;
    private const int MaxCode = 699;

    /// <summary>Creates an error code.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The code is outside 300-699 or the reason is too long.</exception>
    public StunErrorCode(int code, ReadOnlySpan<byte> reasonUtf8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, MinCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, MaxCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reasonUtf8.Length, MaxReasonLength, nameof(reasonUtf8));
        Code = code;
        ReasonUtf8 = reasonUtf8;
    }

    /// <summary>The numeric code, 300 to 699.</summary>
    public int Code { get; }

    /// <summary>The reason phrase, UTF-8, without padding.</summary>
    public ReadOnlySpan<byte> ReasonUtf8 { get; }

    /// <summary>Parses an attribute value; false when the class or number is out of range.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out StunErrorCode attribute)
    {
        attribute = default;
        if (value.Length < ReasonOffset || value.Length - ReasonOffset > MaxReasonLength)
        {
            return false;
        }

        int errorClass = value[ClassOffset] & ClassMask;
        int number = value[NumberOffset];
        int code = (errorClass * 100) + number;
        if (number > 99 || code < MinCode || code > MaxCode)
        {
            return false;
        }

        attribute = new StunErrorCode(code, value[ReasonOffset..]);
        return true;
    }

    /// <summary>The value length: 4 plus the reason phrase.</summary>
    public int GetSerializedLength() => ReasonOffset + ReasonUtf8.Length;

    /// <summary>Writes the attribute value.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = GetSerializedLength();
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        destination[0] = 0;
        destination[1] = 0;
        destination[ClassOffset] = (byte)(Code / 100);
        destination[NumberOffset] = (byte)(Code % 100);
        ReasonUtf8.CopyTo(destination[ReasonOffset..]);
        return true;
    }
}
