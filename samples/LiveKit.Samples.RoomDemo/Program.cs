using System;
using LiveKit.Samples.RoomDemo;
using LiveKit.Testing;
using Microsoft.Extensions.Logging;

// The demo README's first command runs (scripts/demo.sh): two participants, each with its own LiveKit.Rtc.Room, in one
// room, printing every event their rooms emit. With no arguments on the in-process LiveKitTestServer; see
// DemoArguments.Usage for a real server. Exit codes: 0 every expected event arrived, 1 the demo failed, 2 bad arguments.
DemoArguments arguments;
try
{
    arguments = DemoArguments.Parse(args);
}
catch (DemoUsageException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(DemoArguments.Usage);
    return 2;
}

if (arguments.ShowHelp)
{
    Console.WriteLine(DemoArguments.Usage);
    return 0;
}

LiveKitTestServer? server = null;
try
{
    DemoTarget target;
    if (arguments.Url is null)
    {
        server = await LiveKitTestServer.StartAsync();
        target = DemoTarget.ForTestServer(server, DemoArguments.DefaultRoom);
    }
    else if (arguments.Tokens is { } tokens)
    {
        target = DemoTarget.ForTokens(arguments.Url, tokens.Alice, tokens.Bob);
    }
    else
    {
        target = DemoTarget.ForApiKey(arguments.Url, arguments.ApiKey!, arguments.ApiSecret!, arguments.Room);
    }

    var printer = new EventPrinter(Console.Out, target.Alice.Identity, target.Bob.Identity);
    printer.Line("LiveKit room demo: two participants with a Room each; [name] is the Room that emitted the event.");
    printer.Line($"server  {target.Url}  ({target.ServerDescription})");
    printer.Line($"room    {target.Room ?? "the one the tokens name"}");

    LogLevel logLevel = arguments.Verbose ? LogLevel.Debug : LogLevel.Warning;
    int eventsAwaited = await new DemoScenario(target, printer, logLevel).RunAsync();
    if (server is not null)
    {
        printer.Step("the test server stops");
        await server.DisposeAsync();
    }

    printer.Line($"done: all {eventsAwaited} expected events arrived");
    return 0;
}
catch (DemoFailedException exception)
{
    Console.Error.WriteLine($"demo failed: {exception.Message}");
    return 1;
}
catch (Exception exception)
{
    // Not one of the demo's own failures (an SDK or server API error, a network error): one line, or the whole
    // exception with --verbose.
    Console.Error.WriteLine($"demo failed: {exception.GetType().Name}: {exception.Message}");
    if (arguments.Verbose)
    {
        Console.Error.WriteLine(exception);
    }

    return 1;
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }
}
