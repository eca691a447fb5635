using System.Collections.Immutable;
using System.Text;

namespace LiveKit.Generators.Proto;

// Messages, enums, extend blocks, oneofs, reserved statements, fields and type references.
internal sealed partial class Parser
{
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
}
