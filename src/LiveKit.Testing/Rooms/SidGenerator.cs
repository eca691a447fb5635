using System;
using System.Security.Cryptography;

namespace LiveKit.Testing.Rooms;

/// <summary>Server ids as LiveKit writes them: a prefix (<c>RM_</c>, <c>PA_</c>, <c>TR_</c>) and 12 base62 characters.</summary>
internal static class SidGenerator
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public const string RoomPrefix = "RM_";
    public const string ParticipantPrefix = "PA_";
    public const string TrackPrefix = "TR_";

    public static string New(string prefix)
    {
        Span<char> id = stackalloc char[12];
        for (int i = 0; i < id.Length; i++)
        {
            id[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return prefix + new string(id);
    }
}
