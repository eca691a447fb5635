using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LiveKit.Generators.Common;

/// <summary>
/// A place in a schema file as plain values. Models keep this rather than a Roslyn <see cref="Location"/>, which is
/// not equatable by value and would defeat the incremental cache; it becomes a <see cref="Location"/> only when a
/// diagnostic is reported. Lines and columns are zero-based, as Roslyn's <see cref="LinePosition"/>.
/// </summary>
internal readonly record struct SchemaLocation(
    string FilePath,
    int Start,
    int Length,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn)
{
    public Location ToLocation() =>
        Location.Create(
            FilePath,
            new TextSpan(Start, Length),
            new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}
