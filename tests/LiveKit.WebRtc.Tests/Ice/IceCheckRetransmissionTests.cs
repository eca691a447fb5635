using System;
using System.Linq;
using System.Threading.Tasks;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Stun;
using Xunit;

namespace LiveKit.WebRtc.Tests.Ice;

/// <summary>
/// Retransmission of connectivity checks (RFC 8445 §14.3 with RFC 8489 §6.2.1) on a manual clock, against peers that
/// never answer: the times the requests leave and the time the pair fails are checked exactly.
/// </summary>
public class IceCheckRetransmissionTests
{
    private static readonly TimeSpan Ta = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(30);
    private static readonly IceCredentials Peer = new("peer", "peerpasswordpeerpassword");

    [Fact]
    public async Task A_check_backs_off_exponentially_then_its_pair_fails()
    {
        await using var silent = new StunTestServer { Silent = true };
        var clock = new ManualTimeProvider();
        await using IceAgent agent = CreateAgent(clock);
        agent.GatherHostCandidates();
        agent.SetRemoteCredentials(Peer);
        Assert.True(agent.AddRemoteCandidate(RemoteCandidate(silent, priority: 1000, foundation: "1")));
        agent.AddRemoteEndOfCandidates();
        agent.Start();

        // The first check as soon as checks start, then after 500 ms, 1 s, 2 s... : 7 requests in all (Rc = 7).
        await silent.WaitForDatagramsAsync(1, Wait);
        TimeSpan[] expected = new[] { 0, 500, 1500, 3500, 7500, 15500, 31500 }.Select(ms => TimeSpan.FromMilliseconds(ms)).ToArray();
        for (int i = 1; i < expected.Length; i++)
        {
            AdvanceTo(clock, expected[i] - Ta);
            Assert.True(await silent.StaysAtAsync(i, Grace), $"request {i + 1} left before {expected[i]}");
            clock.Advance(Ta);
            await silent.WaitForDatagramsAsync(i + 1, Wait);
            Assert.Equal(IceConnectionState.Checking, agent.State);
        }

        // 16 × RTO after the last request the check has failed, and with it the only pair: the agent fails.
        AdvanceTo(clock, TimeSpan.FromMilliseconds(39450));
        Assert.Equal(IceConnectionState.Checking, agent.State);
        clock.Advance(Ta);
        Assert.Equal(IceConnectionState.Failed, agent.State);

        Assert.Single(silent.Received.Select(d => StunTransactionId.Read(d.AsSpan(StunMessageHeader.TransactionIdOffset))).Distinct());
        AdvanceTo(clock, TimeSpan.FromSeconds(60));
        Assert.True(await silent.StaysAtAsync(7, Grace));
    }

    [Fact]
    public async Task The_rto_grows_with_the_checks_waiting_and_in_progress()
    {
        const int pairs = 12;
        StunTestServer[] peers = Enumerable.Range(0, pairs).Select(_ => new StunTestServer { Silent = true }).ToArray();
        try
        {
            var clock = new ManualTimeProvider();
            await using IceAgent agent = CreateAgent(clock);
            agent.GatherHostCandidates();
            agent.SetRemoteCredentials(Peer);
            for (int i = 0; i < pairs; i++)
            {
                // Distinct foundations, so every pair starts Waiting; the first peer's pair has the highest priority.
                agent.AddRemoteCandidate(RemoteCandidate(peers[i], priority: (uint)(10_000 - i), foundation: $"f{i}"));
            }

            agent.Start();
            await peers[0].WaitForDatagramsAsync(1, Wait);

            // RFC 8445 §14.3: RTO = MAX(500 ms, Ta × (Waiting + In-Progress)) = 50 ms × 12 = 600 ms, then doubling.
            AdvanceTo(clock, TimeSpan.FromMilliseconds(550));
            Assert.True(await peers[0].StaysAtAsync(1, Grace));
            clock.Advance(Ta);
            await peers[0].WaitForDatagramsAsync(2, Wait);
            AdvanceTo(clock, TimeSpan.FromMilliseconds(1750));
            Assert.True(await peers[0].StaysAtAsync(2, Grace));
            clock.Advance(Ta);
            await peers[0].WaitForDatagramsAsync(3, Wait);
        }
        finally
        {
            foreach (StunTestServer peer in peers)
            {
                await peer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Retransmission_count_and_last_wait_are_configurable()
    {
        await using var silent = new StunTestServer { Silent = true };
        var clock = new ManualTimeProvider();
        await using var agent = new IceAgent(new IceAgentOptions
        {
            TimeProvider = clock,
            Random = new Random(2),
            CheckRetransmitTimeout = TimeSpan.FromMilliseconds(100),
            MaxCheckRetransmits = 2,
            CheckLastWaitMultiplier = 4,
        });
        agent.GatherHostCandidates();
        agent.SetRemoteCredentials(Peer);
        agent.AddRemoteCandidate(RemoteCandidate(silent, priority: 1000, foundation: "1"));
        agent.AddRemoteEndOfCandidates();
        agent.Start();

        // Requests at 0, 100 and 300 ms; the check fails 400 ms after the last, at 700 ms.
        AdvanceTo(clock, TimeSpan.FromMilliseconds(650));
        await silent.WaitForDatagramsAsync(3, Wait);
        Assert.Equal(IceConnectionState.Checking, agent.State);
        clock.Advance(Ta);
        Assert.Equal(IceConnectionState.Failed, agent.State);
        Assert.True(await silent.StaysAtAsync(3, Grace));
    }

    private static IceAgent CreateAgent(ManualTimeProvider clock) => new(new IceAgentOptions
    {
        Role = IceRole.Controlling,
        TimeProvider = clock,
        Random = new Random(1),
    });

    private static IceCandidate RemoteCandidate(StunTestServer peer, uint priority, string foundation) => new()
    {
        Foundation = foundation,
        Priority = priority,
        Address = "127.0.0.1",
        Port = peer.EndPoint.Port,
        Type = IceCandidateType.Host,
    };

    private static void AdvanceTo(ManualTimeProvider clock, TimeSpan time) => clock.Advance(time - clock.Elapsed, Ta);
}
