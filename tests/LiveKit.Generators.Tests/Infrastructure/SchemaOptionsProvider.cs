using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LiveKit.Generators.Tests.Infrastructure;

/// <summary>
/// What MSBuild gives the generator for a project's schemas: the <c>LiveKitEventSchema</c> item metadata, visible as
/// <c>build_metadata.AdditionalFiles.LiveKitEventSchema</c>, set on the additional files whose path is listed.
/// </summary>
internal sealed class SchemaOptionsProvider(IReadOnlyCollection<string> schemaPaths) : AnalyzerConfigOptionsProvider
{
    private static readonly AnalyzerConfigOptions Marked =
        new Options(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.LiveKitEventSchema"] = "true" });

    private static readonly AnalyzerConfigOptions None = new Options(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GlobalOptions => None;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        new HashSet<string>(schemaPaths).Contains(textFile.Path) ? Marked : None;

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
