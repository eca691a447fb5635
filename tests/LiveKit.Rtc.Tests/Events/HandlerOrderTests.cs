using System.Collections.Generic;
using Xunit;

namespace LiveKit.Rtc.Tests.Events;

/// <summary>Contract point 2: several handlers of one event run in registration order, whatever their form.</summary>
public sealed class HandlerOrderTests
{
    [Fact]
    public void Handlers_run_in_registration_order_across_forms_and_Once()
    {
        var room = new Room();
        var ran = new List<string>();
        room.On(RoomEvent.TrackSubscribed, (track, publication, participant) => ran.Add("positional"));
        room.On(RoomEvent.TrackSubscribed, e => ran.Add("record"));
        room.Once(RoomEvent.TrackSubscribed, e => ran.Add("once record"));
        room.On(RoomEvent.TrackSubscribed, (track, publication, participant) => ran.Add("positional 2"));
        room.Once(RoomEvent.TrackSubscribed, (track, publication, participant) => ran.Add("once positional"));

        room.Emit(RoomEvent.TrackSubscribed, Sample.Track(), Sample.Publication(), Sample.Participant());
        room.Emit(RoomEvent.TrackSubscribed, Sample.Track(), Sample.Publication(), Sample.Participant());

        Assert.Equal(
            [
                "positional", "record", "once record", "positional 2", "once positional",
                "positional", "record", "positional 2",
            ],
            ran);
    }

    [Fact]
    public void Both_forms_receive_the_arguments_in_the_Python_SDKs_order()
    {
        var room = new Room();
        var track = Sample.Track();
        var publication = Sample.Publication();
        var participant = Sample.Participant();
        TrackSubscribedEventArgs? record = null;
        (Track, RemoteTrackPublication, RemoteParticipant)? positional = null;
        room.On(RoomEvent.TrackSubscribed, e => record = e);
        room.On(RoomEvent.TrackSubscribed, (t, p, part) => positional = (t, p, part));

        room.Emit(RoomEvent.TrackSubscribed, track, publication, participant);

        Assert.Equal(new TrackSubscribedEventArgs(track, publication, participant), record);
        Assert.Equal((track, publication, participant), positional);
    }
}
