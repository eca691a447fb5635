using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc.Srtp;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using SrtpProtectionProfile = LiveKit.WebRtc.Srtp.SrtpProtectionProfile;
using BcDtlsTransport = Org.BouncyCastle.Tls.DtlsTransport;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// One DTLS 1.2 association over an <see cref="IDtlsDatagramPort"/> (RFC 6347), keyed for SRTP (RFC 5764) and
/// carrying application data for SCTP (RFC 8261). Feed incoming DTLS datagrams to <see cref="DeliverDatagram"/>,
/// run <see cref="StartAsync"/> once, then use <see cref="Send"/>; records from the peer go to <see cref="ApplicationDataHandler"/>.
/// BouncyCastle is blocking, so the handshake and then the receive loop run on a dedicated thread.
/// </summary>
internal sealed class DtlsTransport : IAsyncDisposable
{
    /// <summary>RFC 5246 §6.2.1: the largest plaintext of one record.</summary>
    private const int MaxPlaintextLength = 16384;
    private const byte AlertType = 21;

    private readonly DtlsTransportOptions _options;
    private readonly DtlsCertificate _certificate;
    private readonly DtlsDatagramQueue _queue = new();
    private readonly BouncyCastleDatagramTransport _datagramTransport;
    private readonly Lock _sendLock = new();
    private readonly Lock _receiveLock = new();
    private readonly byte[] _plaintext;
    private DtlsApplicationDataDecryptor? _decryptor;
    private DtlsApplicationDataEncryptor? _encryptor;
    private DtlsRecordKeys? _serverWriteKeys; // a server's, until the client's first record shows it has our Finished
    private readonly IDtlsDatagramPort _port;
    private readonly byte[] _record = new byte[MaxPlaintextLength + DtlsApplicationDataEncryptor.Overhead];
    private BcDtlsTransport? _dtls;
    private Func<bool>? _peerClosed;
    private Task? _receiveLoop;
    private int _started;
    private int _closed;

    /// <summary>Creates a transport that sends through <paramref name="port"/>.</summary>
    public DtlsTransport(IDtlsDatagramPort port, DtlsTransportOptions? options = null)
    {
        _options = options ?? new DtlsTransportOptions();
        _certificate = _options.Certificate ?? DtlsCertificate.Shared;
        _port = port;
        _datagramTransport = new BouncyCastleDatagramTransport(port, _queue, _options.MaxDatagramSize, _options.MaxReceiveDatagramSize);
        _plaintext = new byte[_options.MaxReceiveDatagramSize];
    }

    /// <summary>Our certificate's fingerprint, for the local <c>a=fingerprint</c>.</summary>
    public DtlsFingerprint LocalFingerprint => _certificate.Fingerprint;

    /// <summary>Whether the handshake completed and neither side has closed the association.</summary>
    public bool IsConnected => _dtls is not null && Volatile.Read(ref _closed) == 0 && !_datagramTransport.IsClosed;

    /// <summary>
    /// Takes the application data records from the peer on the receive thread, and learns when the association ends.
    /// Set it before <see cref="StartAsync"/>; without one, records are dropped.
    /// </summary>
    public IDtlsApplicationDataHandler? ApplicationDataHandler { get; set; }

    /// <summary>The largest application payload <see cref="Send"/> accepts (the datagram limit minus record overhead).</summary>
    public int MaxApplicationDataSize => _dtls?.GetSendLimit() ?? throw new InvalidOperationException("The DTLS handshake has not completed.");

    /// <summary>
    /// Takes one datagram the demultiplexer classified as DTLS (RFC 7983 §7), keeping its acceptable records
    /// (<see cref="DtlsRecordFilter"/>). Once connected, application data records are decrypted here and handed to
    /// <see cref="ApplicationDataHandler"/> on the calling thread (a forged or replayed one is discarded, RFC 6347
    /// §4.1.2.7); other records are queued for BouncyCastle. False when nothing was taken: no acceptable record, a
    /// datagram longer than <see cref="DtlsTransportOptions.MaxReceiveDatagramSize"/>, a full queue or a closed transport.
    /// </summary>
    public bool DeliverDatagram(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length > _options.MaxReceiveDatagramSize)
        {
            return false;
        }

