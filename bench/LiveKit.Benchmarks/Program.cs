using BenchmarkDotNet.Running;

namespace LiveKit.Benchmarks;

/// <summary>
/// Runs the suites the command line selects, e.g. <c>--filter '*Emit*' --job short</c>; or, with
/// <c>forwarding-cost</c> first, <see cref="ForwardingCostBenchmark"/>, which measures CPU time, not BenchmarkDotNet's
/// wall time.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == ForwardingCostBenchmark.Verb)
        {
            return ForwardingCostBenchmark.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
