namespace LiveKit.Generators.Emit;

/// <summary>One output file: its hint name (unique per compilation) and its text.</summary>
internal readonly record struct GeneratedFile(string HintName, string Text);
