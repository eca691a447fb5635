using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace LiveKit.Generators.Tests.Infrastructure;

/// <summary>Paths the csproj passes in as assembly metadata.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = Metadata("RepoRoot");

    /// <summary>The Grpc.Tools package folder (it holds protoc and the well-known protos).</summary>
    public static string GrpcToolsPath { get; } = Metadata("GrpcToolsPath");

    public static string ProtoRoot => Path.Combine(RepoRoot, "proto");

    public static string RoomSchemaPath => Path.Combine(ProtoRoot, "events", "room_events.proto");

    public static string OptionsSchemaPath => Path.Combine(ProtoRoot, "events", "options.proto");

    public static string TestsRoot => Path.Combine(RepoRoot, "tests", "LiveKit.Generators.Tests");

    public static string ChatSchemaPath => Path.Combine(TestsRoot, "Schemas", "chat_events.proto");

    public static string ExpectedRoot => Path.Combine(TestsRoot, "Expected");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata; see the csproj.");
}
