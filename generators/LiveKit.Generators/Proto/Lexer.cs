using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LiveKit.Generators.Proto;

/// <summary>
/// Splits schema text into tokens and attaches comment blocks to the token that follows them. Never throws: a
/// character it cannot read becomes an <see cref="TokenKind.Invalid"/> token plus a <see cref="ParseError"/>, and an
/// unterminated string or comment ends at the end of its line or of the file.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly List<ParseError> _errors;
    private int _offset;
    private int _line;
    private int _column;

    // The comment block being collected for the next token, and the lines it spans.
    private readonly List<string> _pendingDoc = new();
    private int _pendingDocEndLine = -1;

    // The line the previous token ended on: a comment starting there trails that token and documents nothing after.
    private int _previousTokenEndLine = -1;

    private Lexer(string text, List<ParseError> errors)
    {
        _text = text;
        _errors = errors;
    }

    /// <summary>Tokenizes <paramref name="text"/>; the list always ends with one <see cref="TokenKind.EndOfFile"/>.</summary>
    public static List<Token> Tokenize(string text, List<ParseError> errors)
    {
        var lexer = new Lexer(text, errors);
        var tokens = new List<Token>();
        while (true)
        {
            var token = lexer.Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.EndOfFile)
            {
                return tokens;
            }
        }
    }

    private bool AtEnd => _offset >= _text.Length;

    private char Current => AtEnd ? '\0' : _text[_offset];

    private char Peek(int ahead) => _offset + ahead < _text.Length ? _text[_offset + ahead] : '\0';

    private Token Next()
    {
        SkipTriviaAndCollectComments();

        var startOffset = _offset;
        var startLine = _line;
        var startColumn = _column;

        TokenKind kind;
        string value;
        if (AtEnd)
        {
            kind = TokenKind.EndOfFile;
            value = string.Empty;
        }
        else if (IsIdentifierStart(Current))
        {
            while (!AtEnd && IsIdentifierPart(Current))
            {
                Advance();
            }

            kind = TokenKind.Identifier;
            value = _text.Substring(startOffset, _offset - startOffset);
        }
        else if (IsDigit(Current) || (Current == '.' && IsDigit(Peek(1))))
        {
            kind = ReadNumber();
            value = _text.Substring(startOffset, _offset - startOffset);
        }
        else if (Current == '"' || Current == '\'')
        {
            kind = TokenKind.String;
            value = ReadString(startLine, startColumn);
        }
        else if (";,.={}[]()<>-+:".IndexOf(Current) >= 0)
        {
            Advance();
            kind = TokenKind.Symbol;
            value = _text.Substring(startOffset, 1);
        }
        else
        {
            var character = Current;
            Advance();
            kind = TokenKind.Invalid;
            value = character.ToString();
            _errors.Add(new ParseError(
                $"unexpected character '{Printable(character)}'",
                new SourceRange(startOffset, _offset, startLine, startColumn, _line, _column)));
        }

        var range = new SourceRange(startOffset, _offset, startLine, startColumn, _line, _column);
        string? doc = null;
        if (_pendingDoc.Count > 0 && _pendingDocEndLine >= startLine - 1)
        {
            TrimBlankEdges(_pendingDoc);
            doc = _pendingDoc.Count > 0 ? string.Join("\n", _pendingDoc) : null;
        }

        _pendingDoc.Clear();
        _pendingDocEndLine = -1;
        _previousTokenEndLine = _line;
        return new Token(kind, _text.Substring(startOffset, _offset - startOffset), value, range, doc);
    }

    private void SkipTriviaAndCollectComments()
    {
        while (!AtEnd)
        {
            if (char.IsWhiteSpace(Current))
            {
                Advance();
            }
            else if (Current == '/' && Peek(1) == '/')
            {
                var startLine = _line;
                var start = _offset;
                while (!AtEnd && Current != '\n' && Current != '\r')
                {
                    Advance();
                }

                AddComment(CleanLineComment(_text.Substring(start, _offset - start)), startLine, startLine);
            }
            else if (Current == '/' && Peek(1) == '*')
            {
                var startLine = _line;
                var startColumn = _column;
                var start = _offset;
                Advance();
                Advance();
                while (!AtEnd && !(Current == '*' && Peek(1) == '/'))
                {
                    Advance();
                }

                if (AtEnd)
                {
                    _errors.Add(new ParseError(
                        "expected '*/' to close the comment",
                        new SourceRange(start, start + 2, startLine, startColumn, startLine, startColumn + 2)));
                    return;
                }

                Advance();
                Advance();
                AddComment(CleanBlockComment(_text.Substring(start + 2, _offset - start - 4)), startLine, _line);
            }
            else
            {
                return;
            }
        }
    }

    private void AddComment(List<string> lines, int startLine, int endLine)
    {
        if (startLine == _previousTokenEndLine)
        {
            // A trailing comment (`int32 a = 1; // note`) belongs to what precedes it.
            _pendingDoc.Clear();
            _pendingDocEndLine = -1;
            return;
        }

        if (_pendingDoc.Count > 0 && startLine > _pendingDocEndLine + 1)
        {
            // A blank line detaches the earlier block (section banners, file headers) from what follows.
            _pendingDoc.Clear();
        }

        _pendingDoc.AddRange(lines);
        _pendingDocEndLine = endLine;
    }

    private TokenKind ReadNumber()
    {
        if (Current == '0' && (Peek(1) == 'x' || Peek(1) == 'X'))
        {
            Advance();
            Advance();
            while (!AtEnd && IsHexDigit(Current))
            {
                Advance();
            }

            return TokenKind.Integer;
        }

        var kind = TokenKind.Integer;
        while (!AtEnd && IsDigit(Current))
        {
            Advance();
        }

        if (Current == '.')
        {
            kind = TokenKind.Float;
            Advance();
            while (!AtEnd && IsDigit(Current))
            {
                Advance();
            }
        }

        if ((Current == 'e' || Current == 'E')
            && (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2)))))
        {
            kind = TokenKind.Float;
            Advance();
            Advance();
            while (!AtEnd && IsDigit(Current))
            {
                Advance();
            }
        }

        return kind;
    }

    private string ReadString(int startLine, int startColumn)
    {
        var start = _offset;
        var quote = Current;
        Advance();
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd || Current == '\n' || Current == '\r')
            {
                _errors.Add(new ParseError(
                    $"expected {quote} to close the string literal",
                    new SourceRange(start, _offset, startLine, startColumn, _line, _column)));
                return value.ToString();
            }

            if (Current == quote)
            {
                Advance();
                return value.ToString();
            }

            if (Current == '\\')
            {
                ReadEscape(value);
            }
            else
            {
                value.Append(Current);
                Advance();
            }
        }
    }

    private void ReadEscape(StringBuilder value)
    {
        var start = _offset;
        var line = _line;
        var column = _column;
        Advance();
        var escape = Current;
        if (AtEnd || escape == '\n' || escape == '\r')
        {
            return;
        }

        Advance();
        switch (escape)
        {
            case 'a': value.Append('\a'); return;
            case 'b': value.Append('\b'); return;
            case 'f': value.Append('\f'); return;
            case 'n': value.Append('\n'); return;
            case 'r': value.Append('\r'); return;
            case 't': value.Append('\t'); return;
            case 'v': value.Append('\v'); return;
            case '\\': case '\'': case '"': case '?': value.Append(escape); return;
            case 'x': case 'X': value.Append((char)ReadDigits(16, 2)); return;
            case 'u': value.Append((char)ReadDigits(16, 4)); return;
        }

        if (escape >= '0' && escape <= '7')
        {
            _offset--;
            _column--;
            value.Append((char)ReadDigits(8, 3));
            return;
        }

        _errors.Add(new ParseError(
            $"invalid escape sequence '\\{Printable(escape)}'",
            new SourceRange(start, _offset, line, column, _line, _column)));
    }

    private int ReadDigits(int radix, int maxDigits)
    {
        var result = 0;
        for (var i = 0; i < maxDigits && !AtEnd; i++)
        {
            var digit = DigitValue(Current);
            if (digit < 0 || digit >= radix)
            {
                break;
            }

            result = (result * radix) + digit;
            Advance();
        }

        return result;
    }

    private void Advance()
    {
        var character = _text[_offset++];
        if (character == '\n' || (character == '\r' && Current != '\n'))
        {
            _line++;
            _column = 0;
        }
        else
        {
            _column++;
        }
    }

    private static List<string> CleanLineComment(string comment)
    {
        // "// text" and "/// text" both read as "text".
        var content = comment.TrimStart('/');
        if (content.StartsWith(" ", System.StringComparison.Ordinal))
        {
            content = content.Substring(1);
        }

        return new List<string> { content.TrimEnd() };
    }

    private static List<string> CleanBlockComment(string content)
    {
        var lines = new List<string>();
        foreach (var raw in content.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("*", System.StringComparison.Ordinal))
            {
                line = line.TrimStart('*').TrimStart();
            }

            lines.Add(line);
        }

        TrimBlankEdges(lines);
        return lines;
    }

    private static void TrimBlankEdges(List<string> lines)
    {
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
    }

    private static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsHexDigit(char c) => DigitValue(c) is >= 0 and < 16;

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string Printable(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c)
            ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
            : c.ToString();
}
