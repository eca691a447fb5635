namespace LiveKit.Generators.Proto;

/// <summary>One token of a schema.</summary>
/// <param name="Kind">Its lexical class.</param>
/// <param name="Text">The source text as written (for strings, with the quotes).</param>
/// <param name="Value">The meaning: unescaped content for strings, otherwise the text.</param>
/// <param name="Range">Where it is.</param>
/// <param name="Doc">
/// The comment block right above the token (no blank line between), cleaned of comment markers; null when there is
/// none. The parser gives it to the declaration the token starts.
/// </param>
internal readonly record struct Token(TokenKind Kind, string Text, string Value, SourceRange Range, string? Doc)
{
    public bool IsSymbol(char symbol) => Kind == TokenKind.Symbol && Text.Length == 1 && Text[0] == symbol;

    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && Text == keyword;

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "the end of the file",
        TokenKind.String => "a string literal",
        _ => "'" + Text + "'",
    };
}
