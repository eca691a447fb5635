namespace LiveKit.Generators.Model;

/// <summary>The proto scalar types and the C# types they become.</summary>
internal static class ScalarTypes
{
    /// <summary>The C# type of a scalar, or null when <paramref name="protoType"/> is not a scalar.</summary>
    public static string? ToCSharp(string protoType) => protoType switch
    {
        "string" => "string",
        "bool" => "bool",
        "int32" or "sint32" or "sfixed32" => "int",
        "int64" or "sint64" or "sfixed64" => "long",
        "uint32" or "fixed32" => "uint",
        "uint64" or "fixed64" => "ulong",
        "float" => "float",
        "double" => "double",
        "bytes" => "global::System.ReadOnlyMemory<byte>",
        _ => null,
    };

    /// <summary>True for the scalars proto allows as map keys: integers, bool and string.</summary>
    public static bool IsValidMapKey(string protoType) =>
        protoType is not ("float" or "double" or "bytes") && ToCSharp(protoType) is not null;
}
