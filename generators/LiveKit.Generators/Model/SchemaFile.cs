namespace LiveKit.Generators.Model;

/// <summary>A schema's path and content: the input of <see cref="SchemaCompiler.Compile"/>, equatable by value.</summary>
internal sealed record SchemaFile(string Path, string Text);
