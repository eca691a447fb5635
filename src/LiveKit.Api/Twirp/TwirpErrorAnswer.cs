using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace LiveKit.Api;

/// <summary>
/// Reads the body of a Twirp error answer (spec_v7.md, "Error codes"): a JSON object with <c>code</c>, <c>msg</c> and
/// an optional <c>meta</c> map of strings. A body that is not one (a proxy's page, say) becomes the error the spec
/// gives an intermediary's answer. Never throws on the body.
/// </summary>
internal static class TwirpErrorAnswer
{
    /// <summary>The exception for an answer of <paramref name="status"/> with <paramref name="body"/>.</summary>
    public static TwirpException ToException(HttpStatusCode status, byte[] body)
    {
        if (TryRead(body, out string code, out string message, out IReadOnlyDictionary<string, string> meta))
        {
            return new TwirpException(code, message, status, meta);
        }

        string text = Utf8.IsValid(body) ? Encoding.UTF8.GetString(body) : "";
        return new TwirpException(
            TwirpErrorCodes.FromIntermediaryStatus(status),
            $"Error from intermediary with HTTP status code {(int)status} \"{status}\"",
            status,
            new Dictionary<string, string>
            {
                ["http_error_from_intermediary"] = "true",
                ["status_code"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["body"] = text,
            });
    }

    private static bool TryRead(byte[] body, out string code, out string message, out IReadOnlyDictionary<string, string> meta)
    {
        code = "";
        message = "";
        meta = new Dictionary<string, string>();
        if (!Utf8.IsValid(body))
        {
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            // Not JSON: an intermediary's answer, handled by the caller.
            return false;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("code", out JsonElement codeElement)
                || codeElement.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(codeElement.GetString()))
            {
                return false;
            }

            code = codeElement.GetString()!;
            if (root.TryGetProperty("msg", out JsonElement msgElement) && msgElement.ValueKind == JsonValueKind.String)
            {
                message = msgElement.GetString()!;
            }

            if (root.TryGetProperty("meta", out JsonElement metaElement) && metaElement.ValueKind == JsonValueKind.Object)
            {
                var map = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (JsonProperty property in metaElement.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        map[property.Name] = property.Value.GetString()!;
                    }
                }

                meta = map;
            }

            return true;
        }
    }
}
