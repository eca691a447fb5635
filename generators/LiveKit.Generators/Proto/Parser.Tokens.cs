using System.Collections.Immutable;

namespace LiveKit.Generators.Proto;

// Token handling: blocks, error recovery, expectations and spans.
internal sealed partial class Parser
{
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
