using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveKit.Api.Tests;

/// <summary>
/// A Kestrel server on 127.0.0.1 (port chosen by the system) that records the last request and answers every
/// request with whatever the test set in <see cref="Status"/>, <see cref="ContentType"/> and <see cref="Body"/>.
/// </summary>
internal sealed class FakeTwirpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeTwirpServer(WebApplication app)
    {
        _app = app;
    }

    public string BaseUrl => _app.Urls.Single();

    public int Status { get; set; } = StatusCodes.Status200OK;

    public string ContentType { get; set; } = "application/protobuf";

    public byte[] Body { get; set; } = [];

    public RecordedRequest? LastRequest { get; private set; }

    public static async Task<FakeTwirpServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var server = new FakeTwirpServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        LastRequest = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.ContentType,
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers.Accept.ToString(),
            body.ToArray());

        context.Response.StatusCode = Status;
        context.Response.ContentType = ContentType;
        await context.Response.Body.WriteAsync(Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
