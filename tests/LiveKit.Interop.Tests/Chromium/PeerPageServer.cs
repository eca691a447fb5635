using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// Serves the peer page (Chromium/web/, copied beside the test assembly) on http://127.0.0.1 at an ephemeral port.
/// WebRTC needs a real origin: on about:blank two RTCPeerConnections never connect. Only GET of files in that one
/// folder is answered; everything else is a 404.
/// </summary>
public sealed class PeerPageServer : IAsyncDisposable
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json",
        [".css"] = "text/css; charset=utf-8",
    };

    private readonly HttpListener _listener;
    private readonly string _root;
    private readonly Task _serving;

    private PeerPageServer(HttpListener listener, string root, Uri baseAddress)
    {
        _listener = listener;
        _root = root;
        BaseAddress = baseAddress;
        _serving = Task.Run(ServeAsync);
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The folder served: Chromium/web beside the test assembly.</summary>
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "Chromium", "web");

    /// <summary>Starts serving <paramref name="root"/> (default <see cref="DefaultRoot"/>) on a free port.</summary>
    public static PeerPageServer Start(string? root = null)
    {
        root = Path.GetFullPath(root ?? DefaultRoot);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            throw new InvalidOperationException($"{root}/index.html is missing: the project copies Chromium/web/** to its output.");
        }

        // HttpListener cannot bind port 0: take a port the kernel picked, and try again if another process took it
        // between our probe and the bind.
        for (int attempt = 1; ; attempt++)
        {
            int port = FreeLoopbackPort();
            var listener = new HttpListener();
            var baseAddress = new Uri($"http://127.0.0.1:{port}/");
            listener.Prefixes.Add(baseAddress.ToString());
            try
            {
                listener.Start();
                return new PeerPageServer(listener, root, baseAddress);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            string? file = Resolve(context.Request);
            if (file is null)
            {
                response.StatusCode = context.Request.HttpMethod == "GET" ? 404 : 405;
                return;
            }

            byte[] body = await File.ReadAllBytesAsync(file).ConfigureAwait(false);
            response.StatusCode = 200;
            response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            response.Headers["Cache-Control"] = "no-store";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpListenerException or ObjectDisposedException)
        {
            // The browser went away mid-response; nothing to answer.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
            }
        }
    }

    private string? Resolve(HttpListenerRequest request)
    {
        if (request.HttpMethod != "GET" || request.Url is null)
        {
            return null;
        }

        string relative = Uri.UnescapeDataString(request.Url.AbsolutePath).TrimStart('/');
        if (relative.Length == 0)
        {
            relative = "index.html";
        }

        string full = Path.GetFullPath(Path.Combine(_root, relative));
        bool inside = full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside && File.Exists(full) ? full : null;
    }

    /// <summary>Stops serving.</summary>
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.ConfigureAwait(false);
    }
}
