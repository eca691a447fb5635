using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc.Dtls;
using LiveKit.WebRtc.Srtp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Dtls;

[Collection(RealTimeCollection.Name)]
public class DtlsTransportTests
{
    /// <summary>A second identity, made once, so the two ends present different certificates.</summary>
    internal static readonly DtlsCertificate OtherCertificate = DtlsCertificate.Generate();

    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    public static IEnumerable<object[]> Profiles() =>
    [
        [(ushort)SrtpProtectionProfile.Aes128CmHmacSha1_80],
        [(ushort)SrtpProtectionProfile.AeadAes128Gcm],
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Handshake_completes_in_either_role_and_srtp_round_trips_both_ways(bool sharedCertificateIsClient)
    {
        DtlsRole sharedCertificateRole = sharedCertificateIsClient ? DtlsRole.Client : DtlsRole.Server;
        await using Pair pair = Pair.Create(sharedCertificateRole);
        var (a, b) = await pair.ConnectAsync();
        using (a)
        using (b)
        {
            Assert.Equal(sharedCertificateRole, a.Role);
            Assert.NotEqual(a.Role, b.Role);
            Assert.Equal(SrtpProtectionProfile.AeadAes128Gcm, a.SrtpProfile);
            Assert.Equal(a.SrtpProfile, b.SrtpProfile);
            Assert.Equal(a.KeyingMaterial.ClientMasterKey.ToArray(), b.KeyingMaterial.ClientMasterKey.ToArray());
            Assert.Equal(a.KeyingMaterial.ServerMasterSalt.ToArray(), b.KeyingMaterial.ServerMasterSalt.ToArray());
            AssertRtpRoundTrips(a.OutboundSrtpContext, b.InboundSrtpContext, sequence: 1);
            AssertRtpRoundTrips(b.OutboundSrtpContext, a.InboundSrtpContext, sequence: 7);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Each_profile_is_negotiated_when_offered_alone(ushort profileValue)
    {
        var profile = (SrtpProtectionProfile)profileValue;
        var clientOptions = new DtlsTransportOptions { SrtpProfiles = [profile] };
        await using Pair pair = Pair.Create(DtlsRole.Client, clientOptions);
        var (client, server) = await pair.ConnectAsync();
        using (client)
        using (server)
        {
            Assert.Equal(profile, client.SrtpProfile);
            Assert.Equal(profile, server.SrtpProfile);
            AssertRtpRoundTrips(client.OutboundSrtpContext, server.InboundSrtpContext, sequence: 42);
        }
    }

    [Fact]
    public async Task Server_picks_the_clients_first_supported_profile()
    {
        var clientOptions = new DtlsTransportOptions
        {
            SrtpProfiles = [SrtpProtectionProfile.Aes128CmHmacSha1_80, SrtpProtectionProfile.AeadAes128Gcm],
        };
        await using Pair pair = Pair.Create(DtlsRole.Client, clientOptions);
        var (client, server) = await pair.ConnectAsync();
        using (client)
        using (server)
        {
            Assert.Equal(SrtpProtectionProfile.Aes128CmHmacSha1_80, server.SrtpProfile);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Fingerprint_mismatch_fails_the_checking_side_with_a_typed_exception(bool clientChecks)
    {
        DtlsRole checkingRole = clientChecks ? DtlsRole.Client : DtlsRole.Server;
        var options = new DtlsTransportOptions { HandshakeTimeout = TimeSpan.FromSeconds(5) };
        await using Pair pair = Pair.Create(DtlsRole.Client, options, options);
        DtlsFingerprint wrong = DtlsFingerprint.Compute(new byte[] { 1, 2, 3 });
        DtlsFingerprint clientExpects = checkingRole == DtlsRole.Client ? wrong : pair.B.LocalFingerprint;
        DtlsFingerprint serverExpects = checkingRole == DtlsRole.Server ? wrong : pair.A.LocalFingerprint;

        Task<DtlsHandshakeResult> client = pair.A.StartAsync(DtlsRole.Client, clientExpects, CancellationToken.None);
        Task<DtlsHandshakeResult> server = pair.B.StartAsync(DtlsRole.Server, serverExpects, CancellationToken.None);
        Task<DtlsHandshakeResult> checking = checkingRole == DtlsRole.Client ? client : server;
        Task<DtlsHandshakeResult> other = checkingRole == DtlsRole.Client ? server : client;

        var mismatch = await Assert.ThrowsAsync<DtlsFingerprintMismatchException>(() => checking.WaitAsync(TestTimeout));
        Assert.Contains("does not match a=fingerprint", mismatch.Message);
        Assert.Equal(wrong, mismatch.Expected);
        DtlsTransport checkedPeer = checkingRole == DtlsRole.Client ? pair.B : pair.A;
        Assert.Equal(checkedPeer.LocalFingerprint, mismatch.Actual);

        // The other side is told by the bad_certificate alert (RFC 5246 §7.2.2) rather than waiting for a timeout.
        var peerFailure = await Assert.ThrowsAsync<DtlsHandshakeException>(() => other.WaitAsync(TestTimeout));
        Assert.IsNotType<DtlsFingerprintMismatchException>(peerFailure);
        Assert.Contains("bad_certificate", peerFailure.Message);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(2, 2)]
    public async Task Dropped_flights_are_retransmitted_and_the_handshake_completes(int dropFromClient, int dropFromServer)
    {
        var options = new DtlsTransportOptions { InitialRetransmissionTimeout = TimeSpan.FromMilliseconds(50) };
        var link = new DtlsTestLink(dropFromClient, dropFromServer);
        await using Pair pair = Pair.Create(DtlsRole.Client, options, options, link);
        var (client, server) = await pair.ConnectAsync();
        using (client)
        using (server)
        {
            Assert.Equal(dropFromClient, link.A.Dropped);
            Assert.Equal(dropFromServer, link.B.Dropped);
            AssertRtpRoundTrips(client.OutboundSrtpContext, server.InboundSrtpContext, sequence: 3);
        }
    }

    [Fact]
    public async Task Application_data_round_trips_after_the_handshake()
    {
        await using Pair pair = Pair.Create(DtlsRole.Client);
        var (client, server) = await pair.ConnectAsync();
        client.Dispose();
        server.Dispose();

        byte[] ping = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        pair.A.Send(ping);
        Assert.Equal(ping, await ApplicationDataQueue.Of(pair.B).ReadAsync().AsTask().WaitAsync(TestTimeout));

        byte[] pong = [0xCA, 0xFE];
        pair.B.Send(pong);
        Assert.Equal(pong, await ApplicationDataQueue.Of(pair.A).ReadAsync().AsTask().WaitAsync(TestTimeout));
        Assert.True(pair.A.MaxApplicationDataSize is > 1000 and < 1200);
    }

    [Fact]
    public async Task Application_data_is_opened_once_a_replayed_or_tampered_record_is_discarded()
    {
        var link = new DtlsTestLink();
        await using Pair pair = Pair.Create(DtlsRole.Server, link: link);
        var (a, b) = await pair.ConnectAsync();
        a.Dispose();
        b.Dispose();

        pair.A.Send([1, 2, 3]);
        byte[] record = link.A.LastSent!;
        Assert.Equal([1, 2, 3], await ApplicationDataQueue.Of(pair.B).ReadAsync().AsTask().WaitAsync(TestTimeout));

        // RFC 6347 §4.1.2.6 and §4.1.2.7: a replay and a forgery are dropped silently, and the association goes on.
        Assert.True(pair.B.DeliverDatagram(record));
        byte[] tampered = (byte[])record.Clone();
        tampered[^1] ^= 0x01;
        Assert.True(pair.B.DeliverDatagram(tampered));
        pair.A.Send([4]);

        Assert.Equal([4], await ApplicationDataQueue.Of(pair.B).ReadAsync().AsTask().WaitAsync(TestTimeout));
        Assert.True(pair.B.IsConnected);
    }

    [Fact]
    public async Task Close_sends_close_notify_and_completes_the_peers_application_data()
    {
        await using Pair pair = Pair.Create(DtlsRole.Client);
        var (client, server) = await pair.ConnectAsync();
        client.Dispose();
        server.Dispose();

        await pair.A.CloseAsync();

        Assert.False(pair.A.IsConnected);
        await ApplicationDataQueue.Of(pair.B).Completion.WaitAsync(TestTimeout);
        await ApplicationDataQueue.Of(pair.A).Completion.WaitAsync(TestTimeout);
        Assert.False(pair.B.IsConnected);
        Assert.Throws<InvalidOperationException>(() => pair.A.Send([1]));
    }

    [Fact]
    public async Task Peer_certificate_is_checked_with_the_hash_function_the_sdp_names()
    {
        await using Pair pair = Pair.Create(DtlsRole.Client);
        DtlsFingerprint serverSha384 = DtlsFingerprint.Compute(OtherCertificate.Der, DtlsFingerprint.Sha384);
        Task<DtlsHandshakeResult> client = pair.A.StartAsync(DtlsRole.Client, serverSha384, CancellationToken.None);
        Task<DtlsHandshakeResult> server = pair.B.StartAsync(DtlsRole.Server, pair.A.LocalFingerprint, CancellationToken.None);

        DtlsHandshakeResult[] results = await Task.WhenAll(client, server).WaitAsync(TestTimeout);
        Assert.Equal(serverSha384, results[0].RemoteFingerprint);
        results[0].Dispose();
        results[1].Dispose();
    }

    [Fact]
    public async Task Datagrams_delivered_after_close_are_dropped()
    {
        var link = new DtlsTestLink();
        var transport = new DtlsTransport(link.A);
        byte[] emptyHandshakeRecord = [22, 254, 253, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.True(transport.DeliverDatagram(emptyHandshakeRecord));

        await transport.DisposeAsync();

        Assert.False(transport.DeliverDatagram(emptyHandshakeRecord));
        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => transport.StartAsync(DtlsRole.Client, OtherCertificate.Fingerprint, CancellationToken.None));
    }

    [Fact]
    public async Task Handshake_without_a_peer_times_out_with_a_clear_error()
    {
        var options = new DtlsTransportOptions
        {
            HandshakeTimeout = TimeSpan.FromMilliseconds(300),
            InitialRetransmissionTimeout = TimeSpan.FromMilliseconds(50),
        };
        var link = new DtlsTestLink();
        await using var lonely = new DtlsTransport(link.A, options);

        var timeout = await Assert.ThrowsAsync<TimeoutException>(
            () => lonely.StartAsync(DtlsRole.Client, OtherCertificate.Fingerprint, CancellationToken.None).WaitAsync(TestTimeout));
        Assert.Contains("did not complete within 300 ms", timeout.Message);
    }

    [Fact]
    public async Task Cancelling_the_handshake_throws_operation_cancelled()
    {
        var link = new DtlsTestLink();
        await using var lonely = new DtlsTransport(link.A);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => lonely.StartAsync(DtlsRole.Server, OtherCertificate.Fingerprint, cancellation.Token).WaitAsync(TestTimeout));
    }

    private static void AssertRtpRoundTrips(SrtpContext sender, SrtpContext receiver, ushort sequence)
    {
        byte[] buffer = new byte[64];
        int length = WriteRtp(buffer, sequence, ssrc: 0xDEADBEEF, payload: [1, 2, 3, 4, 5, 6, 7, 8]);
        byte[] original = buffer.AsSpan(0, length).ToArray();

        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
        Assert.NotEqual(original, buffer.AsSpan(0, length).ToArray());
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(buffer.AsSpan(0, protectedLength), out int unprotectedLength));
        Assert.Equal(original, buffer.AsSpan(0, unprotectedLength).ToArray());
    }

    /// <summary>Writes a minimal RTP packet (RFC 3550 §5.1): V=2, no padding/extension/CSRC, PT 111.</summary>
    private static int WriteRtp(Span<byte> buffer, ushort sequence, uint ssrc, ReadOnlySpan<byte> payload)
    {
        buffer[0] = 0x80;
        buffer[1] = 111;
        buffer[2] = (byte)(sequence >> 8);
        buffer[3] = (byte)sequence;
        buffer[4..8].Clear(); // timestamp
        buffer[8] = (byte)(ssrc >> 24);
        buffer[9] = (byte)(ssrc >> 16);
        buffer[10] = (byte)(ssrc >> 8);
        buffer[11] = (byte)ssrc;
        payload.CopyTo(buffer[12..]);
        return 12 + payload.Length;
    }

    /// <summary>Two transports on one link: A uses the shared certificate and plays <c>aRole</c>, B uses the other one.</summary>
    private sealed class Pair : IAsyncDisposable
    {
        private readonly DtlsRole _aRole;

        private Pair(DtlsRole aRole, DtlsTransport a, DtlsTransport b)
        {
            _aRole = aRole;
            A = a;
            B = b;
        }

        public DtlsTransport A { get; }

        public DtlsTransport B { get; }

        public static Pair Create(DtlsRole aRole, DtlsTransportOptions? aOptions = null, DtlsTransportOptions? bOptions = null, DtlsTestLink? link = null)
        {
            link ??= new DtlsTestLink();
            var a = ApplicationDataQueue.Capture(new DtlsTransport(link.A, aOptions));
            var b = ApplicationDataQueue.Capture(new DtlsTransport(link.B, (bOptions ?? new DtlsTransportOptions()) with { Certificate = OtherCertificate }));
            link.Wire(a, b);
            return new Pair(aRole, a, b);
        }

        /// <summary>Runs both handshakes; returns (A's result, B's result).</summary>
        public async Task<(DtlsHandshakeResult A, DtlsHandshakeResult B)> ConnectAsync()
        {
            DtlsRole bRole = _aRole == DtlsRole.Client ? DtlsRole.Server : DtlsRole.Client;
            Task<DtlsHandshakeResult> a = A.StartAsync(_aRole, B.LocalFingerprint, CancellationToken.None);
            Task<DtlsHandshakeResult> b = B.StartAsync(bRole, A.LocalFingerprint, CancellationToken.None);
            DtlsHandshakeResult[] results = await Task.WhenAll(a, b).WaitAsync(TestTimeout);
            return (results[0], results[1]);
        }

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
        }
    }
}
