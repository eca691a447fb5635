using System;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using LiveKit.Rtc;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Sdp;

namespace LiveKit.Benchmarks;

/// <summary>
/// One emit of a three-argument event (<c>track_subscribed</c>) to 1, 4 and 16 handlers: the generated Room API in
/// both handler forms, against a plain multicast delegate (the floor) and a naive port of the Python SDK's emitter.
/// Every variant calls the same handlers: methods that count and are never inlined. A lambda that only increments a
/// field would be inlined into the multicast baseline by dynamic PGO (guarded devirtualization), which then measures
/// nothing at all (0.04 ns, below one clock cycle) instead of the cost of calling a handler; real handlers do work.
/// </summary>
[MemoryDiagnoser]
public class EmitBenchmarks
{
    private const string TrackSubscribed = "track_subscribed";

    private static readonly PeerConnection Connection = new();
    private readonly RemoteParticipant _participant = new("PA_bench", "bench");
    private readonly Track _track = new RemoteAudioTrack("TR_bench", "microphone", Connection.AddTransceiver(MediaKind.Audio, SdpMediaDirection.RecvOnly));
    private readonly RemoteTrackPublication _publication;

    /// <summary>The model objects of the emitted event, as the room would build them (no room: nothing is subscribed).</summary>
    public EmitBenchmarks() =>
        _publication = new("TR_bench", "microphone", TrackKind.Audio, TrackSource.Microphone, _participant, room: null);

    private Action<Track, RemoteTrackPublication, RemoteParticipant>? _multicast;
    private Room _positionalRoom = null!;
    private Room _recordRoom = null!;
    private PythonStyleEventEmitter _pythonStyle = null!;
    private long _count;

    [Params(1, 4, 16)]
    public int Handlers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _multicast = null;
        _positionalRoom = new Room();
        _recordRoom = new Room();
        _pythonStyle = new PythonStyleEventEmitter();
        for (var i = 0; i < Handlers; i++)
        {
            _multicast += CountPositional;
            _positionalRoom.On(RoomEvent.TrackSubscribed, CountPositional);
            _recordRoom.On(RoomEvent.TrackSubscribed, CountRecord);
            _pythonStyle.On(TrackSubscribed, (Action<Track, RemoteTrackPublication, RemoteParticipant>)CountPositional);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CountPositional(Track track, RemoteTrackPublication publication, RemoteParticipant participant) => _count++;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CountRecord(TrackSubscribedEventArgs e) => _count++;

    [Benchmark(Baseline = true, Description = "Multicast delegate")]
    public void MulticastDelegate() => _multicast!(_track, _publication, _participant);

    [Benchmark(Description = "Room.Emit, positional handlers")]
    public void EmitPositional() => _positionalRoom.Emit(RoomEvent.TrackSubscribed, _track, _publication, _participant);

    [Benchmark(Description = "Room.Emit, record handlers")]
    public void EmitRecord() => _recordRoom.Emit(RoomEvent.TrackSubscribed, _track, _publication, _participant);

    [Benchmark(Description = "Python-style emitter (naive port)")]
    public void EmitPythonStyle() => _pythonStyle.Emit(TrackSubscribed, _track, _publication, _participant);
}
