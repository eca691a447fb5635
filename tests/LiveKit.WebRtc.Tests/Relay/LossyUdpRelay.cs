using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>
/// A seeded user-space UDP relay between two peers on 127.0.0.1, for loss and reordering that repeat from run to run
/// and need no root (this kernel has no netem). It owns two sockets: <see cref="SideA"/>, the address peer A sends to,
/// and <see cref="SideB"/>, the address peer B sends to. What arrives at one goes out of the other to the peer on that
/// side, so each peer sees only the relay. In each direction a seeded <see cref="Random"/> drops a fraction of the
/// datagrams and holds back another fraction, releasing each held one right after the next datagram (or after
/// <see cref="LossyUdpRelayOptions.MaxHold"/>).
/// </summary>
/// <remarks>
/// <para>Routing ICE through it: give peer A a host candidate of <see cref="SideA"/> in place of each of B's candidates
/// and B one of <see cref="SideB"/> in place of A's: <see cref="RouteCandidateFromB"/> and <see cref="RouteCandidateFromA"/>
/// (or <see cref="RouteSdpFromB"/> / <see cref="RouteSdpFromA"/> for candidates inside a description) rewrite them and
/// note the real addresses as <see cref="PeerB"/> and <see cref="PeerA"/>. A peer's checks then come from the relay
/// address it was given, and a source it does not know yet is learned as peer-reflexive. A side whose address is not
/// known is learned from its first datagram.</para>
/// <para>Every datagram draws two numbers from its direction's generator, one for the drop and one for the hold,
/// whatever the rates: the n-th datagram of a direction meets the same fate in every run with the same seed and rates.</para>
/// </remarks>
public sealed class LossyUdpRelay : IAsyncDisposable
{
    private const int MaxDatagram = 65535;

    private readonly Socket _socketA;
    private readonly Socket _socketB;
    private readonly Direction _aToB;
    private readonly Direction _bToA;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loops;
    private readonly object _gate = new();
    private readonly Action<bool, byte[]>? _observer;
    private IPEndPoint? _peerA;
    private IPEndPoint? _peerB;
    private double _dropRate;
    private double _reorderRate;

