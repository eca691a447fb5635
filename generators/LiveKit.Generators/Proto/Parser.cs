using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;

namespace LiveKit.Generators.Proto;

/// <summary>
/// Recursive descent parser of the proto3 subset event schemas use (see <see cref="ProtoFile"/>). It never throws:
/// a statement that does not parse records one <see cref="ParseError"/> ("expected X, found Y", at Y) and the parser
/// resynchronizes at the end of that statement, so one typo yields one error rather than a cascade.
/// </summary>
internal sealed class Parser
{
    // Deeper nesting than this is no schema anyone writes; refusing it keeps recursion far from the stack's limit.
    private const int MaxNesting = 32;

    private readonly List<Token> _tokens;
    private readonly List<ParseError> _errors;
    private int _position;
    private int _nesting;

    private Parser(List<Token> tokens, List<ParseError> errors)
    {
        _tokens = tokens;
        _errors = errors;
    }

    /// <summary>Parses <paramref name="text"/>; lexical and syntax errors are in <see cref="ProtoFile.Errors"/>.</summary>
    public static ProtoFile Parse(string text)
    {
        var errors = new List<ParseError>();
        var tokens = Lexer.Tokenize(text, errors);
        var parser = new Parser(tokens, errors);
        return parser.ParseFile();
    }

    private Token Current => _tokens[_position];

    private Token PeekToken(int ahead) => _tokens[System.Math.Min(_position + ahead, _tokens.Count - 1)];

    private bool AtEnd => Current.Kind == TokenKind.EndOfFile;

    private Token Advance()
    {
        var token = Current;
        if (!AtEnd)
        {
            _position++;
        }

        return token;
    }

    private Token Previous => _tokens[System.Math.Max(_position - 1, 0)];

    private ProtoFile ParseFile()
    {
        SyntaxDeclaration? syntax = null;
        PackageDeclaration? package = null;
        var imports = ImmutableArray.CreateBuilder<ImportDeclaration>();
        var options = ImmutableArray.CreateBuilder<OptionDeclaration>();
        var messages = ImmutableArray.CreateBuilder<MessageDeclaration>();
        var enums = ImmutableArray.CreateBuilder<EnumDeclaration>();
        var extends = ImmutableArray.CreateBuilder<ExtendDeclaration>();

        while (!AtEnd)
        {
            var start = _position;
            var token = Current;
            var parsed = true;
            if (token.IsSymbol(';'))
            {
                Advance();
            }
            else if (token.IsKeyword("syntax"))
            {
                parsed = TryParseSyntax(out var declaration);
                syntax ??= declaration;
            }
            else if (token.IsKeyword("package"))
            {
                parsed = TryParsePackage(out var declaration);
                package ??= declaration;
            }
            else if (token.IsKeyword("import"))
            {
                parsed = Add(imports, TryParseImport(out var declaration), declaration);
            }
            else if (token.IsKeyword("option"))
            {
                parsed = Add(options, TryParseOptionStatement(out var declaration), declaration);
            }
            else if (token.IsKeyword("message"))
            {
                parsed = Add(messages, TryParseMessage(out var declaration), declaration);
            }
            else if (token.IsKeyword("enum"))
            {
                parsed = Add(enums, TryParseEnum(out var declaration), declaration);
            }
            else if (token.IsKeyword("extend"))
            {
                parsed = Add(extends, TryParseExtend(out var declaration), declaration);
            }
            else
            {
                parsed = Fail("'syntax', 'package', 'import', 'option', 'message', 'enum' or 'extend'");
            }

            if (!parsed)
            {
                Recover();
            }

            if (_position == start)
            {
                // Recovery stops before a '}' so an enclosing block can close; at file level there is none.
                Advance();
            }
        }

        return new ProtoFile(
            syntax,
            package,
            imports.ToImmutable(),
            options.ToImmutable(),
            messages.ToImmutable(),
            enums.ToImmutable(),
            extends.ToImmutable(),
            // Lexical errors were all found before the syntax errors; report both in text order.
            _errors.OrderBy(error => error.Range.Start).ToImmutableArray());
    }

    private bool TryParseSyntax(out SyntaxDeclaration? declaration)
    {
        declaration = null;
        var start = Advance();
        if (!ExpectSymbol('=') || !ExpectString("the syntax name, e.g. \"proto3\"", out var value) || !ExpectSymbol(';'))
        {
            return false;
        }

        declaration = new SyntaxDeclaration(value.Value, Span(start));
        return true;
    }

