using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Api;
using LiveKit.Testing.Hosting;
using LiveKit.Testing.Signal;
using LiveKit.Testing.Rooms;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveKit.Testing.Api;

/// <summary>
/// The server API: Twirp over HTTP (<c>POST /twirp/livekit.RoomService/&lt;Method&gt;</c>), protobuf
/// (<c>application/protobuf</c>) or protobuf JSON (<c>application/json</c>) both ways, authorized by a Bearer token
/// whose video grant has what the method needs (roomCreate, roomList, or roomAdmin for the room). Errors are Twirp
/// JSON bodies: <c>{"code":"not_found","msg":"…"}</c>.
/// </summary>
internal sealed partial class RoomServiceEndpoint
{
    public const string PathPrefix = "/twirp/livekit.RoomService/";

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser JsonReader = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private readonly ServerContext _context;
    private readonly RoomRegistry _rooms;
    private readonly ILogger _logger;

    public RoomServiceEndpoint(ServerContext context, RoomRegistry rooms)
    {
        _context = context;
        _rooms = rooms;
        _logger = context.Loggers.CreateLogger("LiveKit.Testing.RoomService");
    }

    public async Task HandleAsync(HttpContext http)
    {
        string method = http.Request.Path.Value![PathPrefix.Length..];
        bool json = http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        try
        {
            if (!HttpMethods.IsPost(http.Request.Method))
            {
                throw TwirpError.BadRoute($"unsupported method {http.Request.Method} (only POST is allowed)");
            }

            if (!json && http.Request.ContentType?.StartsWith("application/protobuf", StringComparison.OrdinalIgnoreCase) != true)
            {
                throw TwirpError.BadRoute($"unexpected Content-Type: \"{http.Request.ContentType}\"");
            }

            ClaimGrants? claims = await AuthenticateAsync(http).ConfigureAwait(false);
            if (claims is null)
            {
                return;
            }

            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body).ConfigureAwait(false);
            IMessage response = await DispatchAsync(method, claims, new RequestBody(body.ToArray(), json)).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status200OK;
            if (json)
            {
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(Json.Format(response)).ConfigureAwait(false);
            }
            else
            {
                http.Response.ContentType = "application/protobuf";
                await http.Response.Body.WriteAsync(response.ToByteArray()).ConfigureAwait(false);
            }
        }
        catch (TwirpError error)
        {
            await WriteErrorAsync(http, error).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            await WriteErrorAsync(http, TwirpError.Malformed("the request could not be decoded: " + e.Message)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The auth middleware's part: an invalid token is refused in plain text before Twirp sees the call (the same
    /// answers as <c>/rtc/validate</c>); no token at all reaches the method, whose grant check then fails.
    /// </summary>
    private async Task<ClaimGrants?> AuthenticateAsync(HttpContext http)
    {
        JoinParameters request = JoinParameters.From(http.Request);
        if (JoinValidator.CheckToken(_context, request, out ClaimGrants? claims) is JoinRefusal refusal)
        {
            http.Response.StatusCode = refusal.StatusCode;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(refusal.Message).ConfigureAwait(false);
            return null;
        }

        return claims ?? new ClaimGrants();
    }

    private static async Task WriteErrorAsync(HttpContext http, TwirpError error)
    {
        http.Response.StatusCode = error.Status;
        http.Response.ContentType = "application/json";
        string body = JsonSerializer.Serialize(new TwirpErrorBody(error.Code, error.Message), TwirpJsonContext.Default.TwirpErrorBody);
        await http.Response.WriteAsync(body, Encoding.UTF8).ConfigureAwait(false);
    }

    /// <summary>A request's bytes and format, parsed into the method's message type on demand.</summary>
    private readonly record struct RequestBody(byte[] Bytes, bool IsJson)
    {
        public T Parse<T>(MessageParser<T> parser)
            where T : IMessage<T>, new() =>
            IsJson ? JsonReader.Parse<T>(Encoding.UTF8.GetString(Bytes)) : parser.ParseFrom(Bytes);
    }
}
