using System;
using System.Threading;
using LiveKit.WebRtc.Dtls;

namespace LiveKit.WebRtc.Tests.Dtls;

/// <summary>
/// Two in-memory datagram ports wired back to back, standing in for the ICE pair and its demultiplexer. Each direction
/// can drop its first N datagrams, so a lost flight is exercised deterministically.
/// </summary>
internal sealed class DtlsTestLink
{
    public DtlsTestLink(int dropFirstFromA = 0, int dropFirstFromB = 0)
    {
        A = new Port(dropFirstFromA);
        B = new Port(dropFirstFromB);
    }

    public Port A { get; }

    public Port B { get; }

    /// <summary>Connects each port's sends to the other transport's receive queue.</summary>
    public void Wire(DtlsTransport a, DtlsTransport b)
    {
        A.Destination = b;
        B.Destination = a;
    }

    public sealed class Port(int dropFirst) : IDtlsDatagramPort
    {
        private int _sent;
        private int _dropped;

        public DtlsTransport? Destination { get; set; }

        public int Sent => Volatile.Read(ref _sent);

        public int Dropped => Volatile.Read(ref _dropped);

        /// <summary>A copy of the last datagram sent, to replay or tamper with.</summary>
        public byte[]? LastSent { get; private set; }

        public void Send(ReadOnlySpan<byte> datagram)
        {
            if (Interlocked.Increment(ref _sent) <= dropFirst)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }

            LastSent = datagram.ToArray();
            Destination?.DeliverDatagram(datagram);
        }
    }
}
