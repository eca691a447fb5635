using System.Text.Json;
using System.Text.Json.Serialization;
using LiveKit.Proto;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Ice;

namespace LiveKit.Testing.Signal;

/// <summary>
/// TrickleRequest's <c>candidateInit</c>: the JSON of an RTCIceCandidateInit
/// (<c>{"candidate":"candidate:…","sdpMid":"0","sdpMLineIndex":0}</c>, brief §2.3).
/// </summary>
internal static class Trickle
{
    public static TrickleRequest ToRequest(IceCandidateInit candidate, SignalTarget target, bool final) => new()
    {
        CandidateInit = JsonSerializer.Serialize(new CandidateJson
        {
            Candidate = candidate.Candidate,
            SdpMid = candidate.SdpMid,
            SdpMLineIndex = candidate.SdpMLineIndex,
            UsernameFragment = candidate.UsernameFragment,
        }, TrickleJsonContext.Default.CandidateJson),
        Target = target,
        Final = final,
    };

    /// <summary>Reads a client's candidate; false when the JSON is not an RTCIceCandidateInit.</summary>
    public static bool TryParse(string json, out IceCandidateInit? candidate)
    {
        candidate = null;
        try
        {
            CandidateJson? parsed = JsonSerializer.Deserialize(json, TrickleJsonContext.Default.CandidateJson);
            if (parsed?.Candidate is null)
            {
                return false;
            }

            candidate = new IceCandidateInit(parsed.Candidate, parsed.SdpMid, parsed.SdpMLineIndex, parsed.UsernameFragment);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal sealed class CandidateJson
    {
        [JsonPropertyName("candidate")]
        public string? Candidate { get; set; }

        [JsonPropertyName("sdpMid")]
        public string? SdpMid { get; set; }

        [JsonPropertyName("sdpMLineIndex")]
        public int? SdpMLineIndex { get; set; }

        [JsonPropertyName("usernameFragment")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? UsernameFragment { get; set; }
    }
}

[JsonSerializable(typeof(Trickle.CandidateJson))]
internal sealed partial class TrickleJsonContext : JsonSerializerContext
{
}
