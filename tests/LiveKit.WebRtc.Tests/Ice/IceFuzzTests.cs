using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Stun;
using LiveKit.WebRtc.Tests.Rtp;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.WebRtc.Tests.Ice;

/// <summary>
/// Seeded mutation fuzzing of a running agent's socket. A fake peer on loopback, known to the agent as a remote
/// candidate with the credentials it expects, sends mutants of valid Binding requests, of success and error responses
/// to the check the agent has outstanding towards it (so transaction IDs match a live transaction), of indications, and
/// of DTLS and RTP datagrams. Every few batches it fails that check with an authentic 420, so that its next request
/// makes the agent check the pair again (RFC 8445 §7.3.1.4) and the mutants aim at a fresh transaction. No exception may
/// escape into the receive loop, rejected input must be counted as dropped, and afterwards the agent must still connect
/// to a real peer.
/// </summary>
[Collection(RealTimeCollection.Name)]
public class IceFuzzTests
{
    private const int Batch = 32;
    private const int SuccessSeed = 0;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly IceCredentials FuzzerCredentials = new("fuzz", "fuzzpasswordfuzzpassword");

    private readonly ITestOutputHelper _output;

    public IceFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public Task Mutated_stun_never_breaks_a_running_agent() => Run(20_000, seed: 8445);

    [Fact]
    [Trait("Category", "LongFuzz")]
    public Task Mutated_stun_never_breaks_a_running_agent_long() => Run(MutationFuzzer.LongIterations, seed: 8446);

    private async Task Run(int inputs, int seed)
    {
        await using var agent = new IceAgent(new IceAgentOptions
        {
            Role = IceRole.Controlled,
            Random = new Random(seed),
            CheckInterval = TimeSpan.FromMilliseconds(10),
            CheckRetransmitTimeout = TimeSpan.FromMilliseconds(100),
        });
        long delivered = 0;
        agent.DatagramReceived = (_, _) => Interlocked.Increment(ref delivered);
        IceCandidate local = agent.GatherHostCandidates()[0];
        var target = new IPEndPoint(IPAddress.Loopback, local.Port);
        using var fuzzer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        fuzzer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var fuzzerEndPoint = (IPEndPoint)fuzzer.LocalEndPoint!;
        agent.SetRemoteCredentials(FuzzerCredentials);
        Assert.True(agent.AddRemoteCandidate(Candidate("fuzz", fuzzerEndPoint.Port)));
        agent.Start();

        var random = new Random(seed);
        var peer = new FuzzPeer(agent, fuzzer, target);
        var stopwatch = Stopwatch.StartNew();
        int generated = 0;
        int sent = 0;
        for (int batch = 0; generated < inputs; batch++)
        {
            // Seeds are rebuilt each batch around the agent's outstanding check, so responses can match it.
            byte[][] seeds = Seeds(agent, target, peer.Outstanding, random);
            var mutator = new MutationFuzzer(seed + batch, seeds);
            for (int i = 0; i < Batch && generated < inputs; i++, generated++)
            {
                byte[] input = StunAware(mutator.Next(), random);

                // An intact success would leave the pair Succeeded, and a controlled agent checks such a pair no more.
                if (!input.AsSpan().SequenceEqual(seeds[SuccessSeed]))
                {
                    fuzzer.SendTo(input, target);
                    sent++;
                }
            }

            await peer.BarrierAsync();
            Assert.Equal(0, agent.ReceiveFailureCount);
        }

        long dropped = agent.DroppedDatagramCount;
        _output.WriteLine($"{sent} inputs in {stopwatch.Elapsed}: {dropped} dropped, {Interlocked.Read(ref delivered)} non-STUN "
            + $"delivered, {peer.ChecksSeen} checks from the agent, {peer.ChecksFailed} failed with 420; state {agent.State}");
        Assert.Equal(0, agent.ReceiveFailureCount);

        // Nearly every mutant is either dropped and counted, or (non-STUN from a known candidate) delivered; the rest
        // are the few that stayed valid: requests answered, indications, responses to a live check.
        long accounted = dropped + Interlocked.Read(ref delivered);
        Assert.InRange(accounted, sent * 9L / 10, sent);
        Assert.True(peer.ChecksSeen > 2, "the agent sent the fuzzer too few checks to answer");

        await AssertStillConnects(agent);
    }

    // Valid messages for the mutator to start from: the fuzzer's request, responses to a real check of the agent's
    // (success, and errors other than 487, which would legitimately switch roles), an indication, DTLS and RTP.
    private static byte[][] Seeds(IceAgent agent, IPEndPoint target, StunTransactionId check, Random random)
    {
        IceCredentials local = agent.LocalCredentials;
        byte[] buffer = new byte[IceCheckMessages.MaxLength];
        int length = IceCheckMessages.WriteSuccessResponse(buffer, check, target, FuzzerCredentials.Password);
        var seeds = new List<byte[]>
        {
            buffer.AsSpan(0, length).ToArray(), // SuccessSeed
            IceCheckMessages.WriteBindingRequest(StunTransactionId.NewRandom(), local.UsernameFragment, FuzzerCredentials.UsernameFragment,
                local.Password, 1845501695, IceRole.Controlling, (ulong)random.NextInt64(), useCandidate: false),
            Indication(),
            new byte[] { 22, 254, 253, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 1, 2 },
            new byte[] { 0x80, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7 },
        };
        length = IceCheckMessages.WriteUnknownAttributes(buffer, check, [0x7FFF], FuzzerCredentials.Password);
        seeds.Add(buffer.AsSpan(0, length).ToArray());
        length = IceCheckMessages.WriteBadRequest(buffer, check);
        seeds.Add(buffer.AsSpan(0, length).ToArray());
        return seeds.ToArray();
    }

