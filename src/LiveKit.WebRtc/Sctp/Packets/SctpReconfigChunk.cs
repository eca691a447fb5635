using System;

namespace LiveKit.WebRtc.Sctp;

// RFC 6525 §3.1 RE-CONFIG:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// | Type = 130    |  Chunk Flags  |      Chunk Length             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// \                                                               \
// /                  Re-configuration Parameter                   /
// \                                                               \
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// \                                                               \
// /             Re-configuration Parameter (optional)             /
// \                                                               \
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>
/// A RE-CONFIG chunk (RFC 6525 §3.1): one or two re-configuration parameters. Parsing checks the framing; which
/// combinations are allowed (RFC 6525 §3.1) is the association's to judge.
/// </summary>
internal readonly ref struct SctpReconfigChunk
{
    private readonly ReadOnlySpan<byte> _parameters;

    private SctpReconfigChunk(ReadOnlySpan<byte> parameters) => _parameters = parameters;

    /// <summary>Walks the re-configuration parameters.</summary>
    public SctpParameterReader Parameters => new(_parameters);

    /// <summary>Reads a RE-CONFIG; false for another type, no parameter, or parameters that are not well framed.</summary>
    public static bool TryParse(scoped in SctpChunk chunk, out SctpReconfigChunk reconfig)
    {
        reconfig = default;
        if (chunk.Type != SctpChunkType.ReConfig
            || chunk.Length < SctpChunk.HeaderSize + SctpParameter.HeaderSize
            || !SctpParameterReader.IsWellFormed(chunk.Value))
        {
            return false;
        }

        reconfig = new SctpReconfigChunk(chunk.Value);
        return true;
    }

    /// <summary>The first well-formed Outgoing SSN Reset Request parameter.</summary>
    public bool TryGetOutgoingResetRequest(out SctpOutgoingResetRequest request)
    {
        foreach (SctpParameter parameter in Parameters)
        {
            if (SctpOutgoingResetRequest.TryParse(parameter, out request))
            {
                return true;
            }
        }

        request = default;
        return false;
    }

    /// <summary>The first well-formed Incoming SSN Reset Request parameter.</summary>
    public bool TryGetIncomingResetRequest(out SctpIncomingResetRequest request)
    {
        foreach (SctpParameter parameter in Parameters)
        {
            if (SctpIncomingResetRequest.TryParse(parameter, out request))
            {
                return true;
            }
        }

        request = default;
        return false;
    }

    /// <summary>The first well-formed Re-configuration Response parameter.</summary>
    public bool TryGetResponse(out SctpReconfigResponse response)
    {
        foreach (SctpParameter parameter in Parameters)
        {
            if (SctpReconfigResponse.TryParse(parameter, out response))
            {
                return true;
            }
        }

        response = default;
        return false;
    }
}
