using LiveKit.Generators.Common;

namespace LiveKit.Generators.Model;

/// <summary>
/// The outcome of reading one schema file: the model to generate from (null when the file cannot bind to a class)
/// and the diagnostics. Errors are values here, never exceptions.
/// </summary>
internal sealed record SchemaResult(EventSchema? Schema, EquatableArray<DiagnosticInfo> Diagnostics);
