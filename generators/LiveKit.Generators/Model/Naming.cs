using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace LiveKit.Generators.Model;

/// <summary>How schema names become C# names.</summary>
internal static class Naming
{
    /// <summary><c>track_sid</c> -> <c>TrackSid</c>: each '_'-separated part capitalized, underscores dropped.</summary>
    public static string ToPascalCase(string protoName)
    {
        var result = new StringBuilder(protoName.Length);
        foreach (var part in protoName.Split('_'))
        {
            if (part.Length > 0)
            {
                result.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
            }
        }

        return result.ToString();
    }

    /// <summary><c>track_sid</c> -> <c>trackSid</c>; not escaped (see <see cref="EscapeKeyword"/>).</summary>
    public static string ToCamelCase(string protoName)
    {
        var pascal = ToPascalCase(protoName);
        return pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
    }

    /// <summary>Prefixes '@' to a C# keyword so it can name a parameter (<c>string</c> -> <c>@string</c>).</summary>
    public static string EscapeKeyword(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    /// <summary>True for a plain C# identifier that is not a keyword (what a type or namespace part may be).</summary>
    public static bool IsIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    /// <summary>True for <c>A.B.C</c> where every part is an identifier.</summary>
    public static bool IsQualifiedName(string name)
    {
        foreach (var part in name.Split('.'))
        {
            if (!IsIdentifier(part))
            {
                return false;
            }
        }

        return true;
    }
}
