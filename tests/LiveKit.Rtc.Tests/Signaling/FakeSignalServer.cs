using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Rtc.Tests.Signaling;

/// <summary>
/// A scripted HTTP/WebSocket server on 127.0.0.1 for what the LiveKit test server never does on purpose: refuse an
/// upgrade while validate says "success", answer a join with a leave, send garbage, stop answering pings. Each
/// connection is handed to the script as a <see cref="FakeExchange"/>.
/// </summary>
internal sealed class FakeSignalServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<FakeExchange, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _exchanges = new();
    private readonly Task _accepting;

    private FakeSignalServer(Func<FakeExchange, Task> script)
    {
        _script = script;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = $"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The server's URL, <c>ws://127.0.0.1:port</c>.</summary>
    public string Url { get; }

    public static FakeSignalServer Start(Func<FakeExchange, Task> script) => new(script);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        Task[] exchanges;
        lock (_exchanges)
        {
            exchanges = _exchanges.ToArray();
        }

        await Task.WhenAll(exchanges).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_exchanges)
            {
                _exchanges.Add(Task.Run(() => RunAsync(client)));
            }
        }
    }

    private async Task RunAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                FakeExchange exchange = await FakeExchange.ReadAsync(client.GetStream(), _stop.Token);
                await _script(exchange);
            }
            catch (Exception e) when (e is OperationCanceledException or System.IO.IOException or System.Net.WebSockets.WebSocketException)
            {
                // The client hung up or the test ended: part of most scripts. A script's assertion failure shows
                // in the test as what the client did not receive.
            }
        }
    }
}
