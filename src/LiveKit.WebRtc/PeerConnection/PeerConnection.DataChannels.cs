using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LiveKit.WebRtc.DataChannels;
using LiveKit.WebRtc.Dtls;
using LiveKit.WebRtc.Sdp;

namespace LiveKit.WebRtc;

// Data channels (RFC 8831): the m=application section, and starting SCTP over DTLS once both are ready.
public sealed partial class PeerConnection : IDataChannelOwner
{
    private const string DataChannelProtocol = "UDP/DTLS/SCTP";
    private const string DataChannelFormat = "webrtc-datachannel";

    private long _droppedDataMessages;
    private bool _dataChannelsWanted;
    private string? _dataMid;
    private RemoteSctp? _remoteSctp;

    /// <summary>The peer opened a data channel in-band (W3C ondatachannel). It is open when raised.</summary>
    public event Action<DataChannel>? DataChannelReceived;

    /// <summary>
    /// Creates a data channel (W3C createDataChannel). The first one adds an <c>m=application</c> section to the next
    /// offer; channels open once the SCTP association is up, or at once when it already is.
    /// </summary>
    /// <exception cref="ArgumentException">The options contradict each other, or the label or protocol is longer than 65,535 bytes.</exception>
    public DataChannel CreateDataChannel(string label, DataChannelInit? init = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        init ??= new DataChannelInit();
        ArgumentNullException.ThrowIfNull(init.Protocol, nameof(init));
        if (Encoding.UTF8.GetByteCount(label) > ushort.MaxValue || Encoding.UTF8.GetByteCount(init.Protocol) > ushort.MaxValue)
        {
            throw new ArgumentException("A data channel label and protocol are at most 65,535 bytes of UTF-8 (RFC 8832 §5.1).");
        }

        if (init.MaxRetransmits is not null && init.MaxPacketLifeTime is not null)
        {
            throw new ArgumentException("MaxRetransmits and MaxPacketLifeTime cannot both be set (W3C createDataChannel).", nameof(init));
        }

        if (init.MaxRetransmits < 0 || init.MaxPacketLifeTime < TimeSpan.Zero)
        {
            throw new ArgumentException("MaxRetransmits and MaxPacketLifeTime cannot be negative.", nameof(init));
        }

        if (init.Negotiated && init.Id is null)
        {
            throw new ArgumentException("A negotiated data channel needs an Id that both sides agreed on.", nameof(init));
        }

        lock (_gate)
        {
            ThrowIfClosed();
            _dataChannelsWanted = true;
        }

        // Without Negotiated the stream id is ours to pick by DTLS role (W3C ignores a given one).
        return _dataChannels.CreateChannel(label, init.Negotiated ? init : init with { Id = null });
    }

    /// <inheritdoc />
    void IDataChannelOwner.Raise(Action? handler)
    {
        if (handler is null)
        {
            return;
        }

        foreach (Action subscriber in handler.GetInvocationList())
        {
            try
            {
                subscriber();
            }
            catch (Exception)
            {
                CountHandlerFailure();
            }
        }
    }

    /// <inheritdoc />
    void IDataChannelOwner.Raise<T>(Action<T>? handler, T value) => Raise(handler, value);

    /// <inheritdoc />
    void IDataChannelOwner.OnChannelReceived(DataChannel channel) => Raise(DataChannelReceived, channel);

    /// <inheritdoc />
    void IDataChannelOwner.CountDroppedMessage() => System.Threading.Interlocked.Increment(ref _droppedDataMessages);

    private DataChannelTransport CreateDataChannelTransport() => new(this, new DataChannelTransportOptions
    {
        MaxReceiveMessageSize = _options.MaxMessageSize,
        TimeProvider = _options.TimeProvider,
        Random = _options.Random,
    });

    /// <summary>Whether our next offer carries the data section: a channel was created, or one was negotiated before.</summary>
    private bool OffersDataChannels => _dataChannelsWanted || _dataMid is not null;

    /// <summary>RFC 8841 §5: <c>m=application 9 UDP/DTLS/SCTP webrtc-datachannel</c> with the port and size attributes.</summary>
    private SdpMediaDescription OfferDataSection()
    {
        _dataMid ??= NextMid();
        var attributes = new List<SdpAttribute>
        {
            new(SdpAttributeNames.IceUfrag, _localCredentials.UsernameFragment),
            new(SdpAttributeNames.IcePwd, _localCredentials.Password),
            new(SdpAttributeNames.IceOptions, "trickle"),
            LocalSdpFingerprint().ToAttribute(),
            new(SdpAttributeNames.Setup, SdpSetupRole.ActPass.ToValue()),
            new(SdpAttributeNames.Mid, _dataMid),
            new(SdpAttributeNames.SctpPort, SdpText.Format(DataChannelTransport.DefaultSctpPort)),
            new(SdpAttributeNames.MaxMessageSize, SdpText.Format(_options.MaxMessageSize)),
        };
        return new SdpMediaDescription
        {
            Kind = "application",
            Port = 9,
            Protocol = DataChannelProtocol,
            Formats = new[] { DataChannelFormat },
            Connections = new[] { SdpConnection.Unspecified },
            Attributes = attributes,
        };
    }

    /// <summary>Remembers the data section of a completed negotiation: its mid, and the peer's SCTP port and size limit.</summary>
    private void ApplyDataNegotiation(SessionDescription offer, SessionDescription answer, bool localIsOfferer)
    {
        SessionDescription remote = localIsOfferer ? answer : offer;
        for (int i = 0; i < answer.MediaDescriptions.Count && i < offer.MediaDescriptions.Count; i++)
        {
            if (answer.MediaDescriptions[i].Kind != "application" || offer.MediaDescriptions[i].Kind != "application")
            {
                continue;
            }

            SdpMediaDescription answered = answer.MediaDescriptions[i];
            if (answered.IsRejected)
            {
                continue;
            }

            SdpMediaDescription peer = remote.MediaDescriptions[i];
            _dataMid = answered.Mid ?? offer.MediaDescriptions[i].Mid;
            _remoteSctp ??= new RemoteSctp(peer.SctpPort ?? DataChannelTransport.DefaultSctpPort, peer.MaxMessageSize);
            return;
        }
    }

    /// <summary>Starts SCTP once DTLS is connected and a data section is negotiated, whichever comes last.</summary>
    private void StartDataChannelsIfReady()
    {
        RemoteSctp? sctp;
        DtlsRole? role;
        lock (_gate)
        {
            sctp = _closed || _dtlsResult is null ? null : _remoteSctp;
            role = _dtlsRole;
        }

        if (sctp is not null && role is DtlsRole known)
        {
            _dataChannels.Start(known, _dtls, sctp.Port, sctp.MaxMessageSize);
        }
    }

    /// <summary>The peer's SCTP port and <c>a=max-message-size</c> (null when absent).</summary>
    private sealed record RemoteSctp(int Port, ulong? MaxMessageSize);
}
