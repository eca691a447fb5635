using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LiveKit.Benchmarks;

/// <summary>
/// The data channel benchmarks' job: in process (they run inside the loopback-only network namespace, where a child
/// build could not restore packages), a whole invocation per iteration (each moves megabytes), 2 warm-ups and 10
/// measured iterations, grouped by category (bulk, small messages), each with its pion-to-pion baseline; plus a column
/// with the figure that matters, MB/s or messages/s.
/// </summary>
public sealed class DataChannelBenchmarkConfig : ManualConfig
{
    /// <summary>The job and the column.</summary>
    public DataChannelBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithWarmupCount(2)
            .WithIterationCount(10)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
        AddColumn(new ThroughputColumn());
        AddColumn(CategoriesColumn.Default);
        // pion to pion is the baseline of each category: bulk and small messages.
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
    }

    /// <summary>MB/s (10^6 bytes) for the bulk category, messages/s for the small-message one, from the mean time per operation.</summary>
    private sealed class ThroughputColumn : IColumn
    {
        public string Id => nameof(ThroughputColumn);

        public string ColumnName => "Throughput";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "MB/s (bulk: 65,535-byte messages) or messages/s (100-byte messages), from the mean";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            BenchmarkReport? report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } statistics)
            {
                return "-";
            }

            double secondsPerOperation = statistics.Mean / 1e9;
            return benchmarkCase.Descriptor.Categories.Contains(DataChannelBenchmarks.BulkCategory)
                ? $"{DataChannelBenchmarks.BulkMessageSize / secondsPerOperation / 1e6:0.0} MB/s"
                : $"{1 / secondsPerOperation:0} msg/s";
        }
    }
}
