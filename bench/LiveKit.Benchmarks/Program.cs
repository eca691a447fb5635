using System.Runtime.CompilerServices;
using BenchmarkDotNet.Running;

namespace LiveKit.Benchmarks;

/// <summary>
/// Runs the suites the command line selects, e.g. <c>--filter '*Emit*' --job short</c>; or, with a verb first, one of the
/// benchmarks that measure CPU time, per-call latency or a process rather than BenchmarkDotNet's wall time:
/// <see cref="ForwardingCostBenchmark"/> (<c>forwarding-cost</c>), <see cref="AudioCaptureLatencyBenchmark"/>
/// (<c>audio-capture-latency</c>), <see cref="AudioSubscriberBenchmark"/> (<c>audio-subscribe</c>) and the process it
/// starts, <see cref="AudioSubscriberProcess"/> (<c>audio-subscriber</c>; its Native AOT build is
/// LiveKit.Benchmarks.AudioSubscriber).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == ForwardingCostBenchmark.Verb)
        {
            return ForwardingCostBenchmark.Run(args[1..]);
        }

        switch (args.Length > 0 ? args[0] : "")
        {
            case AudioCaptureLatencyBenchmark.Verb:
                return AudioCaptureLatencyBenchmark.Run(args[1..]);
            case AudioSubscriberBenchmark.Verb:
                return AudioSubscriberBenchmark.Run(args[1..]);
            case AudioSubscriberProcess.Verb:
                return AudioSubscriberProcess.Run(args[1..]);
        }

        return RunBenchmarkDotNet(args);
    }

    // Apart, so that the verbs (the audio subscriber's resident memory above all) do not load BenchmarkDotNet.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunBenchmarkDotNet(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
