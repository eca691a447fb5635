using System.Collections.Generic;
using System.Collections.Immutable;
using LiveKit.Generators.Common;
using LiveKit.Generators.Diagnostics;

namespace LiveKit.Generators.Model;

/// <summary>
/// The schemas of a compilation, less any that bind a class another schema already binds: each class gets its
/// handler lists and its EventLogger declaration once, and the generated file names stay unique.
/// </summary>
internal sealed record EmitterBindings(EquatableArray<EventSchema> Schemas, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static EmitterBindings Resolve(ImmutableArray<EventSchema> schemas)
    {
        var unique = new List<EventSchema>();
        var diagnostics = new List<DiagnosticInfo>();
        var owners = new Dictionary<string, EventSchema>(System.StringComparer.Ordinal);

        // Ordered by path so the schema that wins does not depend on the order the files were listed in.
        var ordered = new List<EventSchema>(schemas);
        ordered.Sort((left, right) => string.CompareOrdinal(left.FilePath, right.FilePath));
        foreach (var schema in ordered)
        {
            if (owners.TryGetValue(schema.EmitterFullName, out var owner))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    SchemaDiagnostics.InvalidBinding,
                    schema.EmitterLocation,
                    $"class '{schema.EmitterFullName}' is already bound by the schema '{owner.FilePath}'; one schema per class"));
                continue;
            }

            owners.Add(schema.EmitterFullName, schema);
            unique.Add(schema);
        }

        return new EmitterBindings(unique.ToEquatableArray(), diagnostics.ToEquatableArray());
    }
}