    private static byte[] Indication()
    {
        Span<byte> buffer = stackalloc byte[64];
        StunMessageWriter.TryCreate(buffer, StunMessageType.BindingIndication, StunTransactionId.NewRandom(), out StunMessageWriter writer);
        writer.TryAppendFingerprint();
        return writer.WrittenSpan.ToArray();
    }

    // After the generic mutations, often realign the header's length field with the datagram so more mutants get
    // past the first check into the attribute walk, integrity and fingerprint.
    private static byte[] StunAware(ReadOnlySpan<byte> mutant, Random random)
    {
        byte[] input = mutant.ToArray();
        if (input.Length >= StunMessageHeader.Length && random.Next(3) == 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(input.AsSpan(StunMessageHeader.LengthOffset), (ushort)((input.Length - StunMessageHeader.Length) & ~3));
        }

        return input;
    }

    /// <summary>The fake peer's side of the conversation: barriers, and failing the agent's checks now and then.</summary>
    private sealed class FuzzPeer(IceAgent agent, Socket socket, IPEndPoint target)
    {
        private const int BarriersPerCheck = 4;
        private readonly byte[] _buffer = new byte[2048];
        private readonly HashSet<StunTransactionId> _seen = new();
        private int _barriers;
        private bool _live;

        public int ChecksSeen => _seen.Count;

        public int ChecksFailed { get; private set; }

        /// <summary>The agent's latest check towards us, which mutated responses aim at.</summary>
        public StunTransactionId Outstanding { get; private set; } = StunTransactionId.NewRandom();

        /// <summary>
        /// Sends a valid request and waits for its answer: one receive loop handles datagrams in order, so the answer
        /// proves that everything sent before it was handled. Every few barriers the outstanding check is failed first
        /// with an authentic 420, so this request triggers a new one. Sent again if the answer does not come, as a
        /// datagram may be lost when a socket buffer is full.
        /// </summary>
        public async Task BarrierAsync()
        {
            if (++_barriers % BarriersPerCheck == 0 && _live)
            {
                byte[] response = new byte[IceCheckMessages.MaxLength];
                int length = IceCheckMessages.WriteUnknownAttributes(response, Outstanding, [0x7FFF], FuzzerCredentials.Password);
                socket.SendTo(response.AsSpan(0, length), target);
                ChecksFailed++;
                _live = false;
            }

            for (int attempt = 0; attempt < 10; attempt++)
            {
                StunTransactionId id = StunTransactionId.NewRandom();
                socket.SendTo(IceCheckMessages.WriteBindingRequest(id, agent.LocalCredentials.UsernameFragment, FuzzerCredentials.UsernameFragment,
                    agent.LocalCredentials.Password, 1845501695, IceRole.Controlling, 7, useCandidate: false), target);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                try
                {
                    while (true)
                    {
                        int received = await socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
                        if (!StunMessageReader.TryParse(_buffer.AsSpan(0, received), out StunMessageReader message))
                        {
                            continue;
                        }

                        if (message.Type == StunMessageType.BindingRequest && _seen.Add(message.TransactionId))
                        {
                            Outstanding = message.TransactionId;
                            _live = true;
                        }
                        else if (message.TransactionId == id)
                        {
                            return;
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }

            throw new TimeoutException("The agent stopped answering checks.");
        }
    }

    // A real peer with the credentials the agent was given: the agent must select a pair with it and carry data.
    private static async Task AssertStillConnects(IceAgent agent)
    {
        await using var peer = new IceAgent(new IceAgentOptions
        {
            Role = IceRole.Controlling,
            LocalCredentials = FuzzerCredentials,
            Random = new Random(99),
            CheckInterval = TimeSpan.FromMilliseconds(10),
            CheckRetransmitTimeout = TimeSpan.FromMilliseconds(100),
        });
        IceCandidate peerCandidate = peer.GatherHostCandidates()[0];
        var selected = new TaskCompletionSource<IceCandidatePair>(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.SelectedPairChanged += pair =>
        {
            if (pair.RemoteEndPoint.Port == peerCandidate.Port)
            {
                selected.TrySetResult(pair);
            }
        };
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        peer.DatagramReceived = (_, _) => received.TrySetResult();
        peer.SetRemoteCredentials(agent.LocalCredentials);
        Assert.True(agent.AddRemoteCandidate(peerCandidate));
        Assert.True(peer.AddRemoteCandidate(agent.LocalCandidates[0]));
        peer.Start();

        await selected.Task.WaitAsync(Wait);
        Assert.True(agent.Send([0x80, 0, 0, 1]));
        await received.Task.WaitAsync(Wait);
    }

    private static IceCandidate Candidate(string foundation, int port) => new()
    {
        Foundation = foundation,
        Priority = IceCandidate.ComputePriority(IceCandidateType.Host, 65535, 1),
        Address = "127.0.0.1",
        Port = port,
        Type = IceCandidateType.Host,
    };
}
