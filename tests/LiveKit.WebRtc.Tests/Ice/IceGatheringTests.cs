using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Stun;
using Xunit;

namespace LiveKit.WebRtc.Tests.Ice;

/// <summary>
/// Server-reflexive gathering (RFC 8445 §5.1.1.2) against a STUN responder on loopback, on a manual clock: requests
/// leave only when the test advances time, so the RFC 8489 §6.2.1 schedule is checked exactly.
/// </summary>
public class IceGatheringTests
{
    private static readonly TimeSpan Ta = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(30);

    [Fact]
    public async Task A_mapped_address_that_differs_from_the_base_becomes_a_server_reflexive_candidate()
    {
        await using var server = new StunTestServer { MappedPortOffset = 1000 };
        var clock = new ManualTimeProvider();
        await using IceAgent agent = CreateAgent(clock, server.EndPoint);
        var gathered = new List<IceCandidate>();
        int completions = 0;
        agent.CandidateGathered += gathered.Add;
        agent.GatheringComplete += () => completions++;

        Task<IReadOnlyList<IceCandidate>> gathering = agent.GatherAsync();
        Assert.Equal(IceGatheringState.Gathering, agent.GatheringState);
        IceCandidate host = Assert.Single(gathered);
        Assert.Equal(IceCandidateType.Host, host.Type);
        Assert.False(gathering.IsCompleted);

        clock.Advance(Ta); // The first pacing slot sends the Binding request.
        IReadOnlyList<IceCandidate> candidates = await gathering.WaitAsync(Wait);

        IceCandidate srflx = candidates[1];
        Assert.Equal(new[] { host, srflx }, candidates);
        Assert.Equal(candidates, gathered);
        Assert.Equal(candidates, agent.LocalCandidates);
        Assert.Equal(IceCandidateType.ServerReflexive, srflx.Type);
        Assert.Equal(("127.0.0.1", host.Port + 1000), (srflx.Address, srflx.Port));
        Assert.Equal(("127.0.0.1", host.Port), (srflx.RelatedAddress, srflx.RelatedPort));
        Assert.Equal(IceCandidate.ComputePriority(IceCandidateType.ServerReflexive, 65535, 1), srflx.Priority);
        Assert.Equal(IceCandidate.ComputeFoundation(IceCandidateType.ServerReflexive, "127.0.0.1", "127.0.0.1", IceTransportProtocol.Udp),
            srflx.Foundation);
        Assert.NotEqual(host.Foundation, srflx.Foundation);
        Assert.Equal(1, completions);
        Assert.Equal(IceGatheringState.Complete, agent.GatheringState);
        Assert.Single(server.Received);

        // It is signalled with its base as related address (RFC 8839 §5.1).
        Assert.Equal($"candidate:{srflx.Foundation} 1 udp {srflx.Priority} 127.0.0.1 {srflx.Port} typ srflx raddr 127.0.0.1 rport {host.Port}",
            srflx.ToString());
        Assert.Equal(candidates, await agent.GatherAsync()); // The same gathering: nothing is asked again.
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_mapped_address_equal_to_the_base_adds_nothing()
    {
        await using var server = new StunTestServer();
        var clock = new ManualTimeProvider();
        await using IceAgent agent = CreateAgent(clock, server.EndPoint);

        Task<IReadOnlyList<IceCandidate>> gathering = agent.GatherAsync();
        clock.Advance(Ta);

        IceCandidate only = Assert.Single(await gathering.WaitAsync(Wait));
        Assert.Equal(IceCandidateType.Host, only.Type);
    }

    [Fact]
    public async Task An_RFC_3489_server_answering_with_MAPPED_ADDRESS_and_no_FINGERPRINT_is_understood()
    {
        await using var server = new StunTestServer { MappedPortOffset = 7, Classic = true };
        var clock = new ManualTimeProvider();
        await using IceAgent agent = CreateAgent(clock, server.EndPoint);

        Task<IReadOnlyList<IceCandidate>> gathering = agent.GatherAsync();
        clock.Advance(Ta);

        IReadOnlyList<IceCandidate> candidates = await gathering.WaitAsync(Wait);
        Assert.Equal(candidates[0].Port + 7, candidates[1].Port);
    }

    [Fact]
    public async Task A_silent_server_times_out_on_the_RFC_8489_schedule_while_another_answers()
    {
        await using var silent = new StunTestServer { Silent = true };
        await using var answering = new StunTestServer { MappedPortOffset = 1 };
        var clock = new ManualTimeProvider();
        await using IceAgent agent = CreateAgent(clock, silent.EndPoint, answering.EndPoint);
        var gathered = new List<IceCandidate>();
        agent.CandidateGathered += gathered.Add;
        bool completed = false;
        agent.GatheringComplete += () => completed = true;

        Task<IReadOnlyList<IceCandidate>> gathering = agent.GatherAsync();

        // Requests are paced one per Ta: the silent server's at 50 ms, the other's at 100 ms, answered at once.
        clock.Advance(Ta);
        await silent.WaitForDatagramsAsync(1, Wait);
        clock.Advance(Ta);
        await answering.WaitForDatagramsAsync(1, Wait);
        await WaitUntil(() => gathered.Count == 2);
        Assert.Equal(IceCandidateType.ServerReflexive, gathered[1].Type);
        Assert.False(completed);

        // RTO 500 ms doubling: the request leaves again at 0.55, 1.55, 3.55, 7.55, 15.55 and 31.55 s (Rc = 7).
        TimeSpan[] expected = new[] { 550, 1550, 3550, 7550, 15550, 31550 }.Select(ms => TimeSpan.FromMilliseconds(ms)).ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            AdvanceTo(clock, expected[i] - Ta);
            Assert.True(await silent.StaysAtAsync(i + 1, Grace), $"request {i + 2} left before {expected[i]}");
            clock.Advance(Ta);
            await silent.WaitForDatagramsAsync(i + 2, Wait);
        }

        // Rm × RTO = 8 s after the last request the transaction fails, and gathering is complete.
        AdvanceTo(clock, TimeSpan.FromMilliseconds(39500));
        Assert.False(gathering.IsCompleted);
        clock.Advance(Ta);
        IReadOnlyList<IceCandidate> candidates = await gathering.WaitAsync(Wait);

        Assert.True(completed);
        Assert.Equal(gathered, candidates);
        Assert.Equal(7, silent.Received.Count);
        Assert.Single(silent.Received.Select(TransactionIdOf).Distinct()); // Retransmissions repeat the request.
        Assert.True(await silent.StaysAtAsync(7, Grace));
    }

