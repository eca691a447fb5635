using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Testing.Api;
using LiveKit.Testing.Rooms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LiveKit.Testing.Hosting;

/// <summary>
/// Kestrel on one address and port with the server's few paths, dispatched by hand (no MVC, no routing):
/// <c>/rtc</c>, <c>/rtc/validate</c>, <c>/rtc/v1[/validate]</c> (404), <c>/twirp/livekit.RoomService/*</c>, and <c>/</c>
/// (200 "OK", the real server's health answer).
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServerHost(WebApplication app, Uri httpUrl)
    {
        _app = app;
        HttpUrl = httpUrl;
    }

    public Uri HttpUrl { get; }

    public static async Task<ServerHost> StartAsync(ServerContext context, RoomRegistry rooms, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(context.Options.Address, context.Options.Port);
            kestrel.AddServerHeader = false;
        });
        WebApplication app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });

        var signal = new SignalEndpoint(context, rooms);
        var roomService = new RoomServiceEndpoint(context, rooms);
        app.Use(Cors.ApplyAsync);
        app.Run(http => http.Request.Path.Value switch
        {
            "/rtc" => signal.ConnectAsync(http),
            "/rtc/validate" => signal.ValidateAsync(http),
            "/rtc/v1" or "/rtc/v1/validate" => NotFoundAsync(http, "404 page not found"),
            "/" => OkAsync(http),
            string path when path.StartsWith(RoomServiceEndpoint.PathPrefix, StringComparison.Ordinal) => roomService.HandleAsync(http),
            _ => NotFoundAsync(http, "404 page not found"),
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var bound = new Uri(address);
        string host = context.Options.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{context.Options.Address}]" : context.Options.Address.ToString();
        return new ServerHost(app, new Uri($"http://{host}:{bound.Port}/"));
    }

    private static Task NotFoundAsync(HttpContext http, string text)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(text);
    }

    private static Task OkAsync(HttpContext http)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync("OK");
    }

    public async ValueTask DisposeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(bound.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
