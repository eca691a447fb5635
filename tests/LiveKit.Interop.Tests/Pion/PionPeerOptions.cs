using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>How a pion peer is set up (the <c>configure</c> command); the defaults send and receive Opus.</summary>
public sealed class PionPeerOptions
{
    /// <summary>The DTLS role the peer takes when it answers; an offerer's role follows the answer.</summary>
    public PionDtlsRole DtlsRole { get; init; } = PionDtlsRole.Auto;

    /// <summary>Send Opus (a frame every 20 ms once connected).</summary>
    public bool SendAudio { get; init; } = true;

    /// <summary>Receive audio and count it.</summary>
    public bool ReceiveAudio { get; init; } = true;

    /// <summary>
    /// Trickle candidates as <c>candidate</c> events (the default). Without trickle the peer waits for gathering
    /// and its offer or answer carries the candidates; the candidate channel then completes empty.
    /// </summary>
    public bool Trickle { get; init; } = true;

    /// <summary>
    /// The DTLS-SRTP profiles to offer, by IANA name (<c>SRTP_AEAD_AES_128_GCM</c>,
    /// <c>SRTP_AES128_CM_HMAC_SHA1_80</c>); null keeps pion's default, both with GCM first.
    /// </summary>
    public IReadOnlyList<string>? SrtpProfiles { get; init; }

    /// <summary>How many received payloads the peer keeps for <see cref="PionPeer.GetPayloadsAsync"/>.</summary>
    public int KeepPayloads { get; init; } = 50;

    /// <summary>
    /// Opus frames (20 ms each) to send in turn; null sends the three-byte silence frame <c>F8 FF FE</c>.
    /// </summary>
    public IReadOnlyList<byte[]>? SendFrames { get; init; }

    /// <summary>
    /// pion's wait before it nominates a peer-reflexive pair (1 s by default): a remote's check that beats its
    /// trickled candidate makes that candidate peer-reflexive. Null keeps pion's default.
    /// </summary>
    public TimeSpan? PrflxAcceptanceMinWait { get; init; }

    /// <summary>The <c>configure</c> command.</summary>
    public JsonObject ToCommand()
    {
        var command = new JsonObject
        {
            ["type"] = "configure",
            ["dtlsRole"] = DtlsRole switch
            {
                PionDtlsRole.Client => "client",
                PionDtlsRole.Server => "server",
                _ => "auto",
            },
            ["sendAudio"] = SendAudio,
            ["receiveAudio"] = ReceiveAudio,
            ["trickle"] = Trickle,
            ["keepPayloads"] = KeepPayloads,
        };
        if (SrtpProfiles is not null)
        {
            command["srtpProfiles"] = new JsonArray(SrtpProfiles.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        }
        if (SendFrames is not null)
        {
            command["sendFrames"] = new JsonArray(SendFrames.Select(f => (JsonNode?)JsonValue.Create(Convert.ToBase64String(f))).ToArray());
        }
        if (PrflxAcceptanceMinWait is { } wait)
        {
            command["prflxAcceptanceMinWaitMs"] = (int)wait.TotalMilliseconds;
        }
        return command;
    }
}