    private bool TryParsePackage(out PackageDeclaration? declaration)
    {
        declaration = null;
        var start = Advance();
        if (!TryParseFullName("a package name", allowLeadingDot: false, out var name, out _) || !ExpectSymbol(';'))
        {
            return false;
        }

        declaration = new PackageDeclaration(name, Span(start));
        return true;
    }

    private bool TryParseImport(out ImportDeclaration? declaration)
    {
        declaration = null;
        var start = Advance();
        var modifier = ImportModifier.None;
        if (Current.IsKeyword("public"))
        {
            Advance();
            modifier = ImportModifier.Public;
        }
        else if (Current.IsKeyword("weak"))
        {
            Advance();
            modifier = ImportModifier.Weak;
        }

        if (!ExpectString("the imported file's path", out var path) || !ExpectSymbol(';'))
        {
            return false;
        }

        declaration = new ImportDeclaration(path.Value, modifier, Span(start));
        return true;
    }

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

    private bool TryParseMessage(out MessageDeclaration? declaration)
    {
        declaration = null;
        var start = Advance();
        if (!ExpectIdentifier("the message's name", out var name) || !ExpectSymbol('{'))
        {
            return false;
        }

        var options = ImmutableArray.CreateBuilder<OptionDeclaration>();
        var fields = ImmutableArray.CreateBuilder<FieldDeclaration>();
        var oneofs = ImmutableArray.CreateBuilder<OneofDeclaration>();
        var messages = ImmutableArray.CreateBuilder<MessageDeclaration>();
        var enums = ImmutableArray.CreateBuilder<EnumDeclaration>();
        var extends = ImmutableArray.CreateBuilder<ExtendDeclaration>();
        var reserved = ImmutableArray.CreateBuilder<ReservedDeclaration>();

        var closed = ParseBlock(() =>
        {
            var token = Current;
            if (token.IsKeyword("option"))
            {
                return Add(options, TryParseOptionStatement(out var option), option);
            }

            if (token.IsKeyword("message") && PeekToken(1).Kind == TokenKind.Identifier)
            {
                return Add(messages, TryParseMessage(out var message), message);
            }

            if (token.IsKeyword("enum") && PeekToken(1).Kind == TokenKind.Identifier)
            {
                return Add(enums, TryParseEnum(out var nested), nested);
            }

            if (token.IsKeyword("extend") && PeekToken(1).Kind == TokenKind.Identifier)
            {
                return Add(extends, TryParseExtend(out var extend), extend);
            }

            if (token.IsKeyword("oneof") && PeekToken(1).Kind == TokenKind.Identifier)
            {
                return Add(oneofs, TryParseOneof(out var oneof), oneof);
            }

            if (token.IsKeyword("reserved"))
            {
                return Add(reserved, TryParseReserved(out var range), range);
            }

            return Add(fields, TryParseField(allowLabel: true, allowMap: true, out var field), field);
        });

        if (!closed)
        {
            return false;
        }

        declaration = new MessageDeclaration(
            name.Text,
            options.ToImmutable(),
            fields.ToImmutable(),
            oneofs.ToImmutable(),
            messages.ToImmutable(),
            enums.ToImmutable(),
            extends.ToImmutable(),
            reserved.ToImmutable(),
            start.Doc,
            name.Range,
            Span(start));
        return true;
    }

    private bool TryParseEnum(out EnumDeclaration? declaration)
    {
        declaration = null;
        var start = Advance();
        if (!ExpectIdentifier("the enum's name", out var name) || !ExpectSymbol('{'))
        {
            return false;
        }

        var options = ImmutableArray.CreateBuilder<OptionDeclaration>();
        var values = ImmutableArray.CreateBuilder<EnumValueDeclaration>();
        var reserved = ImmutableArray.CreateBuilder<ReservedDeclaration>();
        var closed = ParseBlock(() =>
        {
            if (Current.IsKeyword("option"))
            {
                return Add(options, TryParseOptionStatement(out var option), option);
            }

            if (Current.IsKeyword("reserved"))
            {
                return Add(reserved, TryParseReserved(out var range), range);
            }

            return Add(values, TryParseEnumValue(out var value), value);
        });

        if (!closed)
        {
            return false;
        }

        declaration = new EnumDeclaration(
            name.Text,
            options.ToImmutable(),
            values.ToImmutable(),
            reserved.ToImmutable(),
            start.Doc,
            name.Range,
            Span(start));
        return true;
    }

