namespace LiveKit.Generators.Proto;

/// <summary>
/// Where a piece of syntax sits in the schema text: offsets for <c>TextSpan</c>, zero-based lines and columns for
/// <c>LinePositionSpan</c>. Kept together so a diagnostic can be placed without re-reading the text.
/// </summary>
internal readonly record struct SourceRange(int Start, int End, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public int Length => End - Start;

    /// <summary>The range from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static SourceRange Cover(SourceRange first, SourceRange last) =>
        new(first.Start, last.End, first.StartLine, first.StartColumn, last.EndLine, last.EndColumn);
}
