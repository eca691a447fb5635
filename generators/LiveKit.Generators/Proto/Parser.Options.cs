using System.Collections.Immutable;
using System.Text;

namespace LiveKit.Generators.Proto;

// Options (file, message, enum and field options), their constant values, and dotted names.
internal sealed partial class Parser
{
    // option name = value;
    private bool TryParseOptionStatement(out OptionDeclaration? declaration)
    {
        declaration = null;
        var start = Advance();
        if (!TryParseOption(out var option) || !ExpectSymbol(';'))
        {
            return false;
        }

        declaration = option! with { Range = Span(start) };
        return true;
    }

    // name = value, where name is `ident`, `(full.name)` or either followed by `.ident` parts.
    private bool TryParseOption(out OptionDeclaration? declaration)
    {
        declaration = null;
        var nameStart = Current;
        var name = new StringBuilder();
        if (Current.IsSymbol('('))
        {
            Advance();
            if (!TryParseFullName("an option name", allowLeadingDot: true, out var extension, out _)
                || !ExpectSymbol(')'))
            {
                return false;
            }

            name.Append('(').Append(extension).Append(')');
        }
        else if (Current.Kind == TokenKind.Identifier)
        {
            name.Append(Advance().Text);
        }
        else
        {
            return Fail("an option name");
        }

        while (Current.IsSymbol('.'))
        {
            Advance();
            if (!ExpectIdentifier("an option name part", out var part))
            {
                return false;
            }

            name.Append('.').Append(part.Text);
        }

        var nameRange = Span(nameStart);
        if (!ExpectSymbol('=') || !TryParseConstant(out var value))
        {
            return false;
        }

        declaration = new OptionDeclaration(name.ToString(), value!, nameRange, Span(nameStart));
        return true;
    }

    private bool TryParseConstant(out OptionValue? value)
    {
        value = null;
        var start = Current;
        if (Current.Kind == TokenKind.String)
        {
            // Adjacent string literals concatenate, as in C.
            var text = new StringBuilder();
            while (Current.Kind == TokenKind.String)
            {
                text.Append(Advance().Value);
            }

            value = new OptionValue(OptionValueKind.String, text.ToString(), Span(start));
            return true;
        }

        var sign = string.Empty;
        if (Current.IsSymbol('-') || Current.IsSymbol('+'))
        {
            sign = Advance().Text;
        }

        if (Current.Kind == TokenKind.Integer)
        {
            value = new OptionValue(OptionValueKind.Integer, sign + Advance().Text, Span(start));
            return true;
        }

        if (Current.Kind == TokenKind.Float || Current.IsKeyword("inf") || Current.IsKeyword("nan"))
        {
            value = new OptionValue(OptionValueKind.Float, sign + Advance().Text, Span(start));
            return true;
        }

        if (sign.Length == 0 && (Current.IsKeyword("true") || Current.IsKeyword("false")))
        {
            value = new OptionValue(OptionValueKind.Boolean, Advance().Text, Span(start));
            return true;
        }

        if (sign.Length == 0 && Current.Kind == TokenKind.Identifier
            && TryParseFullName("an option value", allowLeadingDot: false, out var name, out _))
        {
            value = new OptionValue(OptionValueKind.Identifier, name, Span(start));
            return true;
        }

        return Fail(sign.Length == 0
            ? "an option value (a string, number, true, false or identifier)"
            : "a number after '" + sign + "'");
    }

    // [ name = value, ... ] or nothing.
    private bool TryParseFieldOptions(out ImmutableArray<OptionDeclaration> options)
    {
        options = ImmutableArray<OptionDeclaration>.Empty;
        if (!Current.IsSymbol('['))
        {
            return true;
        }

        Advance();
        var builder = ImmutableArray.CreateBuilder<OptionDeclaration>();
        do
        {
            if (!TryParseOption(out var option))
            {
                return false;
            }

            builder.Add(option!);
        }
        while (TryConsumeSymbol(','));

        if (!ExpectSymbol(']'))
        {
            return false;
        }

        options = builder.ToImmutable();
        return true;
    }

    // a.b.c, or .a.b.c when a leading dot (fully qualified) is allowed. `range` ends at the last part.
    private bool TryParseFullName(string what, bool allowLeadingDot, out string name, out SourceRange range)
    {
        name = string.Empty;
        range = Current.Range;
        var builder = new StringBuilder();
        if (allowLeadingDot && Current.IsSymbol('.'))
        {
            builder.Append('.');
            Advance();
        }

        if (!ExpectIdentifier(what, out var first))
        {
            return false;
        }

        builder.Append(first.Text);
        range = first.Range;
        while (Current.IsSymbol('.'))
        {
            Advance();
            if (!ExpectIdentifier(what, out var part))
            {
                return false;
            }

            builder.Append('.').Append(part.Text);
            range = part.Range;
        }

        name = builder.ToString();
        return true;
    }
}
