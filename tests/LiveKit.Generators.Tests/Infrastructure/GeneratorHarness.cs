using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LiveKit.Generators.Tests.Infrastructure;

/// <summary>A schema as the generator sees it: an additional file marked as schema.</summary>
internal sealed record Schema(string Path, string Text);

/// <summary>The outcome of one generator run.</summary>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    IReadOnlyDictionary<string, string> Files)
{
    /// <summary>
    /// Every diagnostic of the output compilation (generated code included) of warning severity or above; the
    /// consuming projects build with warnings as errors, so this must be empty.
    /// </summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}

/// <summary>Runs <see cref="EventGenerator"/> in memory, the way the compiler does.</summary>
internal static class GeneratorHarness
{
    // Diagnose makes missing XML docs (CS1591) warnings, as in the consuming projects.
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "GeneratorTestAssembly",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(params Schema[] schemas) =>
        CreateDriver(schemas.Select(schema => new InMemoryAdditionalText(schema.Path, schema.Text)).ToArray());

    /// <summary>A driver over these files, all marked as schemas (keep them to replace one later).</summary>
    public static GeneratorDriver CreateDriver(params InMemoryAdditionalText[] schemaFiles) =>
        CSharpGeneratorDriver.Create(
            [new EventGenerator().AsSourceGenerator()],
            schemaFiles,
            ParseOptions,
            new SchemaOptionsProvider(schemaFiles.Select(file => file.Path).ToList()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(Schema[] schemas, params string[] sources) =>
        Run(CreateDriver(schemas), CreateCompilation(sources));

    public static GeneratorRun Run(Schema schema, params string[] sources) => Run([schema], sources);

    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult();
        var files = result.Results
            .SelectMany(r => r.GeneratedSources)
            .ToDictionary(source => source.HintName, source => source.SourceText.ToString());
        return new GeneratorRun(driver, output, result.Diagnostics, files);
    }

    /// <summary>Only the generator's diagnostics of a schema: no C# needed.</summary>
    public static ImmutableArray<Diagnostic> Diagnose(string schemaText, string path = "/schemas/test_events.proto") =>
        Run(new Schema(path, schemaText)).GeneratorDiagnostics;
}
