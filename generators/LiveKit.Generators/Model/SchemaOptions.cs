using System;
using LiveKit.Generators.Proto;

namespace LiveKit.Generators.Model;

/// <summary>
/// The custom options of options.proto, and how a written option name is matched to them. Proto resolves a custom
/// option's name relative to the file's package, like any name: <c>(events.emitter)</c> in package
/// <c>livekit.events.room</c> means <c>livekit.events.emitter</c>. Only the schema file is read (the generator does
/// no file I/O), so options are matched by full name rather than by reading options.proto.
/// </summary>
internal static class SchemaOptions
{
    public const string Emitter = "livekit.events.emitter";
    public const string KeyClass = "livekit.events.key_class";
    public const string Event = "livekit.events.event";
    public const string ClrType = "livekit.events.clr_type";

    /// <summary>The first option in <paramref name="options"/> that names <paramref name="fullName"/>, or null.</summary>
    public static OptionDeclaration? Find(
        System.Collections.Immutable.ImmutableArray<OptionDeclaration> options,
        string fullName,
        string package)
    {
        foreach (var option in options)
        {
            if (Names(option.Name, fullName, package))
            {
                return option;
            }
        }

        return null;
    }

    /// <summary>The second option in <paramref name="options"/> that names <paramref name="fullName"/>, or null.</summary>
    public static OptionDeclaration? FindRepeated(
        System.Collections.Immutable.ImmutableArray<OptionDeclaration> options,
        string fullName,
        string package)
    {
        var seen = false;
        foreach (var option in options)
        {
            if (Names(option.Name, fullName, package))
            {
                if (seen)
                {
                    return option;
                }

                seen = true;
            }
        }

        return null;
    }

    private static bool Names(string writtenName, string fullName, string package)
    {
        if (writtenName.Length < 3 || writtenName[0] != '(' || writtenName[writtenName.Length - 1] != ')')
        {
            return false;
        }

        var name = writtenName.Substring(1, writtenName.Length - 2);
        if (name.StartsWith(".", StringComparison.Ordinal))
        {
            return name.Substring(1) == fullName;
        }

        // Innermost scope first: pkg.a.b.name, pkg.a.name, pkg.name, name.
        var scope = package;
        while (true)
        {
            if ((scope.Length == 0 ? name : scope + "." + name) == fullName)
            {
                return true;
            }

            if (scope.Length == 0)
            {
                return false;
            }

            var dot = scope.LastIndexOf('.');
            scope = dot < 0 ? string.Empty : scope.Substring(0, dot);
        }
    }
}
