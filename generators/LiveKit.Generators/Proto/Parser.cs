using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace LiveKit.Generators.Proto;

/// <summary>
/// Recursive descent parser of the proto3 subset event schemas use (see <see cref="ProtoFile"/>). It never throws:
/// a statement that does not parse records one <see cref="ParseError"/> ("expected X, found Y", at Y) and the parser
/// resynchronizes at the end of that statement, so one typo yields one error rather than a cascade.
/// </summary>
internal sealed partial class Parser
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
}
