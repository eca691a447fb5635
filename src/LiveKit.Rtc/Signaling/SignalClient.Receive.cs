using System;
using System.IO;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Proto;

namespace LiveKit.Rtc.Signaling;

internal sealed partial class SignalClient
{
    /// <summary>
    /// Reads until the connection ends, handing each message to <paramref name="listener"/> (none while this client
    /// closes, when the loop only waits for the server's close frame). A frame that is not a SignalResponse is
    /// counted, logged and dropped: one bad message must not cost the connection. Never throws.
    /// </summary>
    private async Task ReadLoopAsync(ISignalListener? listener)
    {
        try
        {
            while (true)
            {
                SignalFrameKind kind = await _reader.ReceiveAsync(_abort.Token).ConfigureAwait(false);
                RearmPingTimeout();
                if (kind == SignalFrameKind.Close)
                {
                    TryEnd(new SignalClosed(SignalCloseReason.ServerClosed, _socket.CloseStatus, _socket.CloseStatusDescription));
                    break;
                }

                if (ReferenceEquals(Volatile.Read(ref _end), ClosedByClient))
                {
                    continue;
                }

                if (kind != SignalFrameKind.Binary || !TryParse(_reader.Frame, out SignalResponse? response))
                {
                    long dropped = Interlocked.Increment(ref _droppedFrames);
                    string why = kind switch
                    {
                        SignalFrameKind.Text => "a text frame",
                        SignalFrameKind.TooBig => $"over {SignalFrameReader.MaxFrameSize} bytes",
                        _ => $"{_reader.Frame.Length} bytes that are not a SignalResponse",
                    };
                    SignalLog.FrameDropped(_logger, _endpoint, why, dropped);
                    continue;
                }

                if (response.MessageCase == SignalResponse.MessageOneofCase.PongResp)
                {
                    long rtt = _time.GetUtcNow().ToUnixTimeMilliseconds() - response.PongResp.LastPingTimestamp;
                    if (rtt >= 0)
                    {
                        Interlocked.Exchange(ref _roundTripMilliseconds, rtt);
                    }
                }

                Deliver(listener, response);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            TryEnd(new SignalClosed(SignalCloseReason.ConnectionLost, Exception: exception));
        }

        SignalClosed end = Volatile.Read(ref _end)!;
        if (ReferenceEquals(end, ClosedByClient))
        {
            return;
        }

        // The connection ended on its own: stop pinging and sending, answer a close frame, then report, once.
        SignalLog.Ended(_logger, end.Exception, _endpoint, end.Reason, end.CloseStatus, end.CloseDescription);
        StopPing();
        _outgoing.Writer.TryComplete();
        if (end.Reason == SignalCloseReason.ServerClosed && await CompletesWithinAsync(_writeLoop, "the queued requests were not sent").ConfigureAwait(false))
        {
            await SendCloseFrameAsync().ConfigureAwait(false);
        }

        _socket.Abort();
        if (listener is not null)
        {
            try
            {
                listener.OnSignalClosed(end);
            }
            catch (Exception exception)
            {
                SignalLog.ListenerFailed(_logger, exception, nameof(ISignalListener.OnSignalClosed));
            }
        }
    }

    private void Deliver(ISignalListener? listener, SignalResponse response)
    {
        if (listener is null)
        {
            return;
        }

        try
        {
            listener.OnSignalResponse(response);
        }
        catch (Exception exception)
        {
            // A listener bug must not stop the connection; the room loop's own handlers are guarded the same way.
            SignalLog.ListenerFailed(_logger, exception, response.MessageCase.ToString());
        }
    }
}
