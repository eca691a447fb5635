using Microsoft.CodeAnalysis;

namespace LiveKit.Generators.Common;

/// <summary>
/// A diagnostic as an equatable value: which rule, its message arguments and where. The pipeline carries these and
/// turns them into <see cref="Diagnostic"/>s only in the reporting output.
/// </summary>
internal sealed record DiagnosticInfo(string Id, EquatableArray<string> MessageArguments, SchemaLocation Location)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SchemaLocation location, params string[] messageArguments) =>
        new(descriptor.Id, messageArguments.ToEquatableArray(), location);

    public Diagnostic ToDiagnostic()
    {
        var arguments = new object[MessageArguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = MessageArguments[i];
        }

        return Diagnostic.Create(Diagnostics.SchemaDiagnostics.ById(Id), Location.ToLocation(), arguments);
    }
}
