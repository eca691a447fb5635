using System.Linq;
using LiveKit.Generators.Common;
using LiveKit.Generators.Diagnostics;
using LiveKit.Generators.Proto;

namespace LiveKit.Generators.Model;

/// <summary>
/// Schema text in, model and diagnostics out: the whole front end as one pure function, which is what the
/// incremental pipeline caches per file.
/// </summary>
internal static class SchemaCompiler
{
    public static SchemaResult Compile(string path, string text)
    {
        var file = Parser.Parse(text);
        if (file.Errors.Length > 0)
        {
            // A tree recovered from errors misses declarations; checking it would add false LK0002..LK0007 errors.
            var errors = file.Errors
                .Select(error => DiagnosticInfo.Create(
                    SchemaDiagnostics.MalformedSchema,
                    new SchemaLocation(path, error.Range.Start, error.Range.Length, error.Range.StartLine, error.Range.StartColumn, error.Range.EndLine, error.Range.EndColumn),
                    error.Message))
                .ToEquatableArray();
            return new SchemaResult(null, errors);
        }

        return SchemaBuilder.Build(path, file);
    }
}
