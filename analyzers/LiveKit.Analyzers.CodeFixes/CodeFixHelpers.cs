using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace LiveKit.Analyzers.CodeFixes;

/// <summary>Syntax helpers the LK1xxx code fixes share.</summary>
internal static class CodeFixHelpers
{
    /// <summary>
    /// <c>try { statements } catch (Exception exception) { Console.Error.WriteLine(exception); }</c>: the body of an
    /// async method that observes and logs its own exceptions. Type names are simplified and their usings added when
    /// the fix is applied.
    /// </summary>
    /// <param name="statements">The statements to guard.</param>
    /// <param name="exceptionName">The catch variable's name.</param>
    /// <param name="generator">The document's syntax generator.</param>
    /// <param name="compilation">The document's compilation, for the BCL types.</param>
    /// <param name="newLine">The document's line break.</param>
    /// <returns>The try statement.</returns>
    public static TryStatementSyntax CatchAndLog(SyntaxList<StatementSyntax> statements, string exceptionName, SyntaxGenerator generator, Compilation compilation, string newLine)
    {
        // Console.Error.WriteLine(exception);
        var writeLine = SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                BclType("System.Console", generator, compilation),
                SyntaxFactory.IdentifierName("Error")),
            SyntaxFactory.IdentifierName("WriteLine"));
        var log = SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
            writeLine,
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(exceptionName))))));

        var catchClause = SyntaxFactory.CatchClause(
            SyntaxFactory.CatchDeclaration(BclType("System.Exception", generator, compilation), SyntaxFactory.Identifier(exceptionName)),
            filter: null,
            MultiLineBlock([log], newLine));
        return SyntaxFactory.TryStatement(MultiLineBlock(statements, newLine), SyntaxFactory.SingletonList(catchClause), @finally: null)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>
    /// A block with a line break after its <c>{</c> and after each statement. The formatter keeps a block that is on
    /// one line on one line; this one it lays out over several.
    /// </summary>
    public static BlockSyntax MultiLineBlock(IEnumerable<StatementSyntax> statements, string newLine) =>
        SyntaxFactory.Block(
            SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)),
            SyntaxFactory.List(statements.Select(statement => EndWithNewLine(statement, newLine))),
            SyntaxFactory.Token(SyntaxKind.CloseBraceToken));

    private static StatementSyntax EndWithNewLine(StatementSyntax statement, string newLine)
    {
        var trailing = statement.GetTrailingTrivia();
        return trailing.Any(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            ? statement
            : statement.WithTrailingTrivia(trailing.Add(SyntaxFactory.EndOfLine(newLine)));
    }

    /// <summary>
    /// A reference to the BCL type <paramref name="metadataName"/>, fully qualified and annotated so that it is
    /// simplified, and its using added, when the fix is applied.
    /// </summary>
    public static TypeSyntax BclType(string metadataName, SyntaxGenerator generator, Compilation compilation) =>
        compilation.GetTypeByMetadataName(metadataName) is { } type
            ? TypeReference(type, generator)
            : SyntaxFactory.ParseTypeName("global::" + metadataName).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>
    /// A reference to <paramref name="type"/> (without a top-level <c>?</c>: callers add it), fully qualified and
    /// annotated so that it is simplified, and the usings it needs added, when the fix is applied.
    /// </summary>
    public static TypeSyntax TypeReference(ITypeSymbol type, SyntaxGenerator generator) =>
        ((TypeSyntax)generator.TypeExpression(type.WithNullableAnnotation(NullableAnnotation.None)))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>
    /// The statements of an anonymous function's or method's body: its block's, or its expression body as an
    /// expression statement (an async void body's expression is always a statement expression).
    /// </summary>
    public static SyntaxList<StatementSyntax> BodyStatements(BlockSyntax? block, ExpressionSyntax? expression) =>
        block is not null
            ? block.Statements
            : SyntaxFactory.SingletonList<StatementSyntax>(SyntaxFactory.ExpressionStatement(expression!.WithoutTrivia()));

    /// <summary><c>System.Threading.Tasks.Task</c>, to be simplified (and its using added) when the fix is applied.</summary>
    public static TypeSyntax TaskType(SyntaxGenerator generator, Compilation compilation) =>
        BclType("System.Threading.Tasks.Task", generator, compilation);

    /// <summary>The line break the document uses (the first one found), or <see cref="Environment.NewLine"/>.</summary>
    public static string GetNewLine(SyntaxNode root)
    {
        foreach (var trivia in root.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia.ToString();
            }
        }

        return Environment.NewLine;
    }

    /// <summary>
    /// <paramref name="baseName"/>, or with the first free number appended: a name no symbol visible at
    /// <paramref name="position"/> has and that is not in <paramref name="alsoTaken"/>.
    /// </summary>
    public static string UniqueName(string baseName, SemanticModel semanticModel, int position, ISet<string> alsoTaken)
    {
        var name = baseName;
        for (var i = 2; alsoTaken.Contains(name) || semanticModel.LookupSymbols(position, name: name).Length > 0; i++)
        {
            name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>Every identifier written inside <paramref name="node"/>, so that new names never collide with its locals.</summary>
    public static HashSet<string> IdentifiersIn(SyntaxNode node) =>
        new(node.DescendantTokens().Where(token => token.IsKind(SyntaxKind.IdentifierToken)).Select(token => token.ValueText), StringComparer.Ordinal);

    /// <summary>
    /// The event name of an event key type: <c>TrackSubscribedKey</c> gives <c>TrackSubscribed</c>.
    /// </summary>
    public static string EventNameOf(ITypeSymbol keyType)
    {
        var name = keyType.Name;
        return name.Length > 3 && name.EndsWith("Key", StringComparison.Ordinal) ? name.Substring(0, name.Length - 3) : name;
    }

    /// <summary><c>TrackSubscribed</c> gives <c>trackSubscribed</c>.</summary>
    public static string CamelCase(string name) =>
        name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    /// <summary>
    /// A private field declaration <c>private [static] Type? name;</c>, the type simplified and its using added when the
    /// fix is applied.
    /// </summary>
    public static FieldDeclarationSyntax PrivateField(TypeSyntax type, string name, bool isStatic, bool nullable)
    {
        var modifiers = SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword));
        if (isStatic)
        {
            modifiers = modifiers.Add(SyntaxFactory.Token(SyntaxKind.StaticKeyword));
        }

        if (nullable)
        {
            type = SyntaxFactory.NullableType(type);
        }

        return SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(type, SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name))))
            .WithModifiers(modifiers)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>
    /// <paramref name="type"/> with <paramref name="field"/> added after its last field, or first when it has none.
    /// </summary>
    public static TypeDeclarationSyntax AddField(TypeDeclarationSyntax type, FieldDeclarationSyntax field)
    {
        var lastField = type.Members.LastOrDefault(member => member is FieldDeclarationSyntax);
        var index = lastField is null ? 0 : type.Members.IndexOf(lastField) + 1;
        return type.WithMembers(type.Members.Insert(index, field));
    }

    /// <summary>
    /// True when code at <paramref name="node"/> runs without an instance: in a static member, static lambda or static
    /// local function, or in a static field initializer.
    /// </summary>
    public static bool IsInStaticContext(SemanticModel semanticModel, SyntaxNode node)
    {
        for (var symbol = semanticModel.GetEnclosingSymbol(node.SpanStart); symbol is not null and not INamedTypeSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol.IsStatic)
            {
                return true;
            }
        }

        return false;
    }
}
