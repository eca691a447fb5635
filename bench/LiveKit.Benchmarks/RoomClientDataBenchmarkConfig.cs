using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LiveKit.Benchmarks;

/// <summary>
/// The room client's data benchmarks' job: in process (the loopback-only network namespace, where a child build could
/// not restore packages; the server and the rooms live across iterations), one batch of messages per iteration (each
/// lasts a second or more), 2 warm-ups and 10 measured iterations, with the median, min and max beside the mean, and
/// the throughput (messages/s and MB/s of payload) from the median time per message.
/// </summary>
public sealed class RoomClientDataBenchmarkConfig : ManualConfig
{
    /// <summary>The job and the columns.</summary>
    public RoomClientDataBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithWarmupCount(2)
            .WithIterationCount(10)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
        AddColumn(new ThroughputColumn(megabytes: false), new ThroughputColumn(megabytes: true));
    }

    /// <summary>Messages/s, or MB/s (10^6 bytes of payload, 1,024 per message), from the median time per message.</summary>
    private sealed class ThroughputColumn(bool megabytes) : IColumn
    {
        public string Id => nameof(ThroughputColumn) + (megabytes ? "MB" : "Msg");

        public string ColumnName => megabytes ? "MB/s (median)" : "msg/s (median)";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => megabytes ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => megabytes
            ? "Payload MB/s (10^6 bytes, 1,024 per message) from the median time per message"
            : "Messages per second from the median time per message";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (summary[benchmarkCase]?.ResultStatistics is not { } statistics)
            {
                return "-";
            }

            double messagesPerSecond = 1e9 / statistics.Median;
            return megabytes
                ? $"{messagesPerSecond * RoomClientMessageCounter.MessageSize / 1e6:0.00}"
                : $"{messagesPerSecond:0}";
        }
    }
}