    private bool TryParseEnumValue(out EnumValueDeclaration? declaration)
    {
        declaration = null;
        var start = Current;
        if (!ExpectIdentifier("an enum value's name", out var name) || !ExpectSymbol('='))
        {
            return false;
        }

        var number = new StringBuilder();
        if (Current.IsSymbol('-'))
        {
            number.Append(Advance().Text);
        }

        if (!ExpectKind(TokenKind.Integer, "the enum value's number", out var digits)
            || !TryParseFieldOptions(out var options)
            || !ExpectSymbol(';'))
        {
            return false;
        }

        number.Append(digits.Text);
        declaration = new EnumValueDeclaration(name.Text, number.ToString(), options, start.Doc, name.Range, Span(start));
        return true;
    }

    private bool TryParseExtend(out ExtendDeclaration? declaration)
    {
        declaration = null;
        var start = Advance();
        var typeStart = Current;
        if (!TryParseFullName("the extended message's name", allowLeadingDot: true, out var extendee, out _)
            || !ExpectSymbol('{'))
        {
            return false;
        }

        var extendeeReference = new TypeReference(extendee, SpanBefore(typeStart, '{'));
        var fields = ImmutableArray.CreateBuilder<FieldDeclaration>();
        var closed = ParseBlock(() => Add(fields, TryParseField(allowLabel: true, allowMap: false, out var field), field));
        if (!closed)
        {
            return false;
        }

        declaration = new ExtendDeclaration(extendeeReference, fields.ToImmutable(), start.Doc, Span(start));
        return true;
    }

    private bool TryParseOneof(out OneofDeclaration? declaration)
    {
        declaration = null;
        var start = Advance();
        if (!ExpectIdentifier("the oneof's name", out var name) || !ExpectSymbol('{'))
        {
            return false;
        }

        var options = ImmutableArray.CreateBuilder<OptionDeclaration>();
        var fields = ImmutableArray.CreateBuilder<FieldDeclaration>();
        var closed = ParseBlock(() =>
        {
            if (Current.IsKeyword("option"))
            {
                return Add(options, TryParseOptionStatement(out var option), option);
            }

            return Add(fields, TryParseField(allowLabel: false, allowMap: false, out var field), field);
        });

        if (!closed)
        {
            return false;
        }

        declaration = new OneofDeclaration(name.Text, fields.ToImmutable(), options.ToImmutable(), start.Doc, name.Range, Span(start));
        return true;
    }

    // reserved 2, 15, 9 to 11, 40 to max;   reserved "foo", "bar";   reserved foo, bar;
    private bool TryParseReserved(out ReservedDeclaration? declaration)
    {
        declaration = null;
        var start = Advance();
        var items = ImmutableArray.CreateBuilder<string>();
        do
        {
            if (Current.Kind == TokenKind.String)
            {
                items.Add(Advance().Value);
            }
            else if (Current.Kind == TokenKind.Identifier)
            {
                items.Add(Advance().Text);
            }
            else if (Current.Kind == TokenKind.Integer)
            {
                var item = Advance().Text;
                if (Current.IsKeyword("to"))
                {
                    Advance();
                    if (Current.IsKeyword("max") || Current.Kind == TokenKind.Integer)
                    {
                        item += " to " + Advance().Text;
                    }
                    else
                    {
                        return Fail("a number or 'max' after 'to'");
                    }
                }

                items.Add(item);
            }
            else
            {
                return Fail("a field number, a range or a field name");
            }
        }
        while (TryConsumeSymbol(','));

        if (!ExpectSymbol(';'))
        {
            return false;
        }

        declaration = new ReservedDeclaration(items.ToImmutable(), Span(start));
        return true;
    }

    // [optional|repeated] Type name = N [options];   map<K, V> name = N [options];
    private bool TryParseField(bool allowLabel, bool allowMap, out FieldDeclaration? declaration)
    {
        declaration = null;
        var start = Current;
        var label = FieldLabel.None;
        // `optional`/`repeated` are labels when a type follows; otherwise they would be a type's name.
        if (allowLabel && (PeekToken(1).Kind == TokenKind.Identifier || PeekToken(1).IsSymbol('.')))
        {
            if (Current.IsKeyword("optional"))
            {
                Advance();
                label = FieldLabel.Optional;
            }
            else if (Current.IsKeyword("repeated"))
            {
                Advance();
                label = FieldLabel.Repeated;
            }
        }

        TypeReference? mapKey = null;
        TypeReference? type;
        if (Current.IsKeyword("map") && PeekToken(1).IsSymbol('<'))
        {
            if (!allowMap || label != FieldLabel.None)
            {
                return Fail(label != FieldLabel.None ? "a field type (a map field takes no label)" : "a field type (map fields are not allowed here)");
            }

            Advance();
            Advance();
            if (!TryParseTypeReference(out mapKey) || !ExpectSymbol(',') || !TryParseTypeReference(out type) || !ExpectSymbol('>'))
            {
                return false;
            }
        }
        else if (!TryParseTypeReference(out type))
        {
            return false;
        }

        if (!ExpectIdentifier("the field's name", out var name)
            || !ExpectSymbol('=')
            || !ExpectKind(TokenKind.Integer, "the field's number", out var number)
            || !TryParseFieldOptions(out var options)
            || !ExpectSymbol(';'))
        {
            return false;
        }

        declaration = new FieldDeclaration(label, mapKey, type!, name.Text, number.Text, options, start.Doc, name.Range, Span(start));
        return true;
    }

