using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using LiveKit.WebRtc.Stun;

namespace LiveKit.WebRtc.Ice;

/// <summary>
/// The sending side: paced checks (RFC 8445 §6.1.4) retransmitted per RFC 8489 §6.2.1, nomination (§8.1.1) and
/// consent (RFC 7675 §5.1).
/// </summary>
internal sealed partial class IceAgent
{
    private void OnTick()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            long now = _options.TimeProvider.GetTimestamp();
            RetransmitOrExpire(now);
            RunPacedWork(now);
            if (_selectedPair is not null && !_restarting)
            {
                RunConsentChecks(now);
            }

            // Settled (a pair selected, nothing in flight but consent): only consent is left to pace, and it works in
            // seconds, so the timer slows down; anything new puts it back to Ta (UseCheckPace).
            if (_selectedPair is not null && !_restarting && _gatheringTransactions.Count == 0 && _pendingGathering.Count == 0
                && !HasCheckInFlight())
            {
                SetTimerPeriod(_options.SettledTickInterval);
            }
        }

        RaisePendingEvents();
    }

    private bool HasCheckInFlight()
    {
        foreach (IceCheckTransaction transaction in _transactions.Values)
        {
            if (!transaction.IsConsent)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Starts at most one new transaction per Ta (RFC 8445 §14): a gathering request, else a connectivity check. Called
    /// by the timer and, so that nothing waits for the next tick, whenever work appears (checks started, a candidate
    /// added, a request or response handled); the last start time keeps the pace either way. Caller holds the lock.
    /// </summary>
    private void RunPacedWork(long now)
    {
        // Failed is final until an ICE restart (RFC 7675 §5.1, RFC 8445 §9), so no more checks run in it.
        bool checking = _checksStarted && _remoteCredentials is not null && (_selectedPair is null || _restarting)
            && State != IceConnectionState.Failed;
        if (checking && TryNominateNow(now))
        {
            return;
        }

        // 90% of Ta: the timer's own jitter must not push a check to the tick after next.
        if (_lastPacedAt != 0 && _options.TimeProvider.GetElapsedTime(_lastPacedAt, now) < _options.CheckInterval * 0.9)
        {
            return;
        }

        bool slotTaken = RunGathering(now);
        if (checking && !slotTaken)
        {
            RunConnectivityChecks(now);
        }
    }

    /// <summary>
    /// §8.1.1 regular nomination, without waiting for the pace: when the best valid pair is the best pair there is (no
    /// pair of higher priority can still succeed), checking further cannot find a better one, so nominate it now.
    /// </summary>
    private bool TryNominateNow(long now)
    {
        if (Role != IceRole.Controlling || HasPendingNomination() || _checkList.BestValidPair() is not { } best)
        {
            return false;
        }

        foreach (IceCandidatePair pair in _checkList.Pairs)
        {
            if (pair.State != IceCandidatePairState.Failed && pair.Priority > best.Priority)
            {
                return false;
            }
        }

        best.Nominating = true;
        SendCheck(best, useCandidate: true, isConsent: false, now);
        return true;
    }

    private void RetransmitOrExpire(long now)
    {
        List<StunTransactionId>? expired = null;
        foreach (IceCheckTransaction transaction in _transactions.Values)
        {
            // RFC 8489 §6.2.1: the wait doubles after each retransmission, and after the last one it is Rm × RTO.
            if (_options.TimeProvider.GetElapsedTime(transaction.LastSentAt, now) < transaction.CurrentWait)
            {
                continue;
            }

            // Consent checks are not retransmitted (RFC 7675 §5.1): the next one is just sent on schedule.
            if (transaction.IsConsent || !transaction.Retransmission.MayRetransmit(transaction.Retransmits + 1))
            {
                (expired ??= new()).Add(transaction.Id);
                if (!transaction.IsConsent && transaction.Pair.State == IceCandidatePairState.InProgress)
                {
                    transaction.Pair.State = IceCandidatePairState.Failed;
                }

                continue;
            }

            transaction.Retransmits++;
            transaction.LastSentAt = now;
            SocketOf(transaction.Pair.Local)?.TrySend(transaction.Message, transaction.Pair.RemoteSocketAddress);
        }

        if (expired is not null)
        {
            foreach (StunTransactionId id in expired)
            {
                _transactions.Remove(id);
            }
        }
    }

    private void RunConnectivityChecks(long now)
    {
        // §6.1.4.2: one check per Ta; triggered checks first, then the best Waiting (or Frozen) pair.
        IceCandidatePair? next = null;
        while (next is null && _triggeredChecks.TryDequeue(out IceCandidatePair? triggered))
        {
            if (triggered.State == IceCandidatePairState.Waiting)
            {
                next = triggered;
            }
        }

        next ??= _checkList.NextOrdinaryCheck();
        if (next is not null)
        {
            SendCheck(next, useCandidate: false, isConsent: false, now);
            if (State == IceConnectionState.New)
            {
                SetState(IceConnectionState.Checking);
            }

            return;
        }

        // §8.1.1 regular nomination: once checks have produced a valid pair, the controlling agent repeats the check
        // on the best one with USE-CANDIDATE. Only one nomination is in flight at a time.
        if (Role == IceRole.Controlling && !HasPendingNomination() && _checkList.BestValidPair() is { } best)
        {
            best.Nominating = true;
            SendCheck(best, useCandidate: true, isConsent: false, now);
            return;
        }

        if (_remoteEndOfCandidates && _checkList.AllFailed && _transactions.Count == 0 && State != IceConnectionState.Failed)
        {
            SetState(IceConnectionState.Failed);
        }
    }

    private bool HasPendingNomination()
    {
        foreach (IceCheckTransaction transaction in _transactions.Values)
        {
            if (transaction.UseCandidate)
            {
                return true;
            }
        }

        return false;
    }

    private void RunConsentChecks(long now)
    {
        IceCandidatePair pair = _selectedPair!;
        TimeSpan silence = _options.TimeProvider.GetElapsedTime(_lastConsentAt, now);
        if (silence >= _options.ConsentTimeout)
        {
            // RFC 7675 §5.1: consent lost; stop sending on the pair. Only an ICE restart recovers.
            if (State != IceConnectionState.Failed)
            {
                SetSelectedPair(null);
                SetState(IceConnectionState.Failed);
            }

            return;
        }

        if (silence >= _options.DisconnectedTimeout && State is IceConnectionState.Connected or IceConnectionState.Completed)
        {
            SetState(IceConnectionState.Disconnected);
        }

        if (now >= _nextConsentAt)
        {
            _nextConsentAt = now + JitteredConsentInterval();
            SendCheck(pair, useCandidate: false, isConsent: true, now);
        }
    }

    private void SendCheck(IceCandidatePair pair, bool useCandidate, bool isConsent, long now)
    {
        IceCredentials remote = _remoteCredentials!;
        IceHostSocket? socket = SocketOf(pair.Local);
        if (socket is null)
        {
            pair.State = IceCandidatePairState.Failed;
            return;
        }

        // §7.1.1: PRIORITY is what a peer-reflexive candidate on this base would have.
        uint priority = IceCandidate.ComputePriority(IceCandidateType.PeerReflexive,
            (int)((pair.Local.Priority >> 8) & 0xFFFF), pair.Local.Component);
        StunTransactionId id = StunTransactionId.NewRandom();
        byte[] message = IceCheckMessages.WriteBindingRequest(id, remote.UsernameFragment, LocalCredentials.UsernameFragment,
            remote.Password, priority, Role, TieBreaker, useCandidate);
        _transactions[id] = new IceCheckTransaction(id, pair, message, remote.Password, Role, useCandidate, isConsent, now, CheckRetransmission());
        if (!isConsent)
        {
            _lastPacedAt = now;
            UseCheckPace();
        }

        if (!isConsent && pair.State != IceCandidatePairState.Succeeded)
        {
            pair.State = IceCandidatePairState.InProgress;
        }

        socket.TrySend(message, pair.RemoteSocketAddress);
    }

    // RFC 8445 §14.3: RTO = MAX(500 ms, Ta × (Num-Waiting + Num-In-Progress)), so a long checklist does not flood the
    // path with retransmissions; Rc and Rm as RFC 8489 §6.2.1 (configurable).
    private StunRetransmission CheckRetransmission()
    {
        int active = 0;
        foreach (IceCandidatePair pair in _checkList.Pairs)
        {
            if (pair.State is IceCandidatePairState.Waiting or IceCandidatePairState.InProgress)
            {
                active++;
            }
        }

        TimeSpan paced = _options.CheckInterval * active;
        TimeSpan rto = paced > _options.CheckRetransmitTimeout ? paced : _options.CheckRetransmitTimeout;
        return new StunRetransmission(rto, _options.MaxCheckRetransmits + 1, _options.CheckLastWaitMultiplier);
    }
}
