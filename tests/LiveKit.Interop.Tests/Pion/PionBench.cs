using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>
/// The pion peer program in <c>-bench</c> mode: each <see cref="ConnectAsync"/> makes two PeerConnections in
/// the Go process, signals them directly (offer, answer, trickled candidates), and returns the time pion took
/// from createOffer until both were connected (ICE and DTLS done), measured in Go. One certificate per side and
/// one API object are made once for the process, as a browser keeps its certificate; the PeerConnections are
/// made before the clock starts and closed after it stops, after the reply was written. The figure to compare
/// with our stack's C# to C# connect is <see cref="ConnectAsync"/>'s result, not the round trip around it
/// (that adds the pipe, the PeerConnections' creation and possibly the previous pair's closing).
/// </summary>
public sealed class PionBench : IAsyncDisposable
{
    /// <summary>How long one connect may take before <see cref="ConnectAsync"/> gives up.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How long one data channel run may take (the Go side gives up after 120 s).</summary>
    public static readonly TimeSpan DataChannelRunTimeout = TimeSpan.FromSeconds(130);

    private readonly PionProcess _process;

    private PionBench(PionProcess process)
    {
        _process = process;
    }

    /// <summary>Builds the program if needed, starts it in bench mode and waits until it is ready.</summary>
    public static async Task<PionBench> StartAsync(Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        string executable = await PionPeerBuild.GetExecutableAsync(cancellationToken);
        var bench = new PionBench(PionProcess.Start(executable, ["-bench"], log));
        try
        {
            await bench.ReadEventAsync("ready", cancellationToken);
            return bench;
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connects one new pair and returns pion's connect time.</summary>
    public async Task<TimeSpan> ConnectAsync(CancellationToken cancellationToken = default)
    {
        await _process.WriteLineAsync("connect", cancellationToken);
        JsonElement connected = await ReadEventAsync("connected", cancellationToken);
        return TimeSpan.FromMicroseconds(connected.GetProperty("micros").GetInt64());
    }

    /// <summary>
    /// Connects the data channel pair of the bench (once per process): two PeerConnections whose ICE sockets have
    /// 4 MiB socket buffers asked (the kernel grants twice that), and one reliable ordered channel between them.
    /// Returns the connect time and the SO_RCVBUF / SO_SNDBUF the kernel granted.
    /// </summary>
    public async Task<(TimeSpan Connect, long ReceiveBuffer, long SendBuffer)> ConnectDataChannelAsync(CancellationToken cancellationToken = default)
    {
        await _process.WriteLineAsync("dcconnect", cancellationToken);
        JsonElement connected = await ReadEventAsync("dcConnected", cancellationToken);
        return (TimeSpan.FromMicroseconds(connected.GetProperty("micros").GetInt64()),
            connected.GetProperty("socketReceiveBuffer").GetInt64(), connected.GetProperty("socketSendBuffer").GetInt64());
    }

    /// <summary>
    /// Sends <paramref name="bytes"/> (rounded up to whole messages) in messages of <paramref name="messageSize"/> over the
    /// data channel pair; returns the time, measured in Go, from the first send until the receiver counted the last one.
    /// </summary>
    public Task<DataChannelBenchResult> BulkAsync(long bytes, int messageSize, CancellationToken cancellationToken = default) =>
        RunDataChannelAsync($"dcbulk {bytes} {messageSize}", cancellationToken);

    /// <summary>Sends <paramref name="count"/> messages of <paramref name="size"/> bytes; timed as <see cref="BulkAsync"/>.</summary>
    public Task<DataChannelBenchResult> MessagesAsync(int count, int size, CancellationToken cancellationToken = default) =>
        RunDataChannelAsync($"dcmessages {count} {size}", cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task<DataChannelBenchResult> RunDataChannelAsync(string line, CancellationToken cancellationToken)
    {
        await _process.WriteLineAsync(line, cancellationToken);
        JsonElement result = await ReadEventAsync("dcResult", cancellationToken, DataChannelRunTimeout);
        return new DataChannelBenchResult(
            TimeSpan.FromMicroseconds(result.GetProperty("micros").GetInt64()),
            result.GetProperty("messages").GetInt64(),
            result.GetProperty("bytes").GetInt64());
    }

    private async Task<JsonElement> ReadEventAsync(string expected, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? ConnectTimeout;
        string? line;
        try
        {
            line = await _process.ReadLineAsync(cancellationToken).AsTask().WaitAsync(limit, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"pion bench (pid {_process.Id}) sent no '{expected}' within {limit.TotalSeconds:0} s; stderr:\n{_process.StderrTail}", e);
        }
        if (line is null)
        {
            throw new PionPeerException(await _process.DescribeExitAsync());
        }
        using JsonDocument document = JsonDocument.Parse(line);
        JsonElement message = document.RootElement.Clone();
        string? type = message.GetProperty("type").GetString();
        if (type != expected)
        {
            throw new PionPeerException(
                $"pion bench (pid {_process.Id}) sent {line} instead of '{expected}'; stderr:\n{_process.StderrTail}");
        }
        return message;
    }
}
