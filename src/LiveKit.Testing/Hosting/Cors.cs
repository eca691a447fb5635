using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LiveKit.Testing.Hosting;

/// <summary>
/// Cross-origin access as the real server allows it: browsers call <c>/rtc/validate</c> and the Twirp API from
/// their page's origin (livekit-client's fetch of the validate URL fails without it). Every origin is allowed, any
/// request header; preflights are answered here.
/// </summary>
internal static class Cors
{
    public static Task ApplyAsync(HttpContext http, Func<Task> next)
    {
        string? origin = http.Request.Headers.Origin;
        if (string.IsNullOrEmpty(origin))
        {
            return next();
        }

        IHeaderDictionary headers = http.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowCredentials = "true";
        headers.Vary = "Origin";
        if (!HttpMethods.IsOptions(http.Request.Method))
        {
            return next();
        }

        headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
        headers.AccessControlAllowHeaders = http.Request.Headers.AccessControlRequestHeaders.ToString() is { Length: > 0 } requested ? requested : "*";
        headers.AccessControlMaxAge = "600";
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
