using BenchmarkDotNet.Running;

namespace LiveKit.Benchmarks;

/// <summary>Runs the suites the command line selects, e.g. <c>--filter '*Emit*' --job short</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
