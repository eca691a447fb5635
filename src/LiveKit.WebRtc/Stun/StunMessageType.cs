using System;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// The 14-bit STUN message type: a method and a class, with the class bits interleaved into the method bits
/// (RFC 8489 §5).
/// </summary>
/// <remarks>
/// <code>
///  0                 1
///  2  3  4 5 6 7 8 9 0 1 2 3 4 5
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
/// |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal readonly record struct StunMessageType
{
    // Masks over the method and the positions of the class bits in the encoded type (RFC 8489 §5).
    private const int MethodLowBits = 0x000F;   // M0-M3 stay in place
    private const int MethodMiddleBits = 0x0070; // M4-M6 shift left by 1 to make room for C0
    private const int MethodHighBits = 0x0F80;  // M7-M11 shift left by 2 to make room for C0 and C1
    private const int ClassBit0 = 0x0010;
    private const int ClassBit1 = 0x0100;

    /// <summary>The largest method number that fits in 12 bits.</summary>
    public const ushort MaxMethod = 0x0FFF;

    /// <summary>Binding request (0x0001).</summary>
    public static StunMessageType BindingRequest => new(StunMethod.Binding, StunMessageClass.Request);

    /// <summary>Binding success response (0x0101).</summary>
    public static StunMessageType BindingSuccessResponse => new(StunMethod.Binding, StunMessageClass.SuccessResponse);

    /// <summary>Binding error response (0x0111).</summary>
    public static StunMessageType BindingErrorResponse => new(StunMethod.Binding, StunMessageClass.ErrorResponse);

    /// <summary>Binding indication (0x0011), sent as an ICE keepalive (RFC 8445 §11).</summary>
    public static StunMessageType BindingIndication => new(StunMethod.Binding, StunMessageClass.Indication);

    /// <summary>Creates a message type from a method and a class.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The method does not fit in 12 bits.</exception>
    public StunMessageType(StunMethod method, StunMessageClass messageClass)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((ushort)method, MaxMethod);
        Method = method;
        Class = messageClass;
    }

    /// <summary>The method.</summary>
    public StunMethod Method { get; }

    /// <summary>The class.</summary>
    public StunMessageClass Class { get; }

    /// <summary>The encoded 14-bit value, as it appears in the first two bytes of the header.</summary>
    public ushort Value
    {
        get
        {
            int method = (int)Method;
            int value = (method & MethodLowBits)
                | ((method & MethodMiddleBits) << 1)
                | ((method & MethodHighBits) << 2);
            if (((int)Class & 0b01) != 0)
            {
                value |= ClassBit0;
            }

            if (((int)Class & 0b10) != 0)
            {
                value |= ClassBit1;
            }

            return (ushort)value;
        }
    }

    /// <summary>Decodes the type field; the two most significant bits must be zero (RFC 8489 §5).</summary>
    public static bool TryParse(ushort value, out StunMessageType type)
    {
        if ((value & 0xC000) != 0)
        {
            type = default;
            return false;
        }

        int method = (value & MethodLowBits)
            | ((value >> 1) & MethodMiddleBits)
            | ((value >> 2) & MethodHighBits);
        int messageClass = ((value & ClassBit0) >> 4) | ((value & ClassBit1) >> 7);
        type = new StunMessageType((StunMethod)method, (StunMessageClass)messageClass);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Class} (0x{Value:X4})";
}
