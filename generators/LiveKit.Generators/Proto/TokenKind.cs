namespace LiveKit.Generators.Proto;

/// <summary>The lexical classes of the proto3 subset.</summary>
internal enum TokenKind
{
    /// <summary>A name or a keyword: proto keywords are contextual, the parser tells them apart.</summary>
    Identifier,

    /// <summary>A decimal, hexadecimal or octal integer literal.</summary>
    Integer,

    /// <summary>A floating point literal (<c>inf</c> and <c>nan</c> lex as identifiers).</summary>
    Float,

    /// <summary>A single or double quoted string literal; the token's value is the unescaped text.</summary>
    String,

    /// <summary>One punctuation character: <c>; , . = { } [ ] ( ) &lt; &gt; - +</c>.</summary>
    Symbol,

    /// <summary>A character the language does not use; the lexer has reported it.</summary>
    Invalid,

    /// <summary>The end of the text.</summary>
    EndOfFile,
}
