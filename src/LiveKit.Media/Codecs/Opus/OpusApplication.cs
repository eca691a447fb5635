namespace LiveKit.Media.Codecs.Opus;

/// <summary>What an <see cref="OpusEncoder"/> is tuned for; fixed when the encoder is created.</summary>
public enum OpusApplication
{
    /// <summary>Voice calls and conferences: intelligibility first (<c>OPUS_APPLICATION_VOIP</c>).</summary>
    Voip = OpusNative.ApplicationVoip,

    /// <summary>Music and broadcast: decoded audio as close to the input as possible (<c>OPUS_APPLICATION_AUDIO</c>).</summary>
    Audio = OpusNative.ApplicationAudio,

    /// <summary>
    /// Lowest latency: CELT only, no voice-optimised modes, so no in-band FEC
    /// (<c>OPUS_APPLICATION_RESTRICTED_LOWDELAY</c>).
    /// </summary>
    RestrictedLowDelay = OpusNative.ApplicationRestrictedLowDelay,
}
