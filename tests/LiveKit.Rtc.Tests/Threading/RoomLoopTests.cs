using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Rtc.Threading;
using Microsoft.Extensions.Logging;
using Xunit;

namespace LiveKit.Rtc.Tests.Threading;

public sealed class RoomLoopTests
{
    private readonly TestLogger _log = new();

    // xunit runs async tests under its own SynchronizationContext, so a loop meant for the thread pool is created
    // with an explicit null context rather than by CaptureCurrent.
    private RoomLoop NewThreadPoolLoop() => new(_log, context: null);

    [Fact]
    public async Task Items_run_in_post_order()
    {
        var loop = NewThreadPoolLoop();
        var ran = new List<int>();

        // More items than one drain's budget, so the order must also hold across drains.
        for (var i = 0; i < 2_000; i++)
        {
            Assert.True(loop.Post(static state => state.Ran.Add(state.I), (Ran: ran, I: i)));
        }

        await loop.InvokeAsync(() => { });

        Assert.Equal(Enumerable.Range(0, 2_000), ran);
    }

    [Fact]
    public async Task Items_never_run_concurrently_and_keep_each_posters_order()
    {
        const int Posters = 4;
        const int ItemsPerPoster = 20_000;
        var loop = NewThreadPoolLoop();
        var inside = 0;
        var maxInside = 0;
        var ranByPoster = Enumerable.Range(0, Posters).Select(_ => new List<int>()).ToArray();
        using var start = new Barrier(Posters);
        using var gate = new ManualResetEventSlim();

        // Hold the loop while the posters fill the queue: a loop that let drains overlap would then run many at once.
        loop.Post(() => gate.Wait());

        var posters = Enumerable.Range(0, Posters).Select(poster => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < ItemsPerPoster; i++)
            {
                var item = i;
                loop.Post(() =>
                {
                    var now = Interlocked.Increment(ref inside);
                    if (now > maxInside)
                    {
                        maxInside = now;
                    }

                    // Widen the window in which a concurrently running item would be seen.
                    Thread.SpinWait(20);

                    // Unsynchronized on purpose: items never run concurrently, so no lock is needed.
                    ranByPoster[poster].Add(item);
                    Interlocked.Decrement(ref inside);
                });
            }
        })).ToArray();

        foreach (var poster in posters)
        {
            poster.Start();
        }

        foreach (var poster in posters)
        {
            poster.Join();
        }

        gate.Set();
        await loop.InvokeAsync(() => { });

        Assert.Equal(1, maxInside);
        Assert.All(ranByPoster, ran => Assert.Equal(Enumerable.Range(0, ItemsPerPoster), ran));
    }

    [Fact]
    public async Task Without_a_context_items_run_on_the_thread_pool_never_on_the_posters_stack()
    {
        var loop = NewThreadPoolLoop();
        var posterThread = Environment.CurrentManagedThreadId;
        var ranOn = new ConcurrentQueue<(int ThreadId, bool IsThreadPool)>();

        for (var i = 0; i < 100; i++)
        {
            loop.Post(() => ranOn.Enqueue((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread)));
        }

        await loop.InvokeAsync(() => { });

        Assert.Equal(100, ranOn.Count);
        Assert.All(ranOn, r => Assert.NotEqual(posterThread, r.ThreadId));
        Assert.All(ranOn, r => Assert.True(r.IsThreadPool));
    }

    [Fact]
    public async Task Work_posted_from_the_loop_runs_after_the_current_item_not_inline()
    {
        var loop = NewThreadPoolLoop();
        var steps = new List<string>();

        await loop.InvokeAsync(() =>
        {
            loop.Post(() => steps.Add("posted from the loop"));
            steps.Add("end of the posting item");
        });
        await loop.InvokeAsync(() => { });

        Assert.Equal(["end of the posting item", "posted from the loop"], steps);
    }

    [Fact]
    public async Task With_a_captured_context_items_run_on_it()
    {
        using var context = new SingleThreadSynchronizationContext();
        var loop = await context.RunAsync(() => RoomLoop.CaptureCurrent(_log));
        var ranOn = new ConcurrentQueue<(int ThreadId, SynchronizationContext? Context)>();

        Assert.Same(context, loop.Context);
        for (var i = 0; i < 100; i++)
        {
            loop.Post(() => ranOn.Enqueue((Environment.CurrentManagedThreadId, SynchronizationContext.Current)));
        }

        await loop.InvokeAsync(() => { });

        Assert.Equal(100, ranOn.Count);
        Assert.All(ranOn, r => Assert.Equal(context.ThreadId, r.ThreadId));
        Assert.All(ranOn, r => Assert.Same(context, r.Context));
        Assert.True(context.PostCount >= 2, "the loop drains through the context's Post");
    }

    [Fact]
    public async Task A_room_created_under_a_context_runs_its_loop_there()
    {
        using var context = new SingleThreadSynchronizationContext();
        var room = await context.RunAsync(() => new Room());
        var ranOnThread = 0;

        await room.Loop.InvokeAsync(() => ranOnThread = Environment.CurrentManagedThreadId);

        Assert.Same(context, room.Loop.Context);
        Assert.Equal(context.ThreadId, ranOnThread);
    }

    [Fact]
    public async Task A_throwing_item_is_logged_and_the_loop_goes_on()
    {
        var loop = NewThreadPoolLoop();
        var ranAfter = false;

        loop.Post(ThrowingWorkItem);
        loop.Post(() => ranAfter = true);
        await loop.InvokeAsync(() => { });

        Assert.True(ranAfter);
        var error = Assert.Single(_log.Errors);
        Assert.IsType<InvalidOperationException>(error.Exception);
        Assert.Contains(nameof(ThrowingWorkItem), error.Message);
    }

    [Fact]
    public async Task InvokeAsync_completes_after_the_item_ran()
    {
        var loop = NewThreadPoolLoop();
        var gate = new ManualResetEventSlim();
        var ran = false;

        // Hold the loop so that the invoked item is still queued when we look at its task.
        loop.Post(() => gate.Wait());
        var invoked = loop.InvokeAsync(() => ran = true);
        Assert.False(invoked.IsCompleted);

        gate.Set();
        await invoked;

        Assert.True(ran);
    }

    [Fact]
    public async Task InvokeAsync_faults_with_the_items_exception_which_is_not_logged()
    {
        var loop = NewThreadPoolLoop();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => loop.InvokeAsync(ThrowingWorkItem));

        Assert.Equal("work item failed", exception.Message);
        Assert.Empty(_log.Errors);
    }

    [Fact]
    public async Task IsRunningOnCurrentThread_is_true_only_inside_the_loops_work()
    {
        var loop = NewThreadPoolLoop();
        var other = NewThreadPoolLoop();
        var inside = false;
        var insideOther = true;

        await loop.InvokeAsync(() =>
        {
            inside = loop.IsRunningOnCurrentThread;
            insideOther = other.IsRunningOnCurrentThread;
        });

        Assert.True(inside);
        Assert.False(insideOther);
        Assert.False(loop.IsRunningOnCurrentThread);
    }

    [Fact]
    public async Task CompleteAsync_runs_the_work_already_posted_then_refuses_new_work()
    {
        var loop = NewThreadPoolLoop();
        var gate = new ManualResetEventSlim();
        var ran = 0;

        loop.Post(() => gate.Wait());
        for (var i = 0; i < 10; i++)
        {
            loop.Post(() => ran++);
        }

        var completion = loop.CompleteAsync();
        Assert.False(loop.Post(() => ran += 100));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => loop.InvokeAsync(() => ran += 100));
        Assert.False(completion.IsCompleted);

        gate.Set();
        await completion;

        Assert.Equal(10, ran);
        Assert.Same(completion, loop.CompleteAsync());
        Assert.True(loop.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Post_with_state_passes_the_state_to_the_work()
    {
        var loop = NewThreadPoolLoop();
        var received = new ConcurrentQueue<(int, string)>();

        loop.Post(static state => state.Received.Enqueue((state.Number, state.Text)), (Received: received, Number: 7, Text: "seven"));
        await loop.InvokeAsync(() => { });

        Assert.Equal([(7, "seven")], received);
    }

    private static void ThrowingWorkItem() => throw new InvalidOperationException("work item failed");
}