    private LossyUdpRelay(LossyUdpRelayOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DropRate, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.DropRate, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReorderRate, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ReorderRate, 1.0);
        _dropRate = options.DropRate;
        _observer = options.Observer;
        _reorderRate = options.ReorderRate;
        _socketA = Bind(options.SocketBufferSize);
        _socketB = Bind(options.SocketBufferSize);
        SideA = (IPEndPoint)_socketA.LocalEndPoint!;
        SideB = (IPEndPoint)_socketB.LocalEndPoint!;
        _aToB = new Direction(this, _socketA, _socketB, fromA: true, new Random(options.Seed), options.MaxHold);
        _bToA = new Direction(this, _socketB, _socketA, fromA: false, new Random(unchecked(options.Seed + 1)), options.MaxHold);
        _loops = Task.WhenAll(Task.Run(() => _aToB.RunAsync(_stop.Token)), Task.Run(() => _bToA.RunAsync(_stop.Token)));
    }

    /// <summary>The relay's socket that peer A sends to (A is given candidates with this address).</summary>
    public IPEndPoint SideA { get; }

    /// <summary>The relay's socket that peer B sends to.</summary>
    public IPEndPoint SideB { get; }

    /// <summary>Peer A's real address, where datagrams from B go; set by <see cref="RouteCandidateFromA"/> or learned.</summary>
    public IPEndPoint? PeerA
    {
        get
        {
            lock (_gate)
            {
                return _peerA;
            }
        }

        set
        {
            lock (_gate)
            {
                _peerA = value;
            }
        }
    }

    /// <summary>Peer B's real address, where datagrams from A go.</summary>
    public IPEndPoint? PeerB
    {
        get
        {
            lock (_gate)
            {
                return _peerB;
            }
        }

        set
        {
            lock (_gate)
            {
                _peerB = value;
            }
        }
    }

    /// <summary>The fraction of datagrams dropped in each direction from now on (0 to 1).</summary>
    public double DropRate
    {
        get => Volatile.Read(ref _dropRate);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0.0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            Volatile.Write(ref _dropRate, value);
        }
    }

    /// <summary>The fraction of datagrams held back in each direction from now on (0 to 1).</summary>
    public double ReorderRate
    {
        get => Volatile.Read(ref _reorderRate);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0.0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            Volatile.Write(ref _reorderRate, value);
        }
    }

    /// <summary>What the relay did with A's datagrams so far.</summary>
    public RelayCounters FromA => _aToB.Snapshot();

    /// <summary>What the relay did with B's datagrams so far.</summary>
    public RelayCounters FromB => _bToA.Snapshot();

    /// <summary>Completes when the relay has finished with the next datagram from side A (for tests that need an order across the two sockets).</summary>
    public Task WaitForDatagramFromAAsync(CancellationToken cancellationToken) => _aToB.Processed.WaitAsync(cancellationToken);

    /// <summary>Starts a relay on two new 127.0.0.1 sockets.</summary>
    public static LossyUdpRelay Start(LossyUdpRelayOptions? options = null) => new(options ?? new LossyUdpRelayOptions());

    /// <summary>
    /// Peer A's candidate as peer B must see it: a UDP candidate gets <see cref="SideB"/>'s address and port (the rest
    /// kept) and its real address becomes <see cref="PeerA"/> if none was set; the end-of-candidates (empty) stays as it
    /// is; a TCP candidate, which the relay cannot carry, gives null (do not pass it on).
    /// </summary>
    public string? RouteCandidateFromA(string candidate) => Route(candidate, SideB, fromA: true);

    /// <summary>Peer B's candidate as peer A must see it (see <see cref="RouteCandidateFromA"/>).</summary>
    public string? RouteCandidateFromB(string candidate) => Route(candidate, SideA, fromA: false);

    /// <summary>Peer A's offer or answer as B must see it: each <c>a=candidate</c> line routed, TCP ones removed.</summary>
    public string RouteSdpFromA(string sdp) => RouteSdp(sdp, fromA: true);

    /// <summary>Peer B's offer or answer as A must see it.</summary>
    public string RouteSdpFromB(string sdp) => RouteSdp(sdp, fromA: false);

    /// <summary>Stops both directions and closes the sockets; a held datagram is dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _socketA.Dispose();
        _socketB.Dispose();
        try
        {
            await _loops.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _aToB.Dispose();
        _bToA.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// Rewrites the address and port of a candidate attribute (<c>candidate:f c udp p addr port typ ...</c>, with or
    /// without <c>a=</c>), RFC 8839 §5.1; null when it is not a UDP candidate.
    /// </summary>
    private string? Route(string candidate, IPEndPoint relaySide, bool fromA)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.Length == 0)
        {
            return candidate;
        }

        string[] fields = candidate.Split(' ');
        if (fields.Length < 8 || !fields[0].Contains("candidate:", StringComparison.Ordinal)
            || !string.Equals(fields[2], "udp", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (IPAddress.TryParse(fields[4], out IPAddress? address)
            && int.TryParse(fields[5], NumberStyles.None, CultureInfo.InvariantCulture, out int port))
        {
            var real = new IPEndPoint(address, port);
            lock (_gate)
            {
                if (fromA)
                {
                    _peerA ??= real;
                }
                else
                {
                    _peerB ??= real;
                }
            }
        }

        fields[4] = relaySide.Address.ToString();
        fields[5] = relaySide.Port.ToString(CultureInfo.InvariantCulture);
        return string.Join(' ', fields);
    }

    private string RouteSdp(string sdp, bool fromA)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        string newline = sdp.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        string[] lines = sdp.Split(newline);
        var routed = new System.Collections.Generic.List<string>(lines.Length);
        foreach (string line in lines)
        {
            if (line.StartsWith("a=candidate:", StringComparison.Ordinal))
            {
                string? candidate = Route(line, fromA ? SideB : SideA, fromA);
                if (candidate is not null)
                {
                    routed.Add(candidate);
                }
            }
            else
            {
                routed.Add(line);
            }
        }

        return string.Join(newline, routed);
    }

    private static Socket Bind(int bufferSize)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.ReceiveBufferSize = bufferSize;
            socket.SendBufferSize = bufferSize;
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The peer that datagrams arriving from the other side go to; learns the sending side's address.</summary>
    private IPEndPoint? Learn(bool fromA, IPEndPoint source)
    {
        lock (_gate)
        {
            if (fromA)
            {
                _peerA ??= source;
                return _peerB;
            }

            _peerB ??= source;
            return _peerA;
        }
    }

    /// <summary>One direction: its receiving socket, its generator, its held datagram and its counts.</summary>
    private sealed class Direction : IDisposable
    {
        private readonly LossyUdpRelay _relay;
        private readonly Socket _from;
        private readonly Socket _to;
        private readonly bool _fromA;
        private readonly Random _random;
        private readonly TimeSpan _maxHold;
        private readonly Timer _holdTimer;
        private readonly object _gate = new();
        private byte[]? _held;
        private IPEndPoint? _heldDestination;
        private long _received;
        private long _forwarded;
        private long _dropped;
        private long _reordered;
        private long _unroutable;

        /// <summary>Released once per datagram this direction has finished with (forwarded, held, dropped or unroutable).</summary>
        public SemaphoreSlim Processed { get; } = new(0);

        public Direction(LossyUdpRelay relay, Socket from, Socket to, bool fromA, Random random, TimeSpan maxHold)
        {
            _relay = relay;
            _from = from;
            _to = to;
            _fromA = fromA;
            _random = random;
            _maxHold = maxHold;
            _holdTimer = new Timer(_ => ReleaseHeld());
        }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            byte[] buffer = new byte[MaxDatagram];
            EndPoint any = new IPEndPoint(IPAddress.Any, 0);
            while (!cancellationToken.IsCancellationRequested)
            {
                SocketReceiveFromResult result;
                try
                {
                    result = await _from.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException) when (!cancellationToken.IsCancellationRequested)
                {
                    continue; // an ICMP error reported on the socket: nothing to do with the next datagram
                }
                catch (SocketException)
                {
                    return;
                }

                Forward(buffer.AsSpan(0, result.ReceivedBytes), (IPEndPoint)result.RemoteEndPoint);
                Processed.Release();
            }
        }

        public RelayCounters Snapshot()
        {
            lock (_gate)
            {
                return new RelayCounters(_received, _forwarded, _dropped, _reordered, _unroutable);
            }
        }

        public void Dispose()
        {
            _holdTimer.Dispose();
            Processed.Dispose();
        }

        private void Forward(ReadOnlySpan<byte> datagram, IPEndPoint source)
        {
            _relay._observer?.Invoke(_fromA, datagram.ToArray());
            IPEndPoint? destination = _relay.Learn(_fromA, source);
            lock (_gate)
            {
                _received++;
                // Both draws every time, so that a datagram's fate depends on its position only.
                bool drop = _random.NextDouble() < _relay.DropRate;
                bool hold = _random.NextDouble() < _relay.ReorderRate;
                if (destination is null)
                {
                    _unroutable++;
                    return;
                }

                if (drop)
                {
                    _dropped++;
                    return;
                }

                if (_held is not null)
                {
                    Send(datagram, destination);
                    _reordered++;
                    SendHeldLocked();
                    return;
                }

                if (hold)
                {
                    _held = datagram.ToArray();
                    _heldDestination = destination;
                    if (_maxHold != Timeout.InfiniteTimeSpan)
                    {
                        _holdTimer.Change(_maxHold, Timeout.InfiniteTimeSpan);
                    }

                    return;
                }

                Send(datagram, destination);
            }
        }

        private void ReleaseHeld()
        {
            lock (_gate)
            {
                if (_held is not null)
                {
                    SendHeldLocked();
                }
            }
        }

        private void SendHeldLocked()
        {
            _holdTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            byte[] held = _held!;
            IPEndPoint destination = _heldDestination!;
            _held = null;
            _heldDestination = null;
            Send(held, destination);
        }

        private void Send(ReadOnlySpan<byte> datagram, IPEndPoint destination)
        {
            try
            {
                _to.SendTo(datagram, SocketFlags.None, destination);
                _forwarded++;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The peer went away or the relay is stopping: the datagram is lost like any other.
            }
        }
    }
}
