using System;
using System.Collections.Generic;
using System.Text.Json;

namespace LiveKit.Api;

/// <summary>
/// The JSON form of a token's payload: LiveKit's claim names (livekit/protocol <c>auth/grants.go</c>) and the
/// registered claims of RFC 7519 §4.1. Written by hand rather than by reflection, so that the order of the members
/// is fixed (a known-answer test can pin the bytes), empty values are left out as Go's <c>omitempty</c> does, and a
/// reader never throws on a payload of the wrong shape.
/// </summary>
/// <remarks>
/// Names are matched case-sensitively, as the JSON package of go-jose (which LiveKit uses) does. Members of an
/// unexpected JSON type make the payload malformed; unknown members are ignored; <c>null</c> counts as absent.
/// </remarks>
internal static class ClaimGrantsJson
{
    private const string VideoClaim = "video";

    /// <summary>Writes <paramref name="claims"/> as the JSON object of a token payload.</summary>
    public static void Write(Utf8JsonWriter writer, ClaimGrants claims)
    {
        writer.WriteStartObject();
        WriteString(writer, "iss", claims.Issuer);
        WriteString(writer, "sub", claims.Identity);
        WriteDate(writer, "nbf", claims.NotBefore);
        WriteDate(writer, "iat", claims.IssuedAt);
        WriteDate(writer, "exp", claims.ExpiresAt);
        WriteString(writer, "jti", claims.JwtId);
        WriteString(writer, "name", claims.Name);
        WriteString(writer, "kind", claims.Kind);
        if (claims.Video is not null)
        {
            writer.WritePropertyName(VideoClaim);
            WriteVideo(writer, claims.Video);
        }

        WriteString(writer, "sha256", claims.Sha256);
        WriteString(writer, "metadata", claims.Metadata);
        if (claims.Attributes is { Count: > 0 } attributes)
        {
            writer.WriteStartObject("attributes");
            foreach (KeyValuePair<string, string> pair in attributes)
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes <paramref name="video"/> as the JSON object of the <c>video</c> claim, in upstream's member order.</summary>
    public static void WriteVideo(Utf8JsonWriter writer, VideoGrants video)
    {
        writer.WriteStartObject();
        WriteFlag(writer, "roomCreate", video.RoomCreate);
        WriteFlag(writer, "roomList", video.RoomList);
        WriteFlag(writer, "roomRecord", video.RoomRecord);
        WriteFlag(writer, "roomAdmin", video.RoomAdmin);
        WriteFlag(writer, "roomJoin", video.RoomJoin);
        WriteString(writer, "room", video.Room);
        WriteOptional(writer, "canPublish", video.CanPublish);
        WriteOptional(writer, "canSubscribe", video.CanSubscribe);
        WriteOptional(writer, "canPublishData", video.CanPublishData);
        if (video.CanPublishSources is { Count: > 0 } sources)
        {
            writer.WriteStartArray("canPublishSources");
            foreach (string source in sources)
            {
                writer.WriteStringValue(source);
            }

            writer.WriteEndArray();
        }

        WriteOptional(writer, "canUpdateOwnMetadata", video.CanUpdateOwnMetadata);
        WriteFlag(writer, "ingressAdmin", video.IngressAdmin);
        WriteFlag(writer, "hidden", video.Hidden);
        WriteFlag(writer, "recorder", video.Recorder);
        WriteFlag(writer, "agent", video.Agent);
        WriteOptional(writer, "canSubscribeMetrics", video.CanSubscribeMetrics);
        WriteOptional(writer, "canManageAgentSession", video.CanManageAgentSession);
        WriteString(writer, "destinationRoom", video.DestinationRoom);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads the registered claims (<c>iss</c>, <c>sub</c>, <c>jti</c>, <c>exp</c>, <c>nbf</c>, <c>iat</c>), the part of
    /// the payload the server reads before it knows the secret. False, with a reason, when one has the wrong type.
    /// </summary>
    public static bool TryReadRegistered(JsonElement payload, out ClaimGrants claims, out string error)
    {
        claims = new ClaimGrants();
        error = "";
        if (payload.ValueKind != JsonValueKind.Object)
        {
            error = "the payload is not a JSON object";
            return false;
        }

        string? issuer = null, subject = null, jwtId = null;
        DateTimeOffset? expiresAt = null, notBefore = null, issuedAt = null;
        foreach (JsonProperty property in payload.EnumerateObject())
        {
            bool ok = property.Name switch
            {
                "iss" => TryReadString(property.Value, out issuer),
                "sub" => TryReadString(property.Value, out subject),
                "jti" => TryReadString(property.Value, out jwtId),
                "exp" => TryReadDate(property.Value, out expiresAt),
                "nbf" => TryReadDate(property.Value, out notBefore),
                "iat" => TryReadDate(property.Value, out issuedAt),
                _ => true,
            };
            if (!ok)
            {
                error = $"the '{property.Name}' claim has the wrong type";
                return false;
            }
        }

        claims = new ClaimGrants
        {
            // auth/verifier.go: the identity is sub, or jti when sub is empty.
            Identity = string.IsNullOrEmpty(subject) ? jwtId ?? "" : subject,
            Issuer = issuer,
            JwtId = jwtId,
            ExpiresAt = expiresAt,
            NotBefore = notBefore,
            IssuedAt = issuedAt,
        };
        return true;
    }

    /// <summary>
    /// Reads LiveKit's own claims (<c>name</c>, <c>kind</c>, <c>video</c>, <c>sha256</c>, <c>metadata</c>,
    /// <c>attributes</c>) onto <paramref name="registered"/>. False, with a reason, when one has the wrong type.
    /// </summary>
    public static bool TryReadGrants(JsonElement payload, ClaimGrants registered, out ClaimGrants claims, out string error)
    {
        claims = registered;
        error = "";
        string? name = null, kind = null, sha256 = null, metadata = null;
        VideoGrants? video = null;
        IReadOnlyDictionary<string, string>? attributes = null;
        foreach (JsonProperty property in payload.EnumerateObject())
        {
            bool ok = property.Name switch
            {
                "name" => TryReadString(property.Value, out name),
                "kind" => TryReadString(property.Value, out kind),
                "sha256" => TryReadString(property.Value, out sha256),
                "metadata" => TryReadString(property.Value, out metadata),
                "attributes" => TryReadStringMap(property.Value, out attributes),
                VideoClaim => TryReadVideo(property.Value, out video),
                _ => true,
            };
            if (!ok)
            {
                error = $"the '{property.Name}' claim has the wrong type";
                return false;
            }
        }

        claims = registered with
        {
            Name = name,
            Kind = kind,
            Sha256 = sha256,
            Metadata = metadata,
            Attributes = attributes,
            Video = video,
        };
        return true;
    }

    private static bool TryReadVideo(JsonElement element, out VideoGrants? video)
    {
        video = null;
        if (element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        bool roomCreate = false, roomList = false, roomRecord = false, roomAdmin = false, roomJoin = false;
        bool ingressAdmin = false, hidden = false, recorder = false, agent = false;
        bool? canPublish = null, canSubscribe = null, canPublishData = null, canUpdateOwnMetadata = null;
        bool? canSubscribeMetrics = null, canManageAgentSession = null;
        string? room = null, destinationRoom = null;
        IReadOnlyList<string>? canPublishSources = null;
        foreach (JsonProperty property in element.EnumerateObject())
        {
            JsonElement value = property.Value;
            bool ok = property.Name switch
            {
                "roomCreate" => TryReadFlag(value, ref roomCreate),
                "roomList" => TryReadFlag(value, ref roomList),
                "roomRecord" => TryReadFlag(value, ref roomRecord),
                "roomAdmin" => TryReadFlag(value, ref roomAdmin),
                "roomJoin" => TryReadFlag(value, ref roomJoin),
                "room" => TryReadString(value, out room),
                "canPublish" => TryReadOptional(value, out canPublish),
                "canSubscribe" => TryReadOptional(value, out canSubscribe),
                "canPublishData" => TryReadOptional(value, out canPublishData),
                "canPublishSources" => TryReadStringList(value, out canPublishSources),
                "canUpdateOwnMetadata" => TryReadOptional(value, out canUpdateOwnMetadata),
                "ingressAdmin" => TryReadFlag(value, ref ingressAdmin),
                "hidden" => TryReadFlag(value, ref hidden),
                "recorder" => TryReadFlag(value, ref recorder),
                "agent" => TryReadFlag(value, ref agent),
                "canSubscribeMetrics" => TryReadOptional(value, out canSubscribeMetrics),
                "canManageAgentSession" => TryReadOptional(value, out canManageAgentSession),
                "destinationRoom" => TryReadString(value, out destinationRoom),
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }

        video = new VideoGrants
        {
            RoomCreate = roomCreate,
            RoomList = roomList,
            RoomRecord = roomRecord,
            RoomAdmin = roomAdmin,
            RoomJoin = roomJoin,
            Room = room,
            CanPublish = canPublish,
            CanSubscribe = canSubscribe,
            CanPublishData = canPublishData,
            CanPublishSources = canPublishSources,
            CanUpdateOwnMetadata = canUpdateOwnMetadata,
            IngressAdmin = ingressAdmin,
            Hidden = hidden,
            Recorder = recorder,
            Agent = agent,
            CanSubscribeMetrics = canSubscribeMetrics,
            CanManageAgentSession = canManageAgentSession,
            DestinationRoom = destinationRoom,
        };
        return true;
    }

    private static bool TryReadString(JsonElement element, out string? value)
    {
        value = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                value = element.GetString();
                return true;
            default:
                return false;
        }
    }

    private static bool TryReadFlag(JsonElement element, ref bool value)
    {
        if (!TryReadOptional(element, out bool? read))
        {
            return false;
        }

        value = read ?? value; // null leaves the default
        return true;
    }

    private static bool TryReadOptional(JsonElement element, out bool? value)
    {
        value = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.True:
            case JsonValueKind.False:
                value = element.GetBoolean();
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// An RFC 7519 §2 NumericDate: seconds since the epoch. Fractions are truncated, as go-jose's
    /// <c>NumericDate</c> does; values past what <see cref="DateTimeOffset"/> holds are clamped to its range.
    /// </summary>
    private static bool TryReadDate(JsonElement element, out DateTimeOffset? value)
    {
        value = null;
        if (element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double seconds))
        {
            return false;
        }

        double truncated = Math.Truncate(seconds);
        if (truncated <= MinUnixSeconds)
        {
            value = DateTimeOffset.MinValue;
        }
        else if (truncated >= MaxUnixSeconds)
        {
            value = DateTimeOffset.FromUnixTimeSeconds(MaxUnixSeconds);
        }
        else
        {
            value = DateTimeOffset.FromUnixTimeSeconds((long)truncated);
        }

        return true;
    }

    private static bool TryReadStringList(JsonElement element, out IReadOnlyList<string>? value)
    {
        value = null;
        if (element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<string>(element.GetArrayLength());
        foreach (JsonElement item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            list.Add(item.GetString()!);
        }

        value = list.AsReadOnly();
        return true;
    }

    private static bool TryReadStringMap(JsonElement element, out IReadOnlyDictionary<string, string>? value)
    {
        value = null;
        if (element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            map[property.Name] = property.Value.GetString()!;
        }

        value = map.AsReadOnly();
        return true;
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteFlag(Utf8JsonWriter writer, string name, bool value)
    {
        if (value)
        {
            writer.WriteBoolean(name, true);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is bool set)
        {
            writer.WriteBoolean(name, set);
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is DateTimeOffset set)
        {
            writer.WriteNumber(name, set.ToUnixTimeSeconds());
        }
    }

    private static readonly long MinUnixSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
}
