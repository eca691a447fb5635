using System;

namespace LiveKit.WebRtc.Ice;

/// <summary>The username fragment and password of one side (RFC 8445 §5.3).</summary>
/// <param name="UsernameFragment">ice-ufrag, at least 4 ice-chars.</param>
/// <param name="Password">ice-pwd, at least 22 ice-chars.</param>
internal sealed record IceCredentials(string UsernameFragment, string Password)
{
    // ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.4).
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Length of generated ufrags: 8 chars = 48 random bits (§5.3 asks for at least 24).</summary>
    public const int UsernameFragmentLength = 8;

    /// <summary>Length of generated passwords: 24 chars = 144 random bits (§5.3 asks for at least 128).</summary>
    public const int PasswordLength = 24;

    /// <summary>Generates fresh credentials from <paramref name="random"/> (seedable for tests).</summary>
    public static IceCredentials Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new IceCredentials(RandomIceString(random, UsernameFragmentLength), RandomIceString(random, PasswordLength));
    }

    private static string RandomIceString(Random random, int length)
    {
        Span<char> chars = stackalloc char[length];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = IceChars[random.Next(IceChars.Length)];
        }

        return new string(chars);
    }
}
