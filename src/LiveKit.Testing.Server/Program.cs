using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Testing;
using LiveKit.Testing.Server;
using Microsoft.Extensions.Logging;

DevServerArguments arguments;
try
{
    arguments = DevServerArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(DevServerArguments.Usage);
    return 2;
}

if (arguments.Help)
{
    Console.WriteLine(DevServerArguments.Usage);
    return 0;
}

using ILoggerFactory loggers = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(arguments.Verbose ? LogLevel.Debug : LogLevel.Information));
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

// Ctrl+C and a plain kill (SIGTERM, as CI and service managers stop programs) both end it cleanly.
using PosixSignalRegistration onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using PosixSignalRegistration onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

LiveKitTestServer server;
try
{
    server = await LiveKitTestServer.StartAsync(new LiveKitTestServerOptions
    {
        Port = arguments.Port,
        Address = arguments.Bind,
        ApiKey = arguments.ApiKey,
        ApiSecret = arguments.ApiSecret,
        AutoCreateRooms = arguments.AutoCreateRooms,
        LoggerFactory = loggers,
    });
}
catch (IOException e)
{
    Console.Error.WriteLine($"Cannot listen on {arguments.Bind}:{arguments.Port}: {e.Message}");
    return 1;
}

await using LiveKitTestServer running = server;

Console.WriteLine($"LiveKit test server on {server.Url} (server API {server.HttpUrl})");
Console.WriteLine($"API key: {server.ApiKey}  API secret: {server.ApiSecret}");
foreach ((string identity, string room) in arguments.Tokens)
{
    Console.WriteLine($"token for {identity} in {room}: {server.CreateToken(identity, room)}");
}

Console.WriteLine("Ctrl+C stops it.");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
