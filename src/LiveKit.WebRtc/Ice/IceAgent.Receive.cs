using System;
using System.Net;
using System.Text;
using LiveKit.WebRtc.Stun;

namespace LiveKit.WebRtc.Ice;

/// <summary>
/// The answering side of connectivity checks: requests (RFC 8445 §7.3, rejected per RFC 8489 §6.3 and §9.1.3) and
/// responses (§7.2.5), and the dispatch of responses from STUN servers to gathering.
/// </summary>
internal sealed partial class IceAgent
{
    // Returns false to count the datagram as dropped.
    private bool HandleStun(IceHostSocket socket, ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        if (!StunMessageReader.TryParse(datagram, out StunMessageReader message) || message.Type.Method != StunMethod.Binding)
        {
            return false;
        }

        // A STUN server need not add FINGERPRINT (RFC 8489 §14.7); its responses are recognised by transaction ID.
        if (message.Type.Class is StunMessageClass.SuccessResponse or StunMessageClass.ErrorResponse
            && _gatheringTransactions.TryGetValue(message.TransactionId, out IceGatheringTransaction? gathering))
        {
            return HandleServerResponse(socket, gathering, message, source);
        }

        // ICE requires FINGERPRINT on every message (RFC 8445 §7.1, §7.3).
        if (!message.VerifyFingerprint())
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

    // Returns false, to count the datagram as dropped, for requests it rejects; those are still answered.
    private bool HandleRequest(IceHostSocket socket, StunMessageReader message, IPEndPoint source)
    {
        // RFC 8489 §9.1.3 with short-term credentials: a request without USERNAME or MESSAGE-INTEGRITY gets 400.
        if (!message.TryGetUsername(out ReadOnlySpan<byte> username) || !message.HasMessageIntegrity)
        {
            int length = IceCheckMessages.WriteBadRequest(_responseBuffer, message.TransactionId);
            socket.TrySend(_responseBuffer.AsSpan(0, length), source);
            return false;
        }

        // §7.3: USERNAME is "local:remote" from our side; the part that is ours must match, and the integrity must
        // verify with our password. Either failing gets 401, without MESSAGE-INTEGRITY (RFC 8489 §9.1.3).
        if (!IsOurUsername(username) || !message.VerifyMessageIntegrity(Encoding.UTF8.GetBytes(LocalCredentials.Password)))
        {
            int length = IceCheckMessages.WriteUnauthenticated(_responseBuffer, message.TransactionId);
            socket.TrySend(_responseBuffer.AsSpan(0, length), source);
            return false;
        }

        // RFC 8489 §6.3.1.1, after authentication (§6.3): comprehension-required attributes we do not understand get
        // 420 listing them. Authenticated, so the answer is keyed with our password.
        Span<ushort> unknown = stackalloc ushort[IceCheckMessages.MaxUnknownAttributes];
        int unknownCount = message.CopyUnknownComprehensionRequired(unknown);
        if (unknownCount > 0)
        {
            int length = IceCheckMessages.WriteUnknownAttributes(_responseBuffer, message.TransactionId,
                unknown[..Math.Min(unknownCount, unknown.Length)], LocalCredentials.Password);
            socket.TrySend(_responseBuffer.AsSpan(0, length), source);
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
            RefreshKnownRemoteAddresses();
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
        // RFC 8489 §6.3.3, §6.3.4: a response with comprehension-required attributes we do not understand fails the
        // transaction, as an error would.
        bool unknownRequired = message.HasUnknownComprehensionRequired;
        if (message.Type.Class == StunMessageClass.ErrorResponse || unknownRequired)
        {
            if (!unknownRequired && message.TryGetErrorCode(out StunErrorCode error) && error.Code == StunErrorCode.RoleConflict)
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

    // USERNAME of a request to us is "our-ufrag:their-ufrag" (§7.2.2). Compared as bytes, so checking it allocates nothing.
    private bool IsOurUsername(ReadOnlySpan<byte> username)
    {
        string ufrag = LocalCredentials.UsernameFragment;
        Span<byte> expected = stackalloc byte[IceCheckMessages.MaxLength];
        int length = Encoding.UTF8.GetByteCount(ufrag);
        if (length + 1 > expected.Length || username.Length <= length)
        {
            return false;
        }

        Encoding.UTF8.GetBytes(ufrag, expected);
        expected[length] = (byte)':';
        return username.StartsWith(expected[..(length + 1)]);
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
