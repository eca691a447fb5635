using System;
using LiveKit.Rtc.Events;
using Xunit;

namespace LiveKit.Rtc.Tests.Events;

/// <summary>The list under the generated API: it refuses a handler whose type does not match the form it is given.</summary>
public sealed class EventHandlerListTests
{
    private readonly EventHandlerList _list = new("pinged", typeof(Action<string>), typeof(Action<int>));

    [Fact]
    public void Add_refuses_a_handler_of_the_other_form_type()
    {
        var error = Assert.Throws<ArgumentException>(() => _list.Add(new Action<int>(_ => { }), EventHandlerForm.Args, once: false));

        Assert.Contains("pinged", error.Message);
        Assert.Equal(0, _list.Count);
    }

    [Fact]
    public void Add_accepts_each_form_with_its_own_type()
    {
        _list.Add(new Action<string>(_ => { }), EventHandlerForm.Args, once: false);
        _list.Add(new Action<int>(_ => { }), EventHandlerForm.Positional, once: true);

        Assert.Equal(2, _list.Count);
    }
}
