namespace LiveKit.Generators;

/// <summary>
/// The names of the pipeline's steps (<c>WithTrackingName</c>). Tests read a run's steps by these names to check that
/// an unrelated edit leaves every step cached.
/// </summary>
public static class TrackingNames
{
    /// <summary>Additional files marked as schemas, read into path and text.</summary>
    public const string SchemaFiles = nameof(SchemaFiles);

    /// <summary>Each schema parsed and checked: model plus diagnostics.</summary>
    public const string SchemaResults = nameof(SchemaResults);

    /// <summary>The diagnostics of each schema, one item each.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>All schemas that bind to a class, collected to check no two bind the same class.</summary>
    public const string Bindings = nameof(Bindings);

    /// <summary>The schemas to generate from, one item each.</summary>
    public const string Schemas = nameof(Schemas);

    /// <summary>Diagnostics about two schemas binding the same class.</summary>
    public const string BindingDiagnostics = nameof(BindingDiagnostics);
}
