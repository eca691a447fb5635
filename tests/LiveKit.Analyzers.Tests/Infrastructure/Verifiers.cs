using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LiveKit.Analyzers.Tests.Infrastructure;

/// <summary>Settings every test shares: local references, the event API, nullable annotations on.</summary>
internal static class TestSetup
{
    /// <summary>Applies the shared settings to <paramref name="test"/>.</summary>
    public static void Configure(AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = TestReferences.ReferenceAssemblies;

        // Compiler warnings count too: test code, and the code a fix produces, must compile cleanly.
        test.CompilerDiagnostics = CompilerDiagnostics.Warnings;
        test.TestState.AdditionalReferences.AddRange(TestReferences.Framework);
        test.TestState.AdditionalReferences.AddRange(StubEventApi.References);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var options = (CSharpCompilationOptions)project.CompilationOptions!;
            var parseOptions = (CSharpParseOptions)project.ParseOptions!;
            return solution
                .WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable))
                .WithProjectParseOptions(projectId, parseOptions.WithLanguageVersion(LanguageVersion.Latest));
        });
    }

    /// <summary>Compiles <paramref name="test"/>'s code with nullable annotations disabled (the C# default).</summary>
    public static void DisableNullable(AnalyzerTest<DefaultVerifier> test) =>
        test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectCompilationOptions(
            projectId,
            ((CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Disable)));
}

/// <summary>Runs an analyzer over test code written with <c>{|#0:...|}</c> markup.</summary>
/// <typeparam name="TAnalyzer">The analyzer.</typeparam>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>The analyzer's only diagnostic, to be given a location.</summary>
    public static DiagnosticResult Diagnostic() => new(new TAnalyzer().SupportedDiagnostics[0]);

    /// <summary>Checks that <paramref name="source"/> produces exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>An analyzer test with the shared settings.</summary>
    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        /// <summary>Creates the test.</summary>
        public Test() => TestSetup.Configure(this);
    }
}

/// <summary>Runs an analyzer and a code fix over test code written with <c>{|#0:...|}</c> markup.</summary>
/// <typeparam name="TAnalyzer">The analyzer.</typeparam>
/// <typeparam name="TCodeFix">The code fix.</typeparam>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>The analyzer's only diagnostic, to be given a location.</summary>
    public static DiagnosticResult Diagnostic() => AnalyzerVerifier<TAnalyzer>.Diagnostic();

    /// <summary>
    /// Checks that <paramref name="source"/> produces <paramref name="expected"/> and that the fix with
    /// <paramref name="equivalenceKey"/>, applied one diagnostic at a time and as Fix All, yields <paramref name="fixedSource"/>.
    /// </summary>
    public static Task VerifyFixAsync(string source, string fixedSource, string? equivalenceKey, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = equivalenceKey };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>A code fix test with the shared settings.</summary>
    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        /// <summary>Creates the test.</summary>
        public Test() => TestSetup.Configure(this);
    }
}
