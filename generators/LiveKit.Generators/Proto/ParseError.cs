namespace LiveKit.Generators.Proto;

/// <summary>A lexical or syntax error: what was expected and where. Becomes an LK0001 diagnostic.</summary>
internal sealed record ParseError(string Message, SourceRange Range);
