namespace LiveKit.Media.Codecs.Opus;

/// <summary>A hint to the <see cref="OpusEncoder"/> about the kind of audio it encodes.</summary>
public enum OpusSignal
{
    /// <summary>The encoder decides from the audio (<c>OPUS_AUTO</c>, the default).</summary>
    Auto = OpusNative.Auto,

    /// <summary>Mostly speech (<c>OPUS_SIGNAL_VOICE</c>).</summary>
    Voice = OpusNative.SignalVoice,

    /// <summary>Mostly music (<c>OPUS_SIGNAL_MUSIC</c>).</summary>
    Music = OpusNative.SignalMusic,
}
