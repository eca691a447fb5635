using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Rtc.Engine;
using LiveKit.Rtc.Signaling;
using LiveKit.WebRtc;

namespace LiveKit.Rtc;

/// <summary>
/// One connection of a room: its signal connection, its engine, and the state that lives exactly as long as they do
/// (the newest token, data sequence numbers, requests awaiting answers). It listens to both and posts what they report
/// to the room loop tagged with itself, so the room can ignore a report from a session that has already ended.
/// </summary>
internal sealed class RoomSession : ISignalListener, IRtcEngineListener
{
    private readonly Room _room;
    private readonly TaskCompletionSource<Exception> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closing;

    public RoomSession(Room room, SignalClient signal, RoomJoinTarget target, string token, RoomOptions options, bool isRejoin)
    {
        _room = room;
        Signal = signal;
        Target = target;
        Token = token;
        Options = options;
        IsRejoin = isRejoin;
    }

    /// <summary>Where the session joined, for rejoining.</summary>
    public RoomJoinTarget Target { get; }

    /// <summary>True when the session rejoins after a lost connection: it ends in <c>reconnected</c>, not <c>connected</c>.</summary>
    public bool IsRejoin { get; }

    public SignalClient Signal { get; }

    /// <summary>The engine; set once the join response has been read.</summary>
    public RtcEngine Engine { get; set; } = null!;

    public RoomOptions Options { get; }

    /// <summary>The newest access token: the one connected with, or the last the server sent (refresh_token, room_moved).</summary>
    public string Token { get; set; }

    /// <summary>True once the room emitted <c>connected</c> for this session.</summary>
    public bool IsConnected { get; set; }

    /// <summary>Completes with the reason when the session ends before it connected (signal lost, refused by a leave).</summary>
    public Task<Exception> Failed => _failed.Task;

    /// <summary>Drops resent reliable data (brief §4 sequencing). Room loop only.</summary>
    public ReliableSequenceFilter ReliableData { get; } = new();

    /// <summary>Remote tracks whose publication is not known yet, bound when an update announces it. Room loop only.</summary>
    public List<RtpTransceiver> UnboundTracks { get; } = new();

    /// <summary>Events held back until <c>connected</c> fired (remote tracks, as the JS SDK does). Room loop only.</summary>
    public List<Action> HeldUntilConnected { get; } = new();

    /// <summary>Ids for requests that carry one (UpdateParticipantMetadata); 0 means none, so they start at 1.</summary>
    public uint NextRequestId { get; set; }

    /// <summary>Marks the session as ending; true for the first caller only.</summary>
    public bool TryBeginClose() => Interlocked.Exchange(ref _closing, 1) == 0;

    /// <summary>True once <see cref="TryBeginClose"/> was called.</summary>
    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>Fails a join that has not connected yet.</summary>
    public void FailJoin(Exception reason) => _failed.TrySetResult(reason);

    void ISignalListener.OnSignalResponse(Proto.SignalResponse response) =>
        _room.Loop.Post(static s => s.Session._room.OnSignalResponse(s.Session, s.Response), (Session: this, Response: response));

    void ISignalListener.OnSignalClosed(SignalClosed closed) =>
        _room.Loop.Post(static s => s.Session._room.OnSignalClosed(s.Session, s.Closed), (Session: this, Closed: closed));

    void IRtcEngineListener.OnDataPacket(Proto.DataPacket packet, DataPacketKind kind) =>
        _room.Loop.Post(static s => s.Session._room.OnDataPacket(s.Session, s.Packet, s.Kind), (Session: this, Packet: packet, Kind: kind));

    void IRtcEngineListener.OnRemoteTrack(RtpTransceiver transceiver) =>
        _room.Loop.Post(static s => s.Session._room.OnRemoteTrack(s.Session, s.Transceiver), (Session: this, Transceiver: transceiver));

    void IRtcEngineListener.OnSubscriberNegotiated() =>
        _room.Loop.Post(static s => s._room.OnSubscriberNegotiated(s), this);

    void IRtcEngineListener.OnPeerConnectionStateChanged(bool isPublisher, PeerConnectionState state) =>
        _room.Loop.Post(static s => s.Session._room.OnPeerConnectionStateChanged(s.Session, s.IsPublisher, s.State),
            (Session: this, IsPublisher: isPublisher, State: state));
}
