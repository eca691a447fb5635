using System;
using System.Collections.Generic;
using System.Linq;
using LiveKit.WebRtc.Sctp;
using Xunit;
using static LiveKit.WebRtc.Tests.Sctp.Association.SctpAssociationAssertions;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

/// <summary>Stream resets, shutdown, abort, handler failures, dispose, and silent or unresponsive peers.</summary>
public class SctpLifecycleTests
{
    [Fact]
    public void Resetting_a_stream_waits_for_its_data_and_completes_both_ways()
    {
        using var link = new SctpTestLink(41);
        link.Connect();
        for (int i = 0; i < 20; i++)
        {
            link.A.Send(4, 53, Payload(i, 3000), false, null, null);
        }

        link.A.ResetOutgoingStreams(new ushort[] { 4 });
        Assert.Equal(SctpSendStatus.Closed, link.A.Send(4, 53, Payload(99, 10), false, null, null));
        Assert.True(link.Run(() => link.HandlerA.OutgoingResets.Count == 1 && link.HandlerB.IncomingResets.Count == 1, Minute));
        Assert.Equal(20, link.HandlerB.Messages.Count);
        Assert.Equal(new ushort[] { 4 }, link.HandlerB.IncomingResets[0]);
        Assert.Equal(new ushort[] { 4 }, link.HandlerA.OutgoingResets[0]);

        // The peer closes its side in turn.
        link.B.ResetOutgoingStreams(new ushort[] { 4 });
        Assert.True(link.Run(() => link.HandlerB.OutgoingResets.Count == 1 && link.HandlerA.IncomingResets.Count == 1, Minute));

        // The stream is reused from SSN 0 (a new data channel on the same id).
        link.A.Send(4, 53, Payload(100, 10), false, null, null);
        link.B.Send(4, 53, Payload(101, 10), false, null, null);
        Assert.True(link.Run(() => link.HandlerB.Messages.Count == 21 && link.HandlerA.Messages.Count == 1, Minute));
        Assert.Equal(Payload(100, 10), link.HandlerB.Messages[20].Data);
    }

    [Fact]
    public void A_reset_request_ahead_of_its_data_is_answered_in_progress_and_retried()
    {
        using var link = new SctpTestLink(42);
        link.Connect();

        // The first DATA packet is lost, so the request overtakes it and the peer must defer.
        int dataPackets = 0;
        link.Filter = (packet, toB) => !(toB && ContainsChunk(packet, SctpChunkType.Data) && dataPackets++ == 0);
        link.A.Send(6, 53, Payload(1, 100), false, null, null);
        link.A.ResetOutgoingStreams(new ushort[] { 6 });
        link.A.ResetOutgoingStreams(new ushort[] { 8 });
        Assert.True(link.Run(() => link.HandlerA.OutgoingResets.Sum(r => r.Length) == 2 && link.HandlerB.IncomingResets.Sum(r => r.Length) == 2, Minute));
        Assert.Equal(Payload(1, 100), Assert.Single(link.HandlerB.Messages).Data);
        Assert.Contains(link.HandlerB.IncomingResets, r => r.Contains((ushort)6));
        Assert.Equal(2, link.HandlerB.IncomingResets.Sum(r => r.Length));
    }

    [Fact]
    public void Shutdown_delivers_what_is_queued_then_closes_both()
    {
        using var link = new SctpTestLink(61);
        link.Connect();
        for (int i = 0; i < 30; i++)
        {
            link.A.Send(1, 53, Payload(i, 5000), false, null, null);
        }

        link.A.Shutdown();
        Assert.Equal(SctpSendStatus.Closed, link.A.Send(1, 53, Payload(1, 1), false, null, null));
        Assert.True(link.Run(() => link.HandlerA.ClosedCount == 1 && link.HandlerB.ClosedCount == 1, Minute));
        Assert.Equal(30, link.HandlerB.Messages.Count);
        Assert.Equal(SctpCloseReason.Shutdown, link.HandlerA.CloseReason);
        Assert.Equal(SctpCloseReason.Shutdown, link.HandlerB.CloseReason);
        Assert.Equal(SctpAssociationState.Closed, link.A.State);
        Assert.Equal(SctpAssociationState.Closed, link.B.State);
    }

