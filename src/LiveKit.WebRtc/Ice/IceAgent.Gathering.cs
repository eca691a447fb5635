using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc.Stun;

namespace LiveKit.WebRtc.Ice;

/// <summary>Gathering: host candidates (RFC 8445 §5.1.1.1) and server-reflexive ones from STUN servers (§5.1.1.2).</summary>
internal sealed partial class IceAgent
{
    /// <summary>
    /// Gathers every local candidate: binds the host sockets (unless <see cref="GatherHostCandidates"/> already did),
    /// then sends a Binding request from each host candidate to each of <see cref="IceAgentOptions.StunServers"/>,
    /// paced one per Ta (RFC 8445 §14) and retransmitted per RFC 8489 §6.2.1. A mapped address that differs from the
    /// host's is a server-reflexive candidate whose base and related address is the host (§5.1.1.2). Each candidate is
    /// raised through <see cref="CandidateGathered"/> as it comes; when every server has answered or timed out,
    /// <see cref="GatheringComplete"/> is raised and the task completes with all local candidates. Calling it again
    /// returns the same gathering. Disposing the agent completes the task with what was gathered.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; gathering itself goes on.</param>
    public Task<IReadOnlyList<IceCandidate>> GatherAsync(CancellationToken cancellationToken = default)
    {
        Task<IReadOnlyList<IceCandidate>> task;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_gathering is null)
            {
                _gathering = new TaskCompletionSource<IReadOnlyList<IceCandidate>>(TaskCreationOptions.RunContinuationsAsynchronously);
                GatheringState = IceGatheringState.Gathering;
                if (_sockets.Count == 0)
                {
                    BindHostSockets();
                }

                foreach (IceHostSocket socket in _sockets)
                {
                    foreach (IPEndPoint server in _options.StunServers)
                    {
                        if (server.AddressFamily == socket.LocalEndPoint.AddressFamily)
                        {
                            _pendingGathering.Enqueue(new IceGatheringTransaction(socket, server));
                        }
                    }
                }

                if (_pendingGathering.Count == 0)
                {
                    CompleteGatheringIfDone();
                }
                else
                {
                    EnsureTimer();
                }
            }

            task = _gathering.Task;
        }

        RaisePendingEvents();
        return task.WaitAsync(cancellationToken);
    }

    // Called at each tick: retransmits or expires outstanding requests, then sends the next pending one. Returns
    // true when it sent a new request, which takes this tick's pacing slot.
    private bool RunGathering(long now)
    {
        if (_gatheringTransactions.Count > 0)
        {
            StunRetransmission schedule = _options.StunServerRetransmission;
            List<StunTransactionId>? expired = null;
            foreach (IceGatheringTransaction transaction in _gatheringTransactions.Values)
            {
                if (_options.TimeProvider.GetElapsedTime(transaction.LastSentAt, now) < schedule.WaitAfter(transaction.RequestsSent))
                {
                    continue;
                }

                if (schedule.MayRetransmit(transaction.RequestsSent))
                {
                    transaction.Send(now);
                }
                else
                {
                    // RFC 8489 §6.2.1: Rm × RTO after the last request, the transaction has failed: no candidate from it.
                    (expired ??= new()).Add(transaction.Id);
                }
            }

            if (expired is not null)
            {
                foreach (StunTransactionId id in expired)
                {
                    _gatheringTransactions.Remove(id);
                }
            }
        }

        bool sent = false;
        if (_pendingGathering.TryDequeue(out IceGatheringTransaction? next))
        {
            _gatheringTransactions[next.Id] = next;
            next.Send(now);
            _lastPacedAt = now;
            UseCheckPace();
            sent = true;
        }

        CompleteGatheringIfDone();
        return sent;
    }

    // A response to one of our Binding requests to a STUN server. Returns false to count the datagram as dropped.
    private bool HandleServerResponse(IceHostSocket socket, IceGatheringTransaction transaction, StunMessageReader message, IPEndPoint source)
    {
        // FINGERPRINT is optional for a STUN server (RFC 8489 §14.7), but must be right when present; and the answer
        // must come from the server asked, to the socket that asked.
        if ((message.HasFingerprint && !message.VerifyFingerprint())
            || !ReferenceEquals(socket, transaction.Socket) || !source.Equals(transaction.Server))
        {
            return false;
        }

        _gatheringTransactions.Remove(transaction.Id);
        if (message.Type.Class == StunMessageClass.SuccessResponse
            && !message.HasUnknownComprehensionRequired // RFC 8489 §6.3.3: such a response fails the transaction.
            && (message.TryGetXorMappedAddress(out StunTransportAddress mapped) || message.TryGetMappedAddress(out mapped)))
        {
            AddServerReflexiveCandidate(transaction, mapped.ToIPEndPoint());
        }

        CompleteGatheringIfDone();
        return true;
    }

    private void AddServerReflexiveCandidate(IceGatheringTransaction transaction, IPEndPoint mapped)
    {
        IceCandidate host = transaction.Socket.Candidate;
        IPEndPoint baseEndPoint = transaction.Socket.LocalEndPoint;

        // §5.1.3: a candidate equal to its base (no NAT) or to one already gathered on the same base is redundant.
        if (mapped.AddressFamily != baseEndPoint.AddressFamily || mapped.Equals(baseEndPoint))
        {
            return;
        }

        string address = mapped.Address.ToString();
        foreach (IceCandidate known in _serverReflexiveCandidates)
        {
            if (known.Port == mapped.Port && known.Address == address && known.RelatedPort == host.Port && known.RelatedAddress == host.Address)
            {
                return;
            }
        }

        // §5.1.2.1: the host's local preference; §5.1.1.3: the foundation names the type, base IP, server and transport.
        int localPreference = (int)((host.Priority >> 8) & 0xFFFF);
        var candidate = new IceCandidate
        {
            Foundation = IceCandidate.ComputeFoundation(IceCandidateType.ServerReflexive, host.Address,
                transaction.Server.Address.ToString(), IceTransportProtocol.Udp),
            Component = host.Component,
            Priority = IceCandidate.ComputePriority(IceCandidateType.ServerReflexive, localPreference, host.Component),
            Address = address,
            Port = mapped.Port,
            Type = IceCandidateType.ServerReflexive,
            RelatedAddress = host.Address,
            RelatedPort = host.Port,
        };

        // Not paired: its base is the host candidate, so its pairs would be pruned as the host's (§6.1.2.4). It is
        // signalled so the peer can reach us through the NAT.
        _serverReflexiveCandidates.Add(candidate);
        _pendingEvents.Add(() => CandidateGathered?.Invoke(candidate));
    }

    private void CompleteGatheringIfDone()
    {
        if (_gathering is not { } gathering || GatheringState != IceGatheringState.Gathering
            || _pendingGathering.Count > 0 || _gatheringTransactions.Count > 0)
        {
            return;
        }

        GatheringState = IceGatheringState.Complete;
        IReadOnlyList<IceCandidate> candidates = LocalCandidatesSnapshot();
        _pendingEvents.Add(() => GatheringComplete?.Invoke());
        _pendingEvents.Add(() => gathering.TrySetResult(candidates));
    }
}