    [Fact]
    public async Task A_lost_request_is_retransmitted_and_the_answer_to_the_retransmission_counts()
    {
        await using var server = new StunTestServer { MappedPortOffset = 3, IgnoreFirst = 2 };
        var clock = new ManualTimeProvider();
        await using IceAgent agent = CreateAgent(clock, server.EndPoint);

        Task<IReadOnlyList<IceCandidate>> gathering = agent.GatherAsync();
        AdvanceTo(clock, TimeSpan.FromMilliseconds(1550));

        Assert.Equal(2, (await gathering.WaitAsync(Wait)).Count);
        Assert.Equal(3, server.Received.Count);
    }

    [Fact]
    public async Task The_schedule_is_configurable()
    {
        await using var silent = new StunTestServer { Silent = true };
        var clock = new ManualTimeProvider();
        await using var agent = new IceAgent(new IceAgentOptions
        {
            TimeProvider = clock,
            Random = new Random(3),
            StunServers = [silent.EndPoint],
            StunServerRetransmission = new StunRetransmission(TimeSpan.FromMilliseconds(100), maxRequests: 3, lastWaitMultiplier: 2),
        });

        Task<IReadOnlyList<IceCandidate>> gathering = agent.GatherAsync();

        // Requests at 50, 150 and 350 ms; failure 200 ms after the last.
        AdvanceTo(clock, TimeSpan.FromMilliseconds(500));
        await silent.WaitForDatagramsAsync(3, Wait);
        Assert.False(gathering.IsCompleted);
        clock.Advance(Ta);
        Assert.Single(await gathering.WaitAsync(Wait));
        Assert.Equal(3, silent.Received.Count);
    }

    [Fact]
    public async Task Without_STUN_servers_gathering_completes_with_the_host_candidates()
    {
        await using var agent = new IceAgent(new IceAgentOptions { Random = new Random(4) });
        bool completed = false;
        agent.GatheringComplete += () => completed = true;

        IReadOnlyList<IceCandidate> candidates = await agent.GatherAsync().WaitAsync(Wait);

        Assert.Equal(IceCandidateType.Host, Assert.Single(candidates).Type);
        Assert.True(completed);
        Assert.Equal(IceGatheringState.Complete, agent.GatheringState);
    }

    [Fact]
    public async Task Disposing_the_agent_ends_gathering_with_what_it_has()
    {
        await using var silent = new StunTestServer { Silent = true };
        var clock = new ManualTimeProvider();
        IceAgent agent = CreateAgent(clock, silent.EndPoint);
        Task<IReadOnlyList<IceCandidate>> gathering = agent.GatherAsync();

        await agent.DisposeAsync();

        Assert.Single(await gathering.WaitAsync(Wait));
    }

    [Fact]
    public void Retransmission_schedule_follows_RFC_8489()
    {
        StunRetransmission schedule = StunRetransmission.Default;

        Assert.Equal(new[] { 500, 1000, 2000, 4000, 8000, 16000, 8000 },
            Enumerable.Range(1, 7).Select(sent => (int)schedule.WaitAfter(sent).TotalMilliseconds));
        Assert.True(schedule.MayRetransmit(6));
        Assert.False(schedule.MayRetransmit(7));
        Assert.Equal(TimeSpan.FromMilliseconds(39500), schedule.TransactionTimeout); // RFC 8489 §6.2.1's example.
        Assert.Throws<ArgumentOutOfRangeException>(() => new StunRetransmission(TimeSpan.Zero, 7, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StunRetransmission(TimeSpan.FromSeconds(1), 0, 16));
    }

    private static IceAgent CreateAgent(ManualTimeProvider clock, params IPEndPoint[] servers) => new(new IceAgentOptions
    {
        TimeProvider = clock,
        Random = new Random(1),
        StunServers = servers,
    });

    private static void AdvanceTo(ManualTimeProvider clock, TimeSpan time) => clock.Advance(time - clock.Elapsed, Ta);

    private static StunTransactionId TransactionIdOf(byte[] datagram) => StunTransactionId.Read(datagram.AsSpan(StunMessageHeader.TransactionIdOffset));

    // The response is handled on the agent's receive loop; the candidate event follows shortly.
    private static async Task WaitUntil(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(5);
        }
    }
}
