using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text;
using System.Text.Json;

namespace LiveKit.WebRtc.Ice;

/// <summary>
/// The JSON form of an RTCIceCandidateInit, as LiveKit's TrickleRequest.candidateInit carries it:
/// <c>{"candidate":"candidate:...","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"..."}</c>.
/// An empty <see cref="Candidate"/> is the end-of-candidates indication (W3C WebRTC, addIceCandidate; RFC 8838 §13).
/// </summary>
/// <param name="Candidate">The <c>candidate:</c> attribute value, or empty for end-of-candidates.</param>
/// <param name="SdpMid">The media section's mid.</param>
/// <param name="SdpMLineIndex">The media section's index.</param>
/// <param name="UsernameFragment">The ufrag of the ICE generation.</param>
public sealed record IceCandidateInit(string Candidate, string? SdpMid, int? SdpMLineIndex, string? UsernameFragment)
{
    /// <summary>Wraps a candidate for trickling.</summary>
    internal static IceCandidateInit FromCandidate(IceCandidate candidate, string? sdpMid, int? sdpMLineIndex, string? usernameFragment)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new IceCandidateInit(candidate.ToString(), sdpMid, sdpMLineIndex, usernameFragment);
    }

    /// <summary>True for the end-of-candidates form.</summary>
    public bool IsEndOfCandidates => Candidate.Length == 0;

    /// <summary>Parses <see cref="Candidate"/>.</summary>
    internal bool TryGetCandidate([NotNullWhen(true)] out IceCandidate? candidate) => IceCandidate.TryParse(Candidate, out candidate);

    /// <summary>Writes the JSON object, omitting null members.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("candidate", Candidate);
            if (SdpMid is not null)
            {
                writer.WriteString("sdpMid", SdpMid);
            }

            if (SdpMLineIndex is int index)
            {
                writer.WriteNumber("sdpMLineIndex", index);
            }

            if (UsernameFragment is not null)
            {
                writer.WriteString("usernameFragment", UsernameFragment);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Reads the JSON object; unknown members are ignored, and null members read as absent. Never throws.</summary>
    public static bool TryParseJson(string? json, [NotNullWhen(true)] out IceCandidateInit? init)
    {
        init = null;
        if (string.IsNullOrEmpty(json))
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            string candidate = string.Empty;
            string? sdpMid = null;
            int? sdpMLineIndex = null;
            string? ufrag = null;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                JsonElement value = property.Value;
                if (value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                switch (property.Name)
                {
                    case "candidate" when value.ValueKind == JsonValueKind.String:
                        candidate = value.GetString()!;
                        break;
                    case "sdpMid" when value.ValueKind == JsonValueKind.String:
                        sdpMid = value.GetString();
                        break;
                    case "sdpMLineIndex" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int index):
                        sdpMLineIndex = index;
                        break;
                    case "usernameFragment" when value.ValueKind == JsonValueKind.String:
                        ufrag = value.GetString();
                        break;
                    case "candidate" or "sdpMid" or "sdpMLineIndex" or "usernameFragment":
                        return false;
                }
            }

            init = new IceCandidateInit(candidate, sdpMid, sdpMLineIndex, ufrag);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
