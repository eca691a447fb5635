using LiveKit.Generators.Proto;

namespace LiveKit.Generators.Model;

/// <summary>What a message or enum of the schema is, as far as a field referring to it is concerned.</summary>
internal enum DeclaredTypeKind
{
    /// <summary>A message with <c>clr_type</c>: stands for that C# type.</summary>
    ClrType,

    /// <summary>A message with <c>event</c>: an event, not something a field can carry.</summary>
    Event,

    /// <summary>A proto enum: not supported as an argument type (a clr_type message names the C# enum instead).</summary>
    Enum,

    /// <summary>A message with neither option, or an invalid one (already reported).</summary>
    Unbound,
}

/// <summary>A message or enum declared in the schema, by full name (<c>pkg.Outer.Inner</c>).</summary>
internal sealed record DeclaredType(string FullName, DeclaredTypeKind Kind, string? ClrTypeName, MessageDeclaration? Message);
