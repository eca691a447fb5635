using System.Linq;
using System.Net;
using LiveKit.WebRtc.Ice;
using Xunit;

namespace LiveKit.WebRtc.Tests.Ice;

public class IceCheckListTests
{
    [Fact]
    public void Pair_priority_follows_the_formula_of_RFC_8445()
    {
        // G=2130706431, D=1694498814: 2^32*D + 2*G + 1.
        Assert.Equal((1694498814UL << 32) + (2UL * 2130706431) + 1, IceCandidatePair.ComputePriority(2130706431, 1694498814));
        // Swapped: 2^32*D' + 2*G' + 0 with the min still 1694498814.
        Assert.Equal((1694498814UL << 32) + (2UL * 2130706431), IceCandidatePair.ComputePriority(1694498814, 2130706431));
        Assert.Equal((5UL << 32) + 10, IceCandidatePair.ComputePriority(5, 5));
    }

    [Fact]
    public void Pairs_are_ordered_by_descending_priority_and_duplicates_pruned()
    {
        IceCandidate local = Host("127.0.0.1", 1000, 2130706431, "L");
        var list = new IceCheckList();
        IceCandidatePair low = Pair(local, Host("127.0.0.1", 2000, 100, "A"));
        IceCandidatePair high = Pair(local, Host("127.0.0.1", 2001, 2000000000, "B"));
        IceCandidatePair mid = Pair(local, Host("127.0.0.1", 2002, 1000000, "C"));
        list.Add(low);
        list.Add(high);
        list.Add(mid);

        Assert.Same(high, list.Add(Pair(local, Host("127.0.0.1", 2001, 5, "D"))));
        Assert.Equal(new[] { high, mid, low }, list.Pairs.ToArray());
    }

    [Fact]
    public void Only_the_first_pair_of_a_foundation_is_unfrozen_until_one_succeeds()
    {
        IceCandidate local = Host("127.0.0.1", 1000, 2130706431, "L");
        var list = new IceCheckList();
        IceCandidatePair first = list.Add(Pair(local, Host("127.0.0.1", 2000, 200, "F")));
        IceCandidatePair second = list.Add(Pair(local, Host("127.0.0.1", 2001, 100, "F")));
        IceCandidatePair other = list.Add(Pair(local, Host("127.0.0.1", 2002, 50, "G")));

        Assert.Equal(IceCandidatePairState.Waiting, first.State);
        Assert.Equal(IceCandidatePairState.Frozen, second.State);
        Assert.Equal(IceCandidatePairState.Waiting, other.State);

        Assert.Same(first, list.NextOrdinaryCheck());
        first.State = IceCandidatePairState.Succeeded;
        list.UnfreezeFoundation(first.Foundation);
        Assert.Equal(IceCandidatePairState.Waiting, second.State);
        Assert.Same(first, list.BestValidPair());
    }

    [Fact]
    public void Role_change_recomputes_pair_priorities()
    {
        IceCandidate local = Host("127.0.0.1", 1000, 300, "L");
        IceCandidatePair pair = Pair(local, Host("127.0.0.1", 2000, 100, "R"));
        var list = new IceCheckList();
        list.Add(pair);
        ulong controlling = pair.Priority;

        list.UpdateRole(IceRole.Controlled);

        Assert.Equal(IceCandidatePair.ComputePriority(100, 300), pair.Priority);
        Assert.NotEqual(controlling, pair.Priority);
    }

    private static IceCandidatePair Pair(IceCandidate local, IceCandidate remote) =>
        new(local, remote, new IPEndPoint(IPAddress.Parse(remote.Address), remote.Port), IceRole.Controlling);

    private static IceCandidate Host(string address, int port, uint priority, string foundation) => new()
    {
        Foundation = foundation,
        Priority = priority,
        Address = address,
        Port = port,
        Type = IceCandidateType.Host,
    };
}
