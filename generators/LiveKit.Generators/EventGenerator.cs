using LiveKit.Generators.Common;
using LiveKit.Generators.Emit;
using LiveKit.Generators.Model;
using Microsoft.CodeAnalysis;

namespace LiveKit.Generators;

/// <summary>
/// Generates the typed event API from the event schemas of a project (<c>AdditionalFiles</c> with
/// <c>LiveKitEventSchema="true"</c>). This file only wires the pipeline; each step is a pure function over
/// equatable values, so an edit that does not touch a schema re-runs nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class EventGenerator : IIncrementalGenerator
{
    private const string SchemaMetadata = "build_metadata.AdditionalFiles.LiveKitEventSchema";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var schemaFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair =>
                pair.Right.GetOptions(pair.Left).TryGetValue(SchemaMetadata, out var marked)
                && string.Equals(marked, "true", System.StringComparison.OrdinalIgnoreCase))
            .Select(static (pair, cancellationToken) =>
                new SchemaFile(pair.Left.Path, pair.Left.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .WithTrackingName(TrackingNames.SchemaFiles);

        var results = schemaFiles
            .Select(static (file, _) => SchemaCompiler.Compile(file.Path, file.Text))
            .WithTrackingName(TrackingNames.SchemaResults);

        var diagnostics = results
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        var bindings = results
            .Where(static result => result.Schema is not null)
            .Select(static (result, _) => result.Schema!)
            .Collect()
            .Select(static (schemas, _) => EmitterBindings.Resolve(schemas))
            .WithTrackingName(TrackingNames.Bindings);

        var bindingDiagnostics = bindings
            .SelectMany(static (resolved, _) => resolved.Diagnostics)
            .WithTrackingName(TrackingNames.BindingDiagnostics);
        context.RegisterSourceOutput(bindingDiagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        var schemas = bindings
            .SelectMany(static (resolved, _) => resolved.Schemas)
            .WithTrackingName(TrackingNames.Schemas);
        context.RegisterSourceOutput(schemas, static (output, schema) =>
        {
            foreach (var file in new[] { KeyClassEmitter.Emit(schema), EventArgsEmitter.Emit(schema), EmitterClassEmitter.Emit(schema) })
            {
                output.AddSource(file.HintName, file.Text);
            }
        });
    }
}
