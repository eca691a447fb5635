using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LiveKit.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LiveKit.Generators.Tests;

/// <summary>
/// The pipeline caches: an edit that does not touch a schema re-runs no step, and no step output holds a
/// compilation, symbol or syntax node (which would keep old compilations alive and defeat the cache).
/// </summary>
public sealed class IncrementalityTests
{
    private static readonly string[] TrackedSteps =
    [
        TrackingNames.SchemaFiles,
        TrackingNames.SchemaResults,
        TrackingNames.Diagnostics,
        TrackingNames.Bindings,
        TrackingNames.BindingDiagnostics,
        TrackingNames.Schemas,
    ];

    // Valid schemas, one with a schema diagnostic and one binding a class already bound: every step has outputs.
    private static Schema[] AllKindsOfSchemas =>
    [
        Schemas.Chat,
        Schemas.Room,
        new("/schemas/flawed_events.proto", Flawed),
        new("/schemas/flawed_twin_events.proto", Flawed),
    ];

    private const string Flawed = """
        syntax = "proto3";
        option (livekit.events.emitter) = "Flawed.Room";
        option (livekit.events.key_class) = "FlawedEvent";
        message Undocumented { option (livekit.events.event) = "undocumented"; }
        """;

    [Fact]
    public void AnUnrelatedCSharpEditLeavesEveryStepCached()
    {
        var compilation = GeneratorHarness.CreateCompilation(Schemas.ChatRoomSource);
        var driver = GeneratorHarness.CreateDriver(AllKindsOfSchemas);
        var first = driver.RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "/// <summary>Unrelated.</summary>\npublic static class Unrelated { }", GeneratorHarness.ParseOptions));
        var second = first.RunGenerators(edited);

        var firstSteps = first.GetRunResult().Results.Single().TrackedSteps;
        var secondSteps = second.GetRunResult().Results.Single().TrackedSteps;
        foreach (var name in TrackedSteps)
        {
            Assert.True(secondSteps.ContainsKey(name), $"Step '{name}' was not tracked.");
            Assert.Equal(firstSteps[name].Length, secondSteps[name].Length);
            foreach (var (output, reason) in secondSteps[name].SelectMany(step => step.Outputs))
            {
                Assert.True(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step '{name}' ran again ({reason}) for {output}.");
            }
        }

        Assert.Equal(
            first.GetRunResult().GeneratedTrees.Select(t => t.ToString()),
            second.GetRunResult().GeneratedTrees.Select(t => t.ToString()));
    }

    [Fact]
    public void EditingOneSchemaRerunsOnlyThatSchemasSteps()
    {
        var compilation = GeneratorHarness.CreateCompilation(Schemas.ChatRoomSource);
        var chat = new InMemoryAdditionalText(Schemas.Chat.Path, Schemas.Chat.Text);
        var room = new InMemoryAdditionalText(Schemas.Room.Path, Schemas.Room.Text);
        var first = GeneratorHarness.CreateDriver(chat, room).RunGenerators(compilation);

        var editedChat = new InMemoryAdditionalText(chat.Path, Schemas.Chat.Text.Replace("The chat opened.", "The chat was opened."));
        var second = first.ReplaceAdditionalText(chat, editedChat).RunGenerators(compilation);

        var steps = second.GetRunResult().Results.Single().TrackedSteps;
        var reasons = steps[TrackingNames.SchemaResults].Select(step => step.Outputs.Single().Reason).ToList();
        Assert.Equal(1, reasons.Count(reason => reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons.Count(reason => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        // Past the Collect, the room schema's model is equal to the previous run's, so its output is not redone.
        var schemas = steps[TrackingNames.Schemas].SelectMany(step => step.Outputs).ToList();
        Assert.Contains(schemas, output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(schemas, output => output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void NoStepOutputHoldsACompilationSymbolOrSyntaxNode()
    {
        var driver = GeneratorHarness.CreateDriver(AllKindsOfSchemas)
            .RunGenerators(GeneratorHarness.CreateCompilation(Schemas.ChatRoomSource));

        foreach (var (name, steps) in driver.GetRunResult().Results.Single().TrackedSteps)
        {
            foreach (var (output, _) in steps.SelectMany(step => step.Outputs))
            {
                AssertNoRoslynObjects(output, $"step '{name}'", new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    [Fact]
    public void TheObjectGraphWalkFindsANestedCompilation()
    {
        // Guards the test above against passing vacuously.
        var holder = new { Items = new object[] { 1, new List<object> { GeneratorHarness.CreateCompilation() } } };

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            AssertNoRoslynObjects(holder, "holder", new HashSet<object>(ReferenceEqualityComparer.Instance)));
    }

    // Walks the object graph of a step output by reflection, as NetEscapades.EnumGenerators' tests do.
    private static void AssertNoRoslynObjects(object? node, string path, HashSet<object> visited)
    {
        if (node is null || node is string || node.GetType().IsPrimitive || node.GetType().IsEnum || !visited.Add(node))
        {
            return;
        }

        Assert.False(
            node is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel,
            $"{path} holds a {node.GetType().FullName}.");

        // Arrays hold the elements of every collection (lists, dictionaries, ImmutableArray); other objects are
        // walked field by field, which also avoids enumerating a default ImmutableArray.
        if (node is Array array)
        {
            var i = 0;
            foreach (var item in array)
            {
                AssertNoRoslynObjects(item, $"{path}[{i++}]", visited);
            }
        }

        for (var type = node.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.FieldType.IsPointer && !field.FieldType.IsByRefLike)
                {
                    AssertNoRoslynObjects(field.GetValue(node), $"{path}.{field.Name}", visited);
                }
            }
        }
    }
}
