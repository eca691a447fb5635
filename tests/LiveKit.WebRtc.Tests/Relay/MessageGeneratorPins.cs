using System.Collections.Generic;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>
/// The first outputs of the message generator (<see cref="MessageShape"/>), pinned: the C# unit tests check
/// <see cref="MessageShape"/> against them, and the interop harness tests check the Go (pion peer) and JavaScript
/// (Chromium page) generators against the same values, so all three make the same messages. The values were computed
/// by all three implementations, which agreed; mulberry32's first output from state 0, 0x4434B462, is the value
/// published with the algorithm (0.26642920868471265 as a fraction of 2^32).
/// </summary>
public static class MessageGeneratorPins
{
    /// <summary>mulberry32's first four outputs from state 0.</summary>
    public static IReadOnlyList<uint> Mulberry32FromZero { get; } = [0x4434B462, 0x00159C37, 0x39285B08, 0x256D8104];

    /// <summary>Message 0 of <see cref="Tiny"/>: the outputs after the size pick, little-endian.</summary>
    public static IReadOnlyList<byte> TinyMessageZero { get; } = [0x37, 0x9C, 0x15, 0x00, 0x08, 0x5B, 0x28, 0x39];

    /// <summary>Seed 0, exactly 8 bytes.</summary>
    public static MessageShape Tiny { get; } = new(0, 8, 8);

    /// <summary>The bulk shape: seed 1, 1 to 65,536 bytes.</summary>
    public static MessageShape Bulk { get; } = new(1, 1, 65536);

    /// <summary>(size, FNV-1a) of <see cref="Bulk"/>'s messages 0 to 4.</summary>
    public static IReadOnlyList<(int Size, uint Fnv)> BulkFirst { get; } =
        [(60148, 2585143892), (45272, 3485136890), (36311, 988092854), (4377, 3387625405), (21964, 2914236512)];

    /// <summary>A tagged shape: seed 0xDEADBEEF, 4 to 1,000 bytes.</summary>
    public static MessageShape Tagged { get; } = new(0xDEADBEEF, 4, 1000, tagged: true);

    /// <summary>(size, FNV-1a) of <see cref="Tagged"/>'s messages 0 to 4.</summary>
    public static IReadOnlyList<(int Size, uint Fnv)> TaggedFirst { get; } =
        [(661, 3217229915), (285, 626817731), (670, 2228870219), (402, 821187229), (528, 2748197086)];

    /// <summary>Seed 0, exactly 1 byte: the low byte of each message's second output.</summary>
    public static MessageShape OneByte { get; } = new(0, 1, 1);

    /// <summary>(size, FNV-1a) of <see cref="OneByte"/>'s messages 0 to 2.</summary>
    public static IReadOnlyList<(int Size, uint Fnv)> OneByteFirst { get; } =
        [(1, 839689206), (1, 1628134131), (1, 1426802703)];
}