        Span<byte> records = stackalloc byte[datagram.Length];
        int length = DtlsRecordFilter.Filter(datagram, records);
        if (length == 0)
        {
            return false;
        }

        DtlsApplicationDataDecryptor? decryptor = Volatile.Read(ref _decryptor);
        return decryptor is null ? _queue.TryEnqueue(records[..length]) : DeliverConnected(decryptor, records[..length]);
    }

    /// <summary>
    /// Runs the handshake as <paramref name="role"/>, requires the peer's certificate to match
    /// <paramref name="remoteFingerprint"/>, and exports the SRTP keys (RFC 5764 §4.2).
    /// </summary>
    /// <exception cref="DtlsFingerprintMismatchException">The peer's certificate does not match a=fingerprint.</exception>
    /// <exception cref="DtlsHandshakeException">A fatal alert, failed negotiation, or the transport closed.</exception>
    /// <exception cref="TimeoutException">The handshake exceeded <see cref="DtlsTransportOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DtlsHandshakeResult> StartAsync(DtlsRole role, DtlsFingerprint remoteFingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remoteFingerprint);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("StartAsync may be called only once per DtlsTransport.");
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();

        // One thread for the handshake and then the receive loop: starting a thread blocks its starter for ~160 µs,
        // which a second thread would add to every connect.
        var handshake = new TaskCompletionSource<DtlsHandshakeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiveLoop = Task.Factory.StartNew(
            () => Run(role, remoteFingerprint, handshake, cancellationToken),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        return await handshake.Task.ConfigureAwait(false);
    }

    /// <summary>Sends one application data record (an SCTP packet, RFC 8261 §5). Thread-safe.</summary>
    /// <exception cref="InvalidOperationException">The handshake has not completed or the transport is closed.</exception>
    public void Send(ReadOnlySpan<byte> data)
    {
        BcDtlsTransport dtls = _dtls ?? throw new InvalidOperationException("The DTLS handshake has not completed.");
        if (Volatile.Read(ref _closed) != 0)
        {
            throw new InvalidOperationException("The DTLS transport is closed.");
        }

        if (data.Length > MaxPlaintextLength)
        {
            throw new ArgumentException($"A DTLS record carries at most {MaxPlaintextLength} bytes.", nameof(data));
        }

        lock (_sendLock)
        {
            if (_encryptor is { } encryptor)
            {
                // Like BouncyCastle's transport after close: nothing more leaves.
                if (!_datagramTransport.IsClosed)
                {
                    int length = encryptor.Encrypt(DtlsApplicationDataDecryptor.ApplicationDataType, data, _record);
                    _port.Send(_record.AsSpan(0, length));
                }

                return;
            }

            dtls.Send(data);
        }
    }

    /// <summary>
    /// Sends close_notify (RFC 5246 §7.2.1, which RFC 6347 §4.1 inherits), stops the receive loop and tells
    /// <see cref="ApplicationDataHandler"/>. A handshake in progress fails with <see cref="DtlsHandshakeException"/>. Idempotent.
    /// </summary>
    public async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        BcDtlsTransport? dtls = _dtls;
        if (dtls is not null)
        {
            lock (_sendLock)
            {
                try
                {
                    // Our close_notify first: the peer has seen our sequence numbers pass BouncyCastle's.
                    if (_encryptor is { } encryptor && !_datagramTransport.IsClosed)
                    {
                        int length = encryptor.Encrypt(AlertType, [1, 0], _record);
                        _port.Send(_record.AsSpan(0, length));
                    }

                    dtls.Close();
                }
                catch (Exception)
                {
                    // Best effort: the association may already have failed.
                }
            }
        }

        _datagramTransport.Close();
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }

        lock (_receiveLock)
        {
            _decryptor?.Dispose();
        }

        lock (_sendLock)
        {
            _encryptor?.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => CloseAsync();

    /// <summary>A server's switch to <see cref="DtlsApplicationDataEncryptor"/> once the client has proved it has our Finished.</summary>
    private void StartEncrypting()
    {
        lock (_sendLock)
        {
            if (_serverWriteKeys is { } keys && Volatile.Read(ref _closed) == 0)
            {
                _encryptor = new DtlsApplicationDataEncryptor(keys, DtlsRole.Server);
                _serverWriteKeys = null;
            }
        }
    }

    /// <summary>Decrypts and hands up the application data records; queues the others for BouncyCastle.</summary>
    private bool DeliverConnected(DtlsApplicationDataDecryptor decryptor, ReadOnlySpan<byte> records)
    {
        Span<byte> others = stackalloc byte[records.Length];
        int othersLength = 0;
        bool taken = false;
        lock (_receiveLock)
        {
            if (Volatile.Read(ref _closed) != 0 || _datagramTransport.IsClosed)
            {
                return false;
            }

            // The filter left whole records with lengths that fit.
            while (records.Length >= DtlsRecordFilter.HeaderLength)
            {
                int recordLength = DtlsRecordFilter.HeaderLength + BinaryPrimitives.ReadUInt16BigEndian(records[11..]);
                ReadOnlySpan<byte> record = records[..recordLength];
                records = records[recordLength..];
                if (!DtlsApplicationDataDecryptor.IsApplicationData(record))
                {
                    record.CopyTo(others[othersLength..]);
                    othersLength += recordLength;
                    continue;
                }

                taken = true;
                int plaintextLength = decryptor.Decrypt(record, _plaintext);
                if (plaintextLength >= 0 && Volatile.Read(ref _serverWriteKeys) is not null)
                {
                    StartEncrypting();
                }

                if (plaintextLength > 0)
                {
                    ApplicationDataHandler?.OnApplicationData(_plaintext.AsSpan(0, plaintextLength));
                }
            }
        }

        return (othersLength > 0 && _queue.TryEnqueue(others[..othersLength])) || taken;
    }

    private void Run(DtlsRole role, DtlsFingerprint remoteFingerprint, TaskCompletionSource<DtlsHandshakeResult> handshake, CancellationToken cancellationToken)
    {
        DtlsHandshakeResult result;
        try
        {
            result = Handshake(role, remoteFingerprint, cancellationToken);
        }
        catch (Exception e)
        {
            handshake.SetException(e);
            ApplicationDataHandler?.OnClosed(e);
            return;
        }

        handshake.SetResult(result);
        ReceiveLoop();
    }

    private DtlsHandshakeResult Handshake(DtlsRole role, DtlsFingerprint remoteFingerprint, CancellationToken cancellationToken)
    {
        // BouncyCastle keeps ECDHE: it offers x25519 first and, as server, takes the client's first group; its x25519
        // (~110 µs a side) beats .NET's P-256 ECDH (~300 µs: OpenSSL re-validates every imported point). Our ECDSA
        // signatures run in .NET (DtlsCertificate.CreateSigner).
        var crypto = new DtlsCrypto(new SecureRandom());
        var verifier = new DtlsPeerCertificateVerifier(remoteFingerprint);
        _datagramTransport.SetCancellationToken(cancellationToken);
        try
        {
            BcDtlsTransport dtls;
            SrtpProtectionProfile? profile;
            byte[]? exported;
            DtlsRecordKeys? keys;
            if (role == DtlsRole.Client)
            {
                var client = new DtlsSrtpClient(crypto, _certificate, verifier, _options);
                dtls = new DtlsClientProtocol().Connect(client, _datagramTransport);
                (profile, exported, keys, _peerClosed) = (client.SelectedProfile, client.ExportedSrtpKeys, client.RecordKeys, () => client.PeerClosed);
            }
            else
            {
                // No HelloVerifyRequest cookie exchange (RFC 6347 §4.2.1 makes it optional): ICE connectivity checks
                // already proved the peer's address, and it lets the server take a ClientHello fragmented over datagrams.
                var server = new DtlsSrtpServer(crypto, _certificate, verifier, _options);
                dtls = new DtlsServerProtocol { VerifyRequests = false }.Accept(server, _datagramTransport);
                (profile, exported, keys, _peerClosed) = (server.SelectedProfile, server.ExportedSrtpKeys, server.RecordKeys, () => server.PeerClosed);
            }

            // The receive loop must not die with the caller's handshake token.
            _datagramTransport.SetCancellationToken(CancellationToken.None);
            if (!verifier.IsVerified)
            {
                dtls.Close();
                throw verifier.MissingCertificate();
            }

            if (profile is not { } selected)
            {
                dtls.Close();
                throw new DtlsHandshakeException("The DTLS handshake completed without negotiating an SRTP profile (RFC 5764 §4.1.1).");
            }

            if (exported is null || !SrtpKeyingMaterial.TryCreate(selected, exported, out SrtpKeyingMaterial? material))
            {
                dtls.Close();
                throw new DtlsHandshakeException($"Could not split the exported keying material for {selected} (RFC 5764 §4.2).");
            }

            _dtls = dtls;
            if (keys is not null)
            {
                // A client's Finished went before the server's, which it now has: the server has ours. A server waits for
                // the client's first record to know that its own last flight arrived (RFC 6347 §4.2.4 may resend it).
                lock (_sendLock)
                {
                    if (role == DtlsRole.Client)
                    {
                        _encryptor = new DtlsApplicationDataEncryptor(keys, role);
                    }
                    else
                    {
                        _serverWriteKeys = keys;
                    }
                }

                Volatile.Write(ref _decryptor, new DtlsApplicationDataDecryptor(keys, role));
            }

            if (Volatile.Read(ref _closed) != 0)
            {
                // CloseAsync ran while the last flight was in flight and saw no association to close.
                dtls.Close();
                throw new DtlsHandshakeException("The DTLS transport was closed during the handshake.");
            }

            return new DtlsHandshakeResult(role, material, remoteFingerprint);
        }
        catch (Exception e) when (e is not DtlsHandshakeException)
        {
            _datagramTransport.Close();
            throw MapHandshakeFailure(e, role, verifier, cancellationToken);
        }
    }

    private Exception MapHandshakeFailure(Exception exception, DtlsRole role, DtlsPeerCertificateVerifier verifier, CancellationToken cancellationToken)
    {
        if (verifier.Mismatch is { } mismatch)
        {
            return new DtlsFingerprintMismatchException(mismatch.Expected, mismatch.Actual, exception);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("The DTLS handshake was cancelled.", exception, cancellationToken);
        }

        if (Volatile.Read(ref _closed) != 0)
        {
            return new DtlsHandshakeException("The DTLS transport was closed during the handshake.", exception);
        }

        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TlsTimeoutException:
                    return new TimeoutException(
                        $"The DTLS handshake as {role} did not complete within {_options.HandshakeTimeout.TotalMilliseconds:0} ms.", exception);
                case TlsFatalAlertReceived received:
                    return new DtlsHandshakeException(
                        $"The peer aborted the DTLS handshake with a fatal {AlertDescription.GetText(received.AlertDescription)} alert.", exception);
                case TlsFatalAlert sent:
                    return new DtlsHandshakeException(
                        $"The DTLS handshake as {role} failed with {AlertDescription.GetText(sent.AlertDescription)}: {sent.Message}", exception);
            }
        }

        return new DtlsHandshakeException($"The DTLS handshake as {role} failed: {exception.Message}", exception);
    }

    private void ReceiveLoop()
    {
        BcDtlsTransport dtls = _dtls!;
        IDtlsApplicationDataHandler? handler = ApplicationDataHandler;
        byte[] buffer = new byte[dtls.GetReceiveLimit()];
        Exception? failure = null;
        try
        {
            while (Volatile.Read(ref _closed) == 0)
            {
                // The wait only bounds how long one call blocks; BouncyCastle also answers a retransmitted final
                // flight from within Receive (RFC 6347 §4.2.4).
                int received = dtls.Receive(buffer, 0, buffer.Length, 1000);
                if (received > 0)
                {
                    handler?.OnApplicationData(buffer.AsSpan(0, received));
                }
                else if (received < 0 && (_peerClosed!() || _datagramTransport.IsClosed))
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            bool orderly = Volatile.Read(ref _closed) != 0 || _peerClosed!();
            failure = orderly ? null : new DtlsHandshakeException("The DTLS association failed after the handshake.", e);
        }

        handler?.OnClosed(failure);
    }
}
