using System.Collections.Immutable;

// The syntax tree of the proto3 subset the event schema uses. Plain data: the parser builds it, the model builder
// reads it. Each declaration keeps its range (the whole declaration), the range of its name (where diagnostics
// about it point) and its doc comment.
namespace LiveKit.Generators.Proto;

/// <summary>A parsed schema file; <see cref="Errors"/> is empty when the text is well formed.</summary>
internal sealed record ProtoFile(
    SyntaxDeclaration? Syntax,
    PackageDeclaration? Package,
    ImmutableArray<ImportDeclaration> Imports,
    ImmutableArray<OptionDeclaration> Options,
    ImmutableArray<MessageDeclaration> Messages,
    ImmutableArray<EnumDeclaration> Enums,
    ImmutableArray<ExtendDeclaration> Extends,
    ImmutableArray<ParseError> Errors);

/// <summary><c>syntax = "proto3";</c></summary>
internal sealed record SyntaxDeclaration(string Value, SourceRange Range);

/// <summary><c>package a.b.c;</c></summary>
internal sealed record PackageDeclaration(string Name, SourceRange Range);

/// <summary>How an import is qualified.</summary>
internal enum ImportModifier
{
    None,
    Public,
    Weak,
}

/// <summary><c>import [public|weak] "path";</c></summary>
internal sealed record ImportDeclaration(string Path, ImportModifier Modifier, SourceRange Range);

/// <summary>What kind of literal an option value is.</summary>
internal enum OptionValueKind
{
    String,
    Integer,
    Float,
    Boolean,
    Identifier,
}

/// <summary>An option's value: <see cref="Text"/> is the unescaped string or the literal as written.</summary>
internal sealed record OptionValue(OptionValueKind Kind, string Text, SourceRange Range);

/// <summary>
/// <c>option name = value;</c>, or one <c>name = value</c> of a field's or enum value's <c>[...]</c> list.
/// <see cref="Name"/> is normalized: a custom option reads <c>(livekit.events.event)</c>, with no spaces.
/// </summary>
internal sealed record OptionDeclaration(string Name, OptionValue Value, SourceRange NameRange, SourceRange Range);

/// <summary>A field's label.</summary>
internal enum FieldLabel
{
    None,
    Optional,
    Repeated,
}

/// <summary>A type as a field names it: <c>string</c>, <c>Track</c>, <c>.pkg.Msg</c>.</summary>
internal sealed record TypeReference(string Name, SourceRange Range);

/// <summary>
/// <c>[optional|repeated] Type name = N [options];</c> or <c>map&lt;K, V&gt; name = N;</c> (then
/// <see cref="MapKey"/> is set and <see cref="Type"/> is the value type).
/// </summary>
internal sealed record FieldDeclaration(
    FieldLabel Label,
    TypeReference? MapKey,
    TypeReference Type,
    string Name,
    string Number,
    ImmutableArray<OptionDeclaration> Options,
    string? Doc,
    SourceRange NameRange,
    SourceRange Range);

/// <summary><c>oneof name { fields }</c></summary>
internal sealed record OneofDeclaration(
    string Name,
    ImmutableArray<FieldDeclaration> Fields,
    ImmutableArray<OptionDeclaration> Options,
    string? Doc,
    SourceRange NameRange,
    SourceRange Range);

/// <summary><c>reserved 2, 15, 9 to 11;</c> or <c>reserved "foo", "bar";</c>: each item as written.</summary>
internal sealed record ReservedDeclaration(ImmutableArray<string> Items, SourceRange Range);

/// <summary><c>message Name { ... }</c></summary>
internal sealed record MessageDeclaration(
    string Name,
    ImmutableArray<OptionDeclaration> Options,
    ImmutableArray<FieldDeclaration> Fields,
    ImmutableArray<OneofDeclaration> Oneofs,
    ImmutableArray<MessageDeclaration> Messages,
    ImmutableArray<EnumDeclaration> Enums,
    ImmutableArray<ExtendDeclaration> Extends,
    ImmutableArray<ReservedDeclaration> Reserved,
    string? Doc,
    SourceRange NameRange,
    SourceRange Range);

/// <summary><c>NAME = N [options];</c> inside an enum.</summary>
internal sealed record EnumValueDeclaration(
    string Name,
    string Number,
    ImmutableArray<OptionDeclaration> Options,
    string? Doc,
    SourceRange NameRange,
    SourceRange Range);

/// <summary><c>enum Name { ... }</c></summary>
internal sealed record EnumDeclaration(
    string Name,
    ImmutableArray<OptionDeclaration> Options,
    ImmutableArray<EnumValueDeclaration> Values,
    ImmutableArray<ReservedDeclaration> Reserved,
    string? Doc,
    SourceRange NameRange,
    SourceRange Range);

/// <summary><c>extend Type { fields }</c></summary>
internal sealed record ExtendDeclaration(
    TypeReference Extendee,
    ImmutableArray<FieldDeclaration> Fields,
    string? Doc,
    SourceRange Range);