    private bool TryParseTypeReference(out TypeReference? type)
    {
        type = null;
        var start = Current;
        if (!TryParseFullName("a field type", allowLeadingDot: true, out var name, out var range))
        {
            return false;
        }

        type = new TypeReference(name, SourceRange.Cover(start.Range, range));
        return true;
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

    /// <summary>
    /// Parses <c>{ element* }</c> after its '{' was consumed, recovering from each element that fails. Returns false
    /// when the file ends before the closing '}' (that error is reported here).
    /// </summary>
    private bool ParseBlock(System.Func<bool> parseElement)
    {
        if (_nesting >= MaxNesting)
        {
            Fail($"at most {MaxNesting} nested blocks");
            SkipBlockBody();
            return false;
        }

        _nesting++;
        try
        {
            while (!Current.IsSymbol('}'))
            {
                if (AtEnd)
                {
                    return Fail("'}'");
                }

                if (Current.IsSymbol(';'))
                {
                    Advance();
                    continue;
                }

                var start = _position;
                if (!parseElement())
                {
                    Recover();
                }

                if (_position == start && !Current.IsSymbol('}'))
                {
                    // Guarantees progress whatever the element parser did.
                    Advance();
                }
            }

            Advance();
            return true;
        }
        finally
        {
            _nesting--;
        }
    }

    /// <summary>
    /// Skips the rest of a statement that failed: past its ';', past a '{...}' block it opened, or up to (not
    /// past) the '}' that closes the enclosing block.
    /// </summary>
    private void Recover()
    {
        while (!AtEnd)
        {
            if (Current.IsSymbol(';'))
            {
                Advance();
                return;
            }

            if (Current.IsSymbol('}'))
            {
                return;
            }

            if (Current.IsSymbol('{'))
            {
                Advance();
                SkipBlockBody();
                return;
            }

            Advance();
        }
    }

    // Skips to just past the '}' that matches an already consumed '{', iteratively (no recursion on nesting).
    private void SkipBlockBody()
    {
        var depth = 1;
        while (!AtEnd)
        {
            var token = Advance();
            if (token.IsSymbol('{'))
            {
                depth++;
            }
            else if (token.IsSymbol('}') && --depth == 0)
            {
                return;
            }
        }
    }

    private bool ExpectSymbol(char symbol)
    {
        if (Current.IsSymbol(symbol))
        {
            Advance();
            return true;
        }

        return Fail("'" + symbol + "'");
    }

    private bool TryConsumeSymbol(char symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            return false;
        }

        Advance();
        return true;
    }

    private bool ExpectIdentifier(string what, out Token token) => ExpectKind(TokenKind.Identifier, what, out token);

    private bool ExpectString(string what, out Token token) => ExpectKind(TokenKind.String, what, out token);

    private bool ExpectKind(TokenKind kind, string what, out Token token)
    {
        token = Current;
        if (Current.Kind == kind)
        {
            Advance();
            return true;
        }

        return Fail(what);
    }

    /// <summary>Records "expected <paramref name="what"/>, found (current token)" at the current token.</summary>
    private bool Fail(string what)
    {
        // An invalid character was already reported by the lexer, and blocks that all end with the file each fail at
        // the same place: a second error at one place says nothing new.
        var repeated = _errors.Count > 0 && _errors[_errors.Count - 1].Range.Start == Current.Range.Start;
        if (Current.Kind != TokenKind.Invalid && !repeated)
        {
            _errors.Add(new ParseError($"expected {what}, found {Current.Describe()}", Current.Range));
        }

        return false;
    }

    private SourceRange Span(Token start) => SourceRange.Cover(start.Range, Previous.Range);

    private SourceRange SpanBefore(Token start, char symbol) =>
        Previous.IsSymbol(symbol) && _position >= 2
            ? SourceRange.Cover(start.Range, _tokens[_position - 2].Range)
            : Span(start);

    private static bool Add<T>(ImmutableArray<T>.Builder builder, bool parsed, T? item)
        where T : class
    {
        if (parsed && item is not null)
        {
            builder.Add(item);
        }

        return parsed;
    }
}
