using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Engine;

// The publisher PeerConnection: this client offers, the server answers with the same id (brief §3.1 step 5). One
// offer is in flight at a time; requests made meanwhile coalesce into one more round once the answer is applied.
internal sealed partial class RtcEngine
{
    private readonly Lock _negotiationGate = new();
    private TaskCompletionSource<Proto.SessionDescription>? _pendingAnswer;
    private Task? _negotiation;
    private Task? _followUp;
    private uint _offerId;

    /// <summary>
    /// Negotiates the publisher PeerConnection, now or right after the round in flight. Returns a task that completes
    /// when a round that started after this call has its answer applied.
    /// </summary>
    public Task NegotiatePublisherAsync()
    {
        lock (_negotiationGate)
        {
            if (_negotiation is { IsCompleted: false } inFlight)
            {
                return _followUp ??= NegotiateAfterAsync(inFlight);
            }

            _negotiation = NegotiateOnceAsync();
            return _negotiation;
        }
    }

    /// <summary>
    /// Starts the first publisher negotiation unless one has started already (failures are logged); returns the
    /// negotiation in flight or the last one.
    /// </summary>
    public Task EnsurePublisherNegotiated()
    {
        Task started;
        lock (_negotiationGate)
        {
            if (_negotiation is not null)
            {
                return _negotiation;
            }

            started = _negotiation = NegotiateOnceAsync();
        }

        _ = started.ContinueWith(
            static (task, state) => RoomLog.PublisherNegotiationFailed((ILogger)state!, task.Exception!.GetBaseException()),
            _logger, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return started;
    }

    /// <summary>Applies the server's answer to the publisher offer it names; answers to older offers are dropped.</summary>
    public void OnPublisherAnswer(Proto.SessionDescription answer)
    {
        TaskCompletionSource<Proto.SessionDescription>? pending;
        lock (_negotiationGate)
        {
            pending = _pendingAnswer;
            if (pending is null || answer.Id != _offerId && answer.Id != 0)
            {
                RoomLog.StaleAnswerDropped(_logger, answer.Id, _offerId);
                return;
            }

            _pendingAnswer = null;
        }

        pending.TrySetResult(answer);
    }

    private async Task NegotiateAfterAsync(Task inFlight)
    {
        try
        {
            await inFlight.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // That round's callers saw its failure; this round is for the requests that came after it.
        }

        Task next;
        lock (_negotiationGate)
        {
            _followUp = null;
            _negotiation = next = NegotiateOnceAsync();
        }

        await next.ConfigureAwait(false);
    }

    private async Task NegotiateOnceAsync()
    {
        await Task.Yield();
        var answered = new TaskCompletionSource<Proto.SessionDescription>(TaskCreationOptions.RunContinuationsAsynchronously);
        SessionDescriptionInit offer = await Publisher.CreateOfferAsync(_closing.Token).ConfigureAwait(false);
        await Publisher.SetLocalDescriptionAsync(offer, _closing.Token).ConfigureAwait(false);
        uint id;
        lock (_negotiationGate)
        {
            id = ++_offerId;
            _pendingAnswer = answered;
        }

        await _send(new Proto.SignalRequest { Offer = new Proto.SessionDescription { Type = offer.TypeName, Sdp = offer.Sdp, Id = id } }, _closing.Token)
            .ConfigureAwait(false);
        Proto.SessionDescription answer = await answered.Task.WaitAsync(_closing.Token).ConfigureAwait(false);
        await Publisher.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Answer, answer.Sdp), _closing.Token).ConfigureAwait(false);
    }
}
