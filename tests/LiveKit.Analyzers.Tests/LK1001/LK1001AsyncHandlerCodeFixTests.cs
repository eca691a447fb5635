using System.Threading.Tasks;
using LiveKit.Analyzers.CodeFixes;
using Xunit;
using Verify = LiveKit.Analyzers.Tests.Infrastructure.CodeFixVerifier<LiveKit.Analyzers.LK1001AsyncHandlerAnalyzer, LiveKit.Analyzers.CodeFixes.LK1001AsyncHandlerCodeFixProvider>;

namespace LiveKit.Analyzers.Tests.LK1001;

public class LK1001AsyncHandlerCodeFixTests
{
    private const string Key = LK1001AsyncHandlerCodeFixProvider.EquivalenceKey;

    [Fact]
    public Task AsyncBlockLambda_BecomesSynchronousHandlerStartingLocalFunction() => Verify.VerifyFixAsync(
        """
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.TrackSubscribed, {|#0:async|} (track, publication, participant) =>
                {
                    await Task.Delay(1);
                    System.Console.WriteLine(track);
                });
            }
        }
        """,
        """
        using System;
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.TrackSubscribed, (track, publication, participant) =>
                {
                    _ = HandleAsync();

                    async Task HandleAsync()
                    {
                        try
                        {
                            await Task.Delay(1);
                            System.Console.WriteLine(track);
                        }
                        catch (Exception exception)
                        {
                            Console.Error.WriteLine(exception);
                        }
                    }
                });
            }
        }
        """,
        Key,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "an async lambda"));

    [Fact]
    public Task AsyncExpressionLambda_BecomesBlock() => Verify.VerifyFixAsync(
        """
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                using var subscription = room.Once(RoomEvent.ParticipantConnected, {|#0:async|} participant => await Task.Yield());
            }
        }
        """,
        """
        using System;
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                using var subscription = room.Once(RoomEvent.ParticipantConnected, participant =>
                {
                    _ = HandleAsync();

                    async Task HandleAsync()
                    {
                        try
                        {
                            await Task.Yield();
                        }
                        catch (Exception exception)
                        {
                            Console.Error.WriteLine(exception);
                        }
                    }
                });
            }
        }
        """,
        Key,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.Once", "an async lambda"));

    [Fact]
    public Task AsyncAnonymousMethod_BecomesSynchronousAnonymousMethod() => Verify.VerifyFixAsync(
        """
        using System;
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.ParticipantConnected, {|#0:async|} delegate (RemoteParticipant participant)
                {
                    if (participant is null)
                    {
                        return;
                    }

                    await Task.Yield();
                });
            }
        }
        """,
        """
        using System;
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.ParticipantConnected, delegate (RemoteParticipant participant)
                {
                    _ = HandleAsync();

                    async Task HandleAsync()
                    {
                        try
                        {
                            if (participant is null)
                            {
                                return;
                            }

                            await Task.Yield();
                        }
                        catch (Exception exception)
                        {
                            Console.Error.WriteLine(exception);
                        }
                    }
                });
            }
        }
        """,
        Key,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "an async anonymous method"));

    [Fact]
    public Task GeneratedNames_AvoidNamesInScope() => Verify.VerifyFixAsync(
        """
        using System;
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room, Exception exception)
            {
                room.On(RoomEvent.ParticipantConnected, {|#0:async|} participant =>
                {
                    var HandleAsync = 1;
                    await Task.Delay(HandleAsync);
                    Console.WriteLine(exception);
                });
            }
        }
        """,
        """
        using System;
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room, Exception exception)
            {
                room.On(RoomEvent.ParticipantConnected, participant =>
                {
                    _ = HandleAsync2();

                    async Task HandleAsync2()
                    {
                        try
                        {
                            var HandleAsync = 1;
                            await Task.Delay(HandleAsync);
                            Console.WriteLine(exception);
                        }
                        catch (Exception exception2)
                        {
                            Console.Error.WriteLine(exception2);
                        }
                    }
                });
            }
        }
        """,
        Key,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "an async lambda"));

    [Fact]
    public Task AsyncVoidMethodGroup_BecomesLambda_AndMethodReturnsTask() => Verify.VerifyFixAsync(
        """
        using System;
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.TrackSubscribed, {|#0:OnTrackSubscribed|});
            }

            private async void OnTrackSubscribed(Track track, RemoteTrackPublication publication, RemoteParticipant participant)
            {
                await Task.Delay(1);
                Console.WriteLine(track);
            }
        }
        """,
        """
        using System;
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.TrackSubscribed, (track, publication, participant) => _ = OnTrackSubscribed(track, publication, participant));
            }

            private async Task OnTrackSubscribed(Track track, RemoteTrackPublication publication, RemoteParticipant participant)
            {
                try
                {
                    await Task.Delay(1);
                    Console.WriteLine(track);
                }
                catch (Exception exception)
                {
                    Console.Error.WriteLine(exception);
                }
            }
        }
        """,
        Key,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "the async void method 'OnTrackSubscribed'"));

    [Fact]
    public Task AsyncVoidLocalFunction_AndThisQualifiedMethod_AreFixed() => Verify.VerifyFixAsync(
        """
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.ParticipantConnected, {|#0:OnJoined|});
                room.Once(RoomEvent.Connected, this.{|#1:OnConnected|});

                async void OnJoined(RemoteParticipant participant) => await Task.Yield();
            }

            async void OnConnected() => await Task.Yield();
        }
        """,
        """
        using System;
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.ParticipantConnected, (participant) => _ = OnJoined(participant));
                room.Once(RoomEvent.Connected, () => _ = this.OnConnected());

                async Task OnJoined(RemoteParticipant participant)
                {
                    try
                    {
                        await Task.Yield();
                    }
                    catch (Exception exception)
                    {
                        Console.Error.WriteLine(exception);
                    }
                }
            }

            async Task OnConnected()
            {
                try
                {
                    await Task.Yield();
                }
                catch (Exception exception)
                {
                    Console.Error.WriteLine(exception);
                }
            }
        }
        """,
        Key,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "the async void method 'OnJoined'"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Room.Once", "the async void method 'OnConnected'"));

    [Fact]
    public async Task AsyncVoidMethodGroup_DeclaredInAnotherFile_IsFixedInBoth()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using Stub.Rtc;

                    partial class C
                    {
                        void M(Room room) => room.On(RoomEvent.ParticipantConnected, {|#0:OnJoined|});
                    }
                    """,
                    """
                    using System.Threading.Tasks;
                    using Stub.Rtc;

                    partial class C
                    {
                        async void OnJoined(RemoteParticipant participant)
                        {
                            await Task.Yield();
                        }
                    }
                    """,
                },
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "the async void method 'OnJoined'") },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using Stub.Rtc;

                    partial class C
                    {
                        void M(Room room) => room.On(RoomEvent.ParticipantConnected, (participant) => _ = OnJoined(participant));
                    }
                    """,
                    """
                    using System;
                    using System.Threading.Tasks;
                    using Stub.Rtc;

                    partial class C
                    {
                        async Task OnJoined(RemoteParticipant participant)
                        {
                            try
                            {
                                await Task.Yield();
                            }
                            catch (Exception exception)
                            {
                                Console.Error.WriteLine(exception);
                            }
                        }
                    }
                    """,
                },
            },
            CodeActionEquivalenceKey = Key,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task AsyncVoidMethodGroup_WithOtherReferencesOrFromMetadataOrOnInstance_HasNoFix()
    {
        const string source = """
            using System.Threading.Tasks;
            using Stub.Rtc;

            class C
            {
                void M(Room room, Other other)
                {
                    room.On(RoomEvent.ParticipantConnected, {|#0:OnJoined|});
                    OnJoined(null!);
                    room.On(RoomEvent.ParticipantConnected, other.{|#1:OnJoined|});
                    room.On(RoomEvent.ParticipantConnected, LibraryHandlers.{|#2:AsyncVoid|});
                }

                async void OnJoined(RemoteParticipant participant) => await Task.Yield();
            }

            class Other
            {
                public async void OnJoined(RemoteParticipant participant) => await Task.Yield();
            }
            """;
        var test = new Verify.Test { TestCode = source, FixedCode = source, CodeActionEquivalenceKey = Key };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "the async void method 'OnJoined'"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(1).WithArguments("Room.On", "the async void method 'OnJoined'"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(2).WithArguments("Room.On", "the async void method 'AsyncVoid'"));
        await test.RunAsync();
    }

    [Fact]
    public Task FixAll_FixesEveryHandlerInTheDocument() => Verify.VerifyFixAsync(
        """
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.ParticipantConnected, {|#0:async|} participant => await Task.Yield());
                room.Once(RoomEvent.Connected, {|#1:async|} () => await Task.Delay(1));
                room.On(RoomEvent.TrackSubscribed, {|#2:OnTrackSubscribed|});
            }

            async void OnTrackSubscribed(TrackSubscribedEventArgs e) => await Task.Yield();
        }
        """,
        """
        using System;
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.ParticipantConnected, participant =>
                {
                    _ = HandleAsync();

                    async Task HandleAsync()
                    {
                        try
                        {
                            await Task.Yield();
                        }
                        catch (Exception exception)
                        {
                            Console.Error.WriteLine(exception);
                        }
                    }
                });
                room.Once(RoomEvent.Connected, () =>
                {
                    _ = HandleAsync();

                    async Task HandleAsync()
                    {
                        try
                        {
                            await Task.Delay(1);
                        }
                        catch (Exception exception)
                        {
                            Console.Error.WriteLine(exception);
                        }
                    }
                });
                room.On(RoomEvent.TrackSubscribed, (e) => _ = OnTrackSubscribed(e));
            }

            async Task OnTrackSubscribed(TrackSubscribedEventArgs e)
            {
                try
                {
                    await Task.Yield();
                }
                catch (Exception exception)
                {
                    Console.Error.WriteLine(exception);
                }
            }
        }
        """,
        Key,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "an async lambda"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Room.Once", "an async lambda"),
        Verify.Diagnostic().WithLocation(2).WithArguments("Room.On", "the async void method 'OnTrackSubscribed'"));
}
