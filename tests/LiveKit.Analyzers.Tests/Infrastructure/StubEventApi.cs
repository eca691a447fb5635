using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LiveKit.Analyzers.Tests.Infrastructure;

/// <summary>
/// A small emitter shaped exactly like the generated event API (docs/event-surface.md), in namespace <c>Stub.Rtc</c>,
/// carrying the real <c>LiveKit.Rtc.Events.EventMethodAttribute</c> of the LiveKit.Rtc assembly. It is compiled once
/// into an in-memory assembly that test compilations reference, as user code references LiveKit.Rtc. Its own namespace
/// keeps it apart from the real generated <c>LiveKit.Rtc.Room</c>, which the RealRoom tests use.
/// </summary>
internal static class StubEventApi
{
    /// <summary>The stub emitter's source: <c>Room</c> with three events (three, one and zero arguments).</summary>
    public const string Source = """
        #nullable enable
        using System;
        using System.Runtime.CompilerServices;
        using LiveKit.Rtc.Events;

        namespace Stub.Rtc
        {
            public sealed class Track { }
            public sealed class RemoteTrackPublication { }
            public sealed class RemoteParticipant { }

            public static partial class RoomEvent
            {
                public static TrackSubscribedKey TrackSubscribed => default;
                public readonly struct TrackSubscribedKey
                {
                    public const string Name = "track_subscribed";
                    public override string ToString() => Name;
                }

                public static ParticipantConnectedKey ParticipantConnected => default;
                public readonly struct ParticipantConnectedKey
                {
                    public const string Name = "participant_connected";
                    public override string ToString() => Name;
                }

                public static ConnectedKey Connected => default;
                public readonly struct ConnectedKey
                {
                    public const string Name = "connected";
                    public override string ToString() => Name;
                }
            }

            // Handlers compiled into a referenced assembly, where `async` is known only by the state machine attribute.
            public static class LibraryHandlers
            {
                public static async void AsyncVoid(RemoteParticipant participant) => await System.Threading.Tasks.Task.Yield();
                public static void Synchronous(RemoteParticipant participant) { }
            }

            public readonly record struct TrackSubscribedEventArgs(Track Track, RemoteTrackPublication Publication, RemoteParticipant Participant);
            public readonly record struct ParticipantConnectedEventArgs(RemoteParticipant Participant);
            public readonly record struct ConnectedEventArgs;

            public partial class Room
            {
                [EventMethod(EventMethodKind.On)] public EventSubscription On(RoomEvent.TrackSubscribedKey @event, Action<TrackSubscribedEventArgs> handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.On)] public EventSubscription On(RoomEvent.TrackSubscribedKey @event, Action<Track, RemoteTrackPublication, RemoteParticipant> handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.Once)] public EventSubscription Once(RoomEvent.TrackSubscribedKey @event, Action<TrackSubscribedEventArgs> handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.Once)] public EventSubscription Once(RoomEvent.TrackSubscribedKey @event, Action<Track, RemoteTrackPublication, RemoteParticipant> handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.Off)] public bool Off(RoomEvent.TrackSubscribedKey @event, Action<TrackSubscribedEventArgs>? handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.Off)] public bool Off(RoomEvent.TrackSubscribedKey @event, Action<Track, RemoteTrackPublication, RemoteParticipant>? handler) => throw new NotSupportedException();

                [EventMethod(EventMethodKind.On)] public EventSubscription On(RoomEvent.ParticipantConnectedKey @event, Action<ParticipantConnectedEventArgs> handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.On), OverloadResolutionPriority(1)] public EventSubscription On(RoomEvent.ParticipantConnectedKey @event, Action<RemoteParticipant> handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.Once)] public EventSubscription Once(RoomEvent.ParticipantConnectedKey @event, Action<ParticipantConnectedEventArgs> handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.Once), OverloadResolutionPriority(1)] public EventSubscription Once(RoomEvent.ParticipantConnectedKey @event, Action<RemoteParticipant> handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.Off)] public bool Off(RoomEvent.ParticipantConnectedKey @event, Action<ParticipantConnectedEventArgs>? handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.Off), OverloadResolutionPriority(1)] public bool Off(RoomEvent.ParticipantConnectedKey @event, Action<RemoteParticipant>? handler) => throw new NotSupportedException();

                [EventMethod(EventMethodKind.On)] public EventSubscription On(RoomEvent.ConnectedKey @event, Action<ConnectedEventArgs> handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.On), OverloadResolutionPriority(1)] public EventSubscription On(RoomEvent.ConnectedKey @event, Action handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.Once)] public EventSubscription Once(RoomEvent.ConnectedKey @event, Action<ConnectedEventArgs> handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.Once), OverloadResolutionPriority(1)] public EventSubscription Once(RoomEvent.ConnectedKey @event, Action handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.Off)] public bool Off(RoomEvent.ConnectedKey @event, Action<ConnectedEventArgs>? handler) => throw new NotSupportedException();
                [EventMethod(EventMethodKind.Off), OverloadResolutionPriority(1)] public bool Off(RoomEvent.ConnectedKey @event, Action? handler) => throw new NotSupportedException();
            }
        }
        """;

    /// <summary>
    /// The runtime (LiveKit.Rtc, with the real <c>EventMethodAttribute</c>, <c>EventSubscription</c> and the generated
    /// <c>Room</c> API) and what its public API needs (Microsoft.Extensions.Logging.Abstractions).
    /// </summary>
    public static ImmutableArray<MetadataReference> Runtime { get; } =
    [
        MetadataReference.CreateFromFile(typeof(LiveKit.Rtc.Events.EventMethodAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
    ];

    /// <summary>The references a test compilation needs for the event API: the runtime and the stub.</summary>
    public static ImmutableArray<MetadataReference> References { get; } =
        Runtime.Add(Compile("Stub.Rtc", [Source], TestReferences.Framework.AddRange(Runtime)));

    private static MetadataReference Compile(string assemblyName, string[] sources, ImmutableArray<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            sources.Select(source => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException(
                $"The {assemblyName} test assembly does not compile (framework from {TestReferences.FrameworkSource}):"
                + Environment.NewLine
                + string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
