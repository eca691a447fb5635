using System;
using System.Collections.Generic;
using System.Net;

namespace LiveKit.WebRtc.Ice;

/// <summary>
/// The checklist of one data stream (RFC 8445 §6.1.2): pairs sorted by descending priority, pruned of
/// redundant pairs, with the freezing rules of §6.1.2.6 adapted to trickle (RFC 8838 §12).
/// </summary>
internal sealed class IceCheckList
{
    /// <summary>The default cap on pairs (RFC 8445 §6.1.2.5 suggests 100).</summary>
    public const int DefaultMaxPairs = 100;

    private readonly List<IceCandidatePair> _pairs = new();
    private readonly int _maxPairs;

    /// <summary>Creates an empty checklist.</summary>
    public IceCheckList(int maxPairs = DefaultMaxPairs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPairs, 1);
        _maxPairs = maxPairs;
    }

    /// <summary>The pairs, highest priority first.</summary>
    public IReadOnlyList<IceCandidatePair> Pairs => _pairs;

    /// <summary>
    /// Adds a pair unless one with the same local base and remote address exists (pruning, RFC 8445 §6.1.2.4;
    /// local reflexive candidates must already be replaced by their base). A new pair is Waiting when no pair of
    /// its foundation is Waiting or In-Progress, else Frozen (RFC 8838 §12, which trickle uses instead of the
    /// initial §6.1.2.6 pass). Returns the pair in the list, new or existing.
    /// </summary>
    public IceCandidatePair Add(IceCandidatePair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (Find(pair.Local, pair.RemoteEndPoint) is { } existing)
        {
            return existing;
        }

        bool foundationActive = _pairs.Exists(p => p.Foundation == pair.Foundation
            && p.State is IceCandidatePairState.Waiting or IceCandidatePairState.InProgress);
        if (pair.State == IceCandidatePairState.Frozen && !foundationActive)
        {
            pair.State = IceCandidatePairState.Waiting;
        }

        int index = _pairs.FindIndex(p => p.Priority < pair.Priority);
        _pairs.Insert(index < 0 ? _pairs.Count : index, pair);

        // §6.1.2.5: drop the lowest-priority pairs beyond the limit, sparing pairs with checks under way.
        for (int i = _pairs.Count - 1; _pairs.Count > _maxPairs && i >= 0; i--)
        {
            if (_pairs[i].State is IceCandidatePairState.Frozen or IceCandidatePairState.Waiting or IceCandidatePairState.Failed)
            {
                _pairs.RemoveAt(i);
            }
        }

        return pair;
    }

    /// <summary>The pair of a local candidate and a remote address, if any.</summary>
    public IceCandidatePair? Find(IceCandidate local, IPEndPoint remote)
    {
        foreach (IceCandidatePair pair in _pairs)
        {
            if (ReferenceEquals(pair.Local, local) && pair.RemoteEndPoint.Equals(remote))
            {
                return pair;
            }
        }

        return null;
    }

    /// <summary>
    /// The next pair for an ordinary check (RFC 8445 §6.1.4.2): the highest-priority Waiting pair; if none, the
    /// highest-priority Frozen pair whose foundation has nothing Waiting or In-Progress, unfrozen.
    /// </summary>
    public IceCandidatePair? NextOrdinaryCheck()
    {
        foreach (IceCandidatePair pair in _pairs)
        {
            if (pair.State == IceCandidatePairState.Waiting)
            {
                return pair;
            }
        }

        foreach (IceCandidatePair pair in _pairs)
        {
            if (pair.State == IceCandidatePairState.Frozen)
            {
                pair.State = IceCandidatePairState.Waiting;
                return pair;
            }
        }

        return null;
    }

    /// <summary>After a success, unfreezes the pairs of the same foundation (RFC 8445 §7.2.5.3.3).</summary>
    public void UnfreezeFoundation(string foundation)
    {
        foreach (IceCandidatePair pair in _pairs)
        {
            if (pair.State == IceCandidatePairState.Frozen && pair.Foundation == foundation)
            {
                pair.State = IceCandidatePairState.Waiting;
            }
        }
    }

    /// <summary>Recomputes priorities for a new role and re-sorts (RFC 8445 §7.2.5.1).</summary>
    public void UpdateRole(IceRole localRole)
    {
        foreach (IceCandidatePair pair in _pairs)
        {
            pair.UpdatePriority(localRole);
        }

        // List.Sort is unstable; ties keep no particular order, which ICE allows.
        _pairs.Sort((a, b) => b.Priority.CompareTo(a.Priority));
    }

    /// <summary>The highest-priority Succeeded pair (the best of the valid list, RFC 8445 §7.2.5.3.2).</summary>
    public IceCandidatePair? BestValidPair()
    {
        foreach (IceCandidatePair pair in _pairs)
        {
            if (pair.State == IceCandidatePairState.Succeeded)
            {
                return pair;
            }
        }

        return null;
    }

    /// <summary>True when there is at least one pair and every pair has failed.</summary>
    public bool AllFailed => _pairs.Count > 0 && _pairs.TrueForAll(p => p.State == IceCandidatePairState.Failed);

    /// <summary>Removes every pair (ICE restart, RFC 8445 §9).</summary>
    public void Clear() => _pairs.Clear();
}
