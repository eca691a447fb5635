using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Rtc.Engine;
using LiveKit.Rtc.Signaling;
using LiveKit.WebRtc;

namespace LiveKit.Rtc;

// Joining and leaving (brief §1, §3.1, §3.7). ConnectAsync runs on the caller; everything that touches the room's
// state and every emit runs on the room loop.
public sealed partial class Room
{
    private RoomSession? _session;
    private int _connecting;

    /// <summary>The newest access token of the connection (the one connected with, or the last the server refreshed); null when not connected.</summary>
    internal string? CurrentToken => _session?.Token;

    /// <summary>The current connection's engine; null when not connected.</summary>
    internal RtcEngine? Engine => _session?.Engine;

    /// <summary>
    /// Joins the room that <paramref name="token"/> names on the LiveKit server at <paramref name="url"/>, and completes
    /// once the room is connected: the join answered, the room's participants and tracks filled in, the media
    /// connection up, and <c>connected</c> emitted. Handlers registered before the call see every event of the
    /// connection.
    /// </summary>
    /// <param name="url">The server's URL: <c>wss://my-project.livekit.cloud</c>, <c>ws://localhost:7880</c> (http(s) works too).</param>
    /// <param name="token">An access token with a <c>roomJoin</c> grant for the room, signed with the server's API secret.</param>
    /// <param name="options">How to join; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the join; the room is then disconnected and the call throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="RoomConnectException">The join failed; <see cref="RoomConnectException.Failure"/> says why.</exception>
    /// <exception cref="ArgumentException">The URL is not a ws, wss, http or https URL, or an option is out of range.</exception>
    /// <exception cref="InvalidOperationException">The room is connecting or connected already.</exception>
    public async Task ConnectAsync(string url, string token, RoomOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        options ??= new RoomOptions();
        options.Validate();
        var target = new RoomJoinTarget(url, SignalUrl.ForJoin(url, token, new SignalJoinOptions()));
        ObjectDisposedException.ThrowIf(Loop.Completion.IsCompleted, this);
        if (Interlocked.CompareExchange(ref _connecting, 1, 0) != 0 || ConnectionState != ConnectionState.Disconnected)
        {
            throw new InvalidOperationException($"The room is {ConnectionState}: disconnect it before connecting again.");
        }

        try
        {
            await Loop.InvokeAsync(() => SetConnectionState(ConnectionState.Connecting)).ConfigureAwait(false);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    await JoinOnceAsync(target, token, options, isRejoin: false, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (RoomConnectException exception) when (exception.IsRetryable && attempt < options.JoinRetries)
                {
                    RoomLog.JoinRetry(_logger, exception, attempt + 1, exception.Failure, options.JoinRetryDelay);
                    await Task.Delay(options.JoinRetryDelay, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await Loop.InvokeAsync(() => SetConnectionState(ConnectionState.Disconnected)).ConfigureAwait(false);
            throw;
        }
        finally
        {
            Volatile.Write(ref _connecting, 0);
        }
    }

    /// <summary>
    /// Leaves the room: tells the server, closes the connections, and emits the departures, then
    /// <c>connection_state_changed</c> and <c>disconnected</c> (reason <see cref="DisconnectReason.ClientInitiated"/>)
    /// last. Stops a reconnection in progress. Does nothing when the room is not connected.
    /// </summary>
    /// <returns>A task that completes when the connections are closed and the events have run.</returns>
    public async Task DisconnectAsync()
    {
        while (!Loop.Completion.IsCompleted)
        {
            Task? reconnecting = null;
            RoomSession? closing = null;
            await Loop.InvokeAsync(() =>
            {
                if (_reconnect is { Task.IsCompleted: false } reconnect)
                {
                    reconnect.Cancel.Cancel();
                    reconnecting = reconnect.Task;
                }
                else if (_session is { IsConnected: true } session && session.TryBeginClose())
                {
                    closing = session;
                }
            }).ConfigureAwait(false);

            if (reconnecting is not null)
            {
                // It ends with disconnected (ClientInitiated) itself, or rejoined just before: then look again.
                await reconnecting.ConfigureAwait(false);
                continue;
            }

            if (closing is not null)
            {
                var leave = new Proto.LeaveRequest { Reason = Proto.DisconnectReason.ClientInitiated, Action = Proto.LeaveRequest.Types.Action.Disconnect };
                await CloseSessionAsync(closing, leave).ConfigureAwait(false);
                await Loop.InvokeAsync(() => EndSession(closing, DisconnectReason.ClientInitiated)).ConfigureAwait(false);
            }

            return;
        }
    }

    /// <summary>Disconnects (as <see cref="DisconnectAsync"/>), then stops the room loop after the work already queued has run.</summary>
    /// <returns>A task that completes when the room loop has drained.</returns>
    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        await Loop.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// One join: the signal connection, the engine, the room's state from the join response, and the wait for the
    /// primary PeerConnection. Ends with <c>connected</c> (or <c>reconnected</c> for a rejoin) emitted; on failure
    /// everything it opened is closed again.
    /// </summary>
    private async Task JoinOnceAsync(RoomJoinTarget target, string token, RoomOptions options, bool isRejoin, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var joinOptions = new SignalJoinOptions
        {
            AutoSubscribe = options.AutoSubscribe,
            AdaptiveStream = options.AdaptiveStream,
            ConnectTimeout = options.ConnectTimeout,
        };
        SignalClient signal = await SignalClient.ConnectAsync(target.Url, token, joinOptions, _signalLogger, cancellationToken).ConfigureAwait(false);
        var session = new RoomSession(this, signal, target, token, options, isRejoin);
        try
        {
            Proto.JoinResponse join = signal.Join;
            PeerConnectionOptions peerOptions = await PeerConnectionSettings.CreateAsync(
                options.RtcConfiguration, join, target.SignalUri, _logger, timeout.Token).ConfigureAwait(false);
            session.Engine = new RtcEngine(join, peerOptions, signal.SendAsync, session, _logger);
            await Loop.InvokeAsync(() =>
            {
                _session = session;
                ApplyJoin(join, isRejoin);
            }).ConfigureAwait(false);

            signal.Start(session);
            if (!join.SubscriberPrimary || join.FastPublish)
            {
                _ = session.Engine.EnsurePublisherNegotiated();
            }

            Task finished = await Task.WhenAny(session.Engine.PrimaryConnected, session.Failed).WaitAsync(timeout.Token).ConfigureAwait(false);
            if (finished == session.Failed)
            {
                throw await session.Failed.ConfigureAwait(false);
            }

            if (session.Engine.PrimaryConnected.Exception?.GetBaseException() is { } mediaFailure)
            {
                throw new RoomConnectException(
                    RoomConnectFailure.MediaFailure, "The signal connection is up but the media connection failed: " + mediaFailure.Message, mediaFailure);
            }

            await Loop.InvokeAsync(() => OnJoinConnected(session, join)).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            session.TryBeginClose();
            await CloseSessionAsync(session, leave: null).ConfigureAwait(false);
            await Loop.InvokeAsync(() =>
            {
                if (ReferenceEquals(_session, session))
                {
                    ClearRoomState(keepLocalParticipant: isRejoin);
                    _session = null;
                }
            }).ConfigureAwait(false);
            if (exception is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new RoomConnectException(
                    RoomConnectFailure.Timeout,
                    $"The join did not complete within {options.ConnectTimeout.TotalSeconds:0.#} s (RoomOptions.ConnectTimeout): the signal connection is up, the media connection did not connect.",
                    exception);
            }

            throw;
        }
    }

    /// <summary>Closes a session's signal connection (with <paramref name="leave"/> when given) and its engine. Never throws.</summary>
    private async Task CloseSessionAsync(RoomSession session, Proto.LeaveRequest? leave)
    {
        try
        {
            await session.Signal.CloseAsync(leave).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            RoomLog.CloseFailed(_logger, exception);
        }

        try
        {
            if (session.Engine is not null)
            {
                await session.Engine.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            RoomLog.CloseFailed(_logger, exception);
        }
    }

    /// <summary>
    /// The connection of <paramref name="session"/> ended from the server's side or by a failure. Before the join
    /// completed, the join fails with <paramref name="joinFailure"/>; after, the room rejoins when
    /// <paramref name="rejoin"/> (and the options allow it) or disconnects with <paramref name="reason"/>. Room loop only.
    /// </summary>
    private void EndSessionFromServer(RoomSession session, DisconnectReason reason, Exception joinFailure, bool rejoin)
    {
        if (!ReferenceEquals(session, _session))
        {
            return;
        }

        if (!session.IsConnected)
        {
            session.FailJoin(joinFailure);
        }
        else if (rejoin && session.Options.ReconnectDelays.Count > 0)
        {
            BeginRejoin(session, reason);
        }
        else if (session.TryBeginClose())
        {
            _ = CloseAndEndAsync(session, reason);
        }
    }

    /// <summary>
    /// A PeerConnection's state changed. A failed one after the join makes the room rejoin (ICE restarts come with
    /// session resume, a later issue); before the join, the join itself fails. Room loop only.
    /// </summary>
    internal void OnPeerConnectionStateChanged(RoomSession session, bool isPublisher, PeerConnectionState state)
    {
        if (state == PeerConnectionState.Failed)
        {
            EndSessionFromServer(session, DisconnectReason.MediaFailure, new InvalidOperationException(
                $"The {(isPublisher ? "publisher" : "subscriber")} PeerConnection failed."), rejoin: true);
        }
    }

    private async Task CloseAndEndAsync(RoomSession session, DisconnectReason reason)
    {
        await CloseSessionAsync(session, leave: null).ConfigureAwait(false);
        Loop.Post(() => EndSession(session, reason));
    }
}
