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

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task<JsonElement> ReadEventAsync(string expected, CancellationToken cancellationToken)
    {
        string? line;
        try
        {
            line = await _process.ReadLineAsync(cancellationToken).AsTask().WaitAsync(ConnectTimeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"pion bench (pid {_process.Id}) sent no '{expected}' within {ConnectTimeout.TotalSeconds:0} s; stderr:\n{_process.StderrTail}", e);
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
