using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LiveKit.Benchmarks;

/// <summary>
/// The join benchmarks' job: in process (they run inside the loopback-only network namespace, where a child build could
/// not restore packages, and the browser and the server live across iterations), one join per iteration with the
/// disconnect outside the measurement, 3 warm-ups and 20 measured iterations (Chromium is slow, a join is tens of ms),
/// and the median beside the mean: a browser has the odd slow iteration.
/// </summary>
public sealed class TestServerJoinBenchmarkConfig : ManualConfig
{
    /// <summary>The job and the columns.</summary>
    public TestServerJoinBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithWarmupCount(3)
            .WithIterationCount(20)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
    }
}
