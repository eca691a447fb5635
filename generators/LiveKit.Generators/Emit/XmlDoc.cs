using System;
using System.Text;

namespace LiveKit.Generators.Emit;

/// <summary>Writes proto doc comments as XML documentation.</summary>
internal static class XmlDoc
{
    /// <summary>Writes <c>/// &lt;tag&gt;text&lt;/tag&gt;</c>, on one line when the text is one line.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="openTag">The opening tag, e.g. <c>summary</c> or <c>param name="x"</c>.</param>
    /// <param name="xml">Content that is already XML (escape plain text with <see cref="Escape"/>).</param>
    public static void Element(CodeWriter writer, string openTag, string xml)
    {
        var closeTag = openTag.Split(' ')[0];
        var lines = xml.Split('\n');
        if (lines.Length == 1)
        {
            writer.Line($"/// <{openTag}>{xml}</{closeTag}>");
            return;
        }

        writer.Line($"/// <{openTag}>");
        foreach (var line in lines)
        {
            writer.Line(line.Length == 0 ? "///" : "/// " + line);
        }

        writer.Line($"/// </{closeTag}>");
    }

    /// <summary>
    /// Escapes the characters XML docs reserve, and blanks control characters: XML forbids most of them, and C# ends a
    /// <c>///</c> line at U+0085, U+2028 and U+2029, which would turn the rest of the doc into code.
    /// </summary>
    public static string Escape(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\n' => "\n",
                '\u2028' or '\u2029' => " ",
                _ when char.IsControl(c) => " ",
                _ => c.ToString(),
            });
        }

        return result.ToString();
    }

    /// <summary>
    /// The doc as the continuation of a sentence ("Runs handler every time " + it): a capital first letter is lowered
    /// unless the first word is an acronym (<c>SIP</c>) or the pronoun <c>I</c>.
    /// </summary>
    public static string Continuation(string doc)
    {
        if (doc.Length < 2 || !char.IsUpper(doc[0]) || char.IsUpper(doc[1]) || (doc[0] == 'I' && !char.IsLetter(doc[1])))
        {
            return doc;
        }

        return char.ToLowerInvariant(doc[0]) + doc.Substring(1);
    }

    /// <summary>A C# string literal of <paramref name="value"/>.</summary>
    public static string StringLiteral(string value)
    {
        var result = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': result.Append("\\\""); break;
                case '\\': result.Append("\\\\"); break;
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                case '\t': result.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085')
                    {
                        result.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        result.Append(c);
                    }

                    break;
            }
        }

        return result.Append('"').ToString();
    }

    /// <summary>Joins <c>a</c>, <c>a and b</c>, <c>a, b and c</c>.</summary>
    public static string List(string[] items) => items.Length switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items, 0, items.Length - 1) + " and " + items[items.Length - 1],
    };

    /// <summary>True when <paramref name="text"/> ends a sentence.</summary>
    public static bool EndsSentence(string text) => text.EndsWith(".", StringComparison.Ordinal);
}
