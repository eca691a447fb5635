using System;
using System.Collections.Generic;
using System.IO;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.Rtc.Tests.Signaling;

/// <summary>One HTTP request to a <see cref="FakeSignalServer"/>: answer it, or accept its WebSocket upgrade (RFC 6455 §4.2.2).</summary>
internal sealed class FakeExchange
{
    private readonly Stream _stream;
    private readonly Dictionary<string, string> _headers;

    private FakeExchange(Stream stream, string path, string query, Dictionary<string, string> headers)
    {
        _stream = stream;
        Path = path;
        Query = query;
        _headers = headers;
    }

    /// <summary>The request path, e.g. <c>/rtc</c> or <c>/rtc/validate</c>.</summary>
    public string Path { get; }

    /// <summary>The query without its '?'.</summary>
    public string Query { get; }

    public bool IsWebSocketUpgrade => _headers.TryGetValue("upgrade", out string? upgrade) && upgrade.Equals("websocket", StringComparison.OrdinalIgnoreCase);

    public static async Task<FakeExchange> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        byte[] one = new byte[1];
        while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("The client closed before sending a request.");
            }

            head.Add(one[0]);
        }

        string[] lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string target = lines[0].Split(' ')[1];
        int question = target.IndexOf('?');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines[1..])
        {
            int colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return new FakeExchange(
            stream,
            question < 0 ? target : target[..question],
            question < 0 ? "" : target[(question + 1)..],
            headers);
    }

    /// <summary>Answers with <paramref name="status"/> and a text body, and closes.</summary>
    public async Task RespondAsync(int status, string body)
    {
        byte[] content = Encoding.UTF8.GetBytes(body);
        string head = $"HTTP/1.1 {status} Status\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n";
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await _stream.WriteAsync(content);
        await _stream.FlushAsync();
    }

    /// <summary>Completes the upgrade and returns the server side of the WebSocket.</summary>
    public async Task<WebSocket> AcceptWebSocketAsync()
    {
        string key = _headers["sec-websocket-key"];
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        string head = $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n";
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await _stream.FlushAsync();
        return WebSocket.CreateFromStream(_stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
    }

    /// <summary>A join response as a LiveKit server sends it, with the given ping settings.</summary>
    public static SignalResponse JoinResponse(int pingInterval = 0, int pingTimeout = 0) => new()
    {
        Join = new JoinResponse
        {
            Room = new Proto.Room { Sid = "RM_fake", Name = "fake-room" },
            Participant = new ParticipantInfo { Sid = "PA_fake", Identity = "alice", State = ParticipantInfo.Types.State.Joined },
            PingInterval = pingInterval,
            PingTimeout = pingTimeout,
        },
    };

    /// <summary>Sends one binary frame.</summary>
    public static Task SendAsync(WebSocket socket, IMessage message) =>
        socket.SendAsync(message.ToByteArray(), WebSocketMessageType.Binary, true, CancellationToken.None);

    /// <summary>Reads the next request, or null at the client's close frame.</summary>
    public static async Task<SignalRequest?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var message = new MemoryStream();
        byte[] buffer = new byte[4096];
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return SignalRequest.Parser.ParseFrom(message.ToArray());
            }
        }
    }
}
