using System;
using System.Net;
using System.Text;
using LiveKit.WebRtc.Stun;

namespace LiveKit.WebRtc.Ice;

/// <summary>The answering side of connectivity checks: requests (RFC 8445 §7.3) and responses (§7.2.5).</summary>
internal sealed partial class IceAgent
{
    // Returns false to count the datagram as dropped.
    private bool HandleStun(IceHostSocket socket, ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        // ICE requires FINGERPRINT on every message (RFC 8445 §7.1, §7.3).
        if (!StunMessageReader.TryParse(datagram, out StunMessageReader message) || !message.VerifyFingerprint()
            || message.Type.Method != StunMethod.Binding)
        {
            return false;
        }

        return message.Type.Class switch
        {
            StunMessageClass.Request => HandleRequest(socket, message, source),
            StunMessageClass.SuccessResponse or StunMessageClass.ErrorResponse => HandleResponse(message, source),
            _ => true, // Binding indications are keepalives (RFC 8445 §11).
        };
    }

    private bool HandleRequest(IceHostSocket socket, StunMessageReader message, IPEndPoint source)
    {
        // §7.3: USERNAME is "local:remote" from our side; we check the part that is ours and the integrity.
        // RFC 8489 §9.1.3 would answer 400/401; we drop instead, and the sender's check times out as it would then.
        string localUfrag = LocalCredentials.UsernameFragment;
        if (!message.TryGetUsername(out ReadOnlySpan<byte> username)
            || !Encoding.UTF8.GetString(username).StartsWith(localUfrag + ":", StringComparison.Ordinal)
            || !message.VerifyMessageIntegrity(Encoding.UTF8.GetBytes(LocalCredentials.Password)))
        {
            return false;
        }

        // §7.3.1.1: repair a role conflict.
        if (Role == IceRole.Controlling && message.TryGetIceControlling(out ulong theirs))
        {
            if (TieBreaker >= theirs)
            {
                int length = IceCheckMessages.WriteRoleConflict(_responseBuffer, message.TransactionId, LocalCredentials.Password);
                socket.TrySend(_responseBuffer.AsSpan(0, length), source);
                return true;
            }

            SwitchRole(IceRole.Controlled);
        }
        else if (Role == IceRole.Controlled && message.TryGetIceControlled(out theirs))
        {
            if (TieBreaker < theirs)
            {
                int length = IceCheckMessages.WriteRoleConflict(_responseBuffer, message.TransactionId, LocalCredentials.Password);
                socket.TrySend(_responseBuffer.AsSpan(0, length), source);
                return true;
            }

            SwitchRole(IceRole.Controlling);
        }

        int responseLength = IceCheckMessages.WriteSuccessResponse(_responseBuffer, message.TransactionId, source, LocalCredentials.Password);
        socket.TrySend(_responseBuffer.AsSpan(0, responseLength), source);

        IceCandidatePair? pair = _checkList.Find(socket.Candidate, source);
        if (pair is null)
        {
            // §7.3.1.3: an unknown source is a peer-reflexive remote candidate, with the PRIORITY of the request.
            uint priority = message.TryGetPriority(out uint p) ? p
                : IceCandidate.ComputePriority(IceCandidateType.PeerReflexive, IceCandidate.MaxLocalPreference, 1);
            var remote = new IceCandidate
            {
                Foundation = "prflx" + _options.Random.Next(1, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Priority = priority,
                Address = source.Address.ToString(),
                Port = source.Port,
                Type = IceCandidateType.PeerReflexive,
            };
            _remoteCandidates.Add(remote);
            pair = TryAddPair(socket.Candidate, remote);
            if (pair is null)
            {
                return true;
            }
        }

        // §7.3.1.4: a triggered check, unless the pair already succeeded or a check is under way.
        if (pair.State is IceCandidatePairState.Frozen or IceCandidatePairState.Waiting or IceCandidatePairState.Failed)
        {
            pair.State = IceCandidatePairState.Waiting;
            if (!_triggeredChecks.Contains(pair))
            {
                _triggeredChecks.Enqueue(pair);
            }
        }

        // §7.3.1.5: the controlled agent selects a nominated pair once it is valid.
        if (Role == IceRole.Controlled && message.HasUseCandidate)
        {
            pair.NominatedByPeer = true;
            if (pair.State == IceCandidatePairState.Succeeded)
            {
                Select(pair);
            }
        }

        return true;
    }

    private bool HandleResponse(StunMessageReader message, IPEndPoint source)
    {
        if (!_transactions.TryGetValue(message.TransactionId, out IceCheckTransaction? transaction)
            || !message.VerifyMessageIntegrity(Encoding.UTF8.GetBytes(transaction.RemotePassword)))
        {
            return false;
        }

        _transactions.Remove(message.TransactionId);
        IceCandidatePair pair = transaction.Pair;
        if (message.Type.Class == StunMessageClass.ErrorResponse)
        {
            if (message.TryGetErrorCode(out StunErrorCode error) && error.Code == StunErrorCode.RoleConflict)
            {
                // §7.2.5.1: switch to the role opposite the one the request carried, then check the pair again.
                SwitchRole(transaction.Role == IceRole.Controlling ? IceRole.Controlled : IceRole.Controlling);
                pair.State = IceCandidatePairState.Waiting;
                _triggeredChecks.Enqueue(pair);
            }
            else if (!transaction.IsConsent)
            {
                pair.State = IceCandidatePairState.Failed;
            }

            return true;
        }

        // §7.2.5.2.1: the response must come from where the request went, or the check fails.
        if (!source.Equals(pair.RemoteEndPoint))
        {
            pair.State = IceCandidatePairState.Failed;
            return true;
        }

        // The mapped address is the local base on loopback and host-only gathering; a differing one would be a
        // local peer-reflexive candidate (§7.2.5.3.1), whose valid pair has the same base and so the same socket.
        bool firstSuccess = pair.State != IceCandidatePairState.Succeeded;
        pair.State = IceCandidatePairState.Succeeded;
        if (firstSuccess)
        {
            _checkList.UnfreezeFoundation(pair.Foundation);
        }

        if (ReferenceEquals(pair, _selectedPair) && !_restarting)
        {
            // RFC 7675 §5.1: any authenticated response on the selected pair refreshes consent.
            _lastConsentAt = _options.TimeProvider.GetTimestamp();
            if (State == IceConnectionState.Disconnected)
            {
                SetState(_remoteEndOfCandidates ? IceConnectionState.Completed : IceConnectionState.Connected);
            }
        }

        if ((transaction.UseCandidate && Role == IceRole.Controlling) || (pair.NominatedByPeer && Role == IceRole.Controlled))
        {
            Select(pair);
        }

        return true;
    }

    private void SwitchRole(IceRole role)
    {
        if (Role == role)
        {
            return;
        }

        Role = role;
        _checkList.UpdateRole(role);
        foreach (IceCandidatePair pair in _checkList.Pairs)
        {
            pair.Nominating = false;
        }
    }
}
