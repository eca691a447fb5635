using System.Collections.Generic;
using Xunit;

namespace LiveKit.Rtc.Tests.Events;

/// <summary>
/// The generated surface on an emitter other than the Room (Schemas/test_events.proto bound to
/// <see cref="TestEmitter"/>): the generator is general, and scalar arguments map to their C# types.
/// </summary>
public sealed class TestSchemaSurfaceTests
{
    private readonly TestEmitter _emitter = new(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    private readonly List<string> _ran = [];

    [Fact]
    public void A_custom_emitter_offers_both_forms_with_typed_arguments()
    {
        _emitter.On(TestEvent.MessageReceived, (string sender, string text, long sequence) => _ran.Add($"{sender}:{text}:{sequence}"));
        _emitter.On(TestEvent.MessageReceived, e => _ran.Add($"{e.Sender}/{e.Text}/{e.Sequence}"));

        _emitter.Emit(TestEvent.MessageReceived, "alice", "hi", 42L);

        Assert.Equal(["alice:hi:42", "alice/hi/42"], _ran);
    }

    [Fact]
    public void A_one_argument_lambda_that_fits_both_forms_binds_to_the_positional_form()
    {
        // `_ => ...` fits Action<int> and Action<ValueChangedEventArgs>; [OverloadResolutionPriority(1)] picks the
        // positional form, so the call compiles and the handler receives the value.
        var received = new List<object>();
        _emitter.On(TestEvent.ValueChanged, value => received.Add(value));

        _emitter.Emit(TestEvent.ValueChanged, 7);

        Assert.Equal([7], received);
    }

    [Fact]
    public void Event_keys_carry_the_Python_names()
    {
        Assert.Equal("value_changed", TestEvent.ValueChangedKey.Name);
        Assert.Equal("value_changed", TestEvent.ValueChanged.ToString());
        Assert.Equal("track_subscribed", RoomEvent.TrackSubscribed.ToString());
        Assert.Equal("participant_encryption_status_changed", RoomEvent.ParticipantEncryptionStatusChangedKey.Name);
    }
}