    [Fact]
    public void Both_sides_shutting_down_at_once_close_cleanly()
    {
        using var link = new SctpTestLink(62);
        link.Connect();
        link.A.Shutdown();
        link.B.Shutdown();
        Assert.True(link.Run(() => link.HandlerA.ClosedCount == 1 && link.HandlerB.ClosedCount == 1, Minute));
        Assert.Equal(SctpCloseReason.Shutdown, link.HandlerA.CloseReason);
        Assert.Equal(SctpCloseReason.Shutdown, link.HandlerB.CloseReason);
    }

    [Fact]
    public void Abort_tells_the_peer_why()
    {
        using var link = new SctpTestLink();
        link.Connect();
        link.A.Abort("going away");
        link.Pump();
        Assert.Equal(SctpCloseReason.AbortSent, link.HandlerA.CloseReason);
        Assert.Equal(SctpCloseReason.AbortReceived, link.HandlerB.CloseReason);
        Assert.Equal("going away", link.HandlerB.CloseDetail);
        Assert.Equal(SctpSendStatus.Closed, link.B.Send(1, 53, new byte[1], false, null, null));
    }

    [Fact]
    public void A_throwing_handler_is_counted_and_the_association_goes_on()
    {
        using var link = new SctpTestLink();
        link.Connect();
        link.HandlerB.OnMessageCallback = (_, _, _) => throw new InvalidOperationException("handler bug");
        link.A.Send(1, 53, Payload(1, 10), false, null, null);
        link.A.Send(1, 53, Payload(2, 10), false, null, null);
        Assert.True(link.Run(() => link.HandlerB.Messages.Count == 2, Minute));
        Assert.Equal(2, link.B.GetStats().HandlerFailures);
        Assert.Equal(SctpAssociationState.Established, link.B.State);
    }

    [Fact]
    public void Dispose_stops_everything_without_telling_anyone()
    {
        using var link = new SctpTestLink();
        link.Connect();
        link.A.Send(1, 53, Payload(1, 100_000), false, null, null);
        link.A.Dispose();
        link.Clear();
        link.Run(() => false, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
        Assert.Equal(0, link.HandlerA.ClosedCount);
        Assert.Equal(SctpAssociationState.Closed, link.A.State);
        Assert.Equal(SctpSendStatus.Closed, link.A.Send(1, 53, Payload(2, 10), false, null, null));
        Assert.Equal(0, link.A.GetBufferedAmount(1));
    }

    [Fact]
    public void A_peer_that_goes_silent_fails_the_association()
    {
        using var link = new SctpTestLink();
        link.Connect();
        link.DropRate = 1;
        link.A.Send(1, 53, new byte[100], false, null, null);
        Assert.True(link.Run(() => link.HandlerA.ClosedCount == 1, TimeSpan.FromHours(1), TimeSpan.FromSeconds(1)));
        Assert.Equal(SctpCloseReason.Failed, link.HandlerA.CloseReason);
        Assert.Equal(11, link.A.GetStats().T3Timeouts);
    }

    [Fact]
    public void An_idle_association_exchanges_heartbeats_and_fails_when_they_go_unanswered()
    {
        using var link = new SctpTestLink();
        link.Connect();
        link.Capture = true;
        link.Run(() => false, TimeSpan.FromSeconds(65), TimeSpan.FromSeconds(1));
        Assert.Contains(link.SentByA, p => ContainsChunk(p, SctpChunkType.Heartbeat));
        Assert.Contains(link.SentByB, p => ContainsChunk(p, SctpChunkType.HeartbeatAck));
        Assert.Null(link.HandlerA.CloseReason);
        Assert.NotNull(link.A.GetStats().SmoothedRtt);

        link.DropRate = 1;
        Assert.True(link.Run(() => link.HandlerA.ClosedCount == 1 && link.HandlerB.ClosedCount == 1, TimeSpan.FromHours(2), TimeSpan.FromSeconds(1)));
        Assert.Equal(SctpCloseReason.Failed, link.HandlerA.CloseReason);
    }
}
