using System;
using System.Globalization;

namespace LiveKit.Media.Codecs.Opus;

/// <summary>The sample rates, channel counts and frame durations libopus accepts, checked with clear messages.</summary>
internal static class OpusFormat
{
    /// <summary>The longest packet libopus decodes: 120 ms.</summary>
    internal const int MaxFrameMilliseconds = 120;

    /// <summary>Interleaved samples in the longest packet at the highest rate: 120 ms of 48 kHz stereo.</summary>
    internal const int MaxDecodeSamples = 48 * MaxFrameMilliseconds * 2;

    /// <summary>True for the rates libopus runs at: 8, 12, 16, 24 or 48 kHz (RFC 6716 §2).</summary>
    internal static bool IsSupportedSampleRate(int sampleRate) => sampleRate is 8000 or 12000 or 16000 or 24000 or 48000;

    /// <summary>Checks a sample rate: 8, 12, 16, 24 or 48 kHz are the rates libopus runs at.</summary>
    internal static void ValidateSampleRate(int sampleRate, string paramName)
    {
        if (!IsSupportedSampleRate(sampleRate))
        {
            throw new ArgumentOutOfRangeException(paramName, sampleRate,
                "Opus runs at 8000, 12000, 16000, 24000 or 48000 Hz (48000 is what WebRTC negotiates); resample first.");
        }
    }

    /// <summary>Checks a channel count: 1 (mono) or 2 (interleaved stereo).</summary>
    internal static void ValidateChannels(int channels, string paramName)
    {
        if (channels is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(paramName, channels,
                "Opus encodes and decodes 1 (mono) or 2 (interleaved stereo) channels.");
        }
    }

    /// <summary>Samples per channel in 2.5 ms, the unit of every Opus frame duration.</summary>
    internal static int SamplesPer2_5Ms(int sampleRate) => sampleRate / 400;

    /// <summary>
    /// The frame size (samples per channel) of <paramref name="pcmLength"/> interleaved samples to encode, which
    /// must last 2.5, 5, 10, 20, 40 or 60 ms.
    /// </summary>
    internal static int GetEncodeFrameSize(int pcmLength, int channels, int sampleRate, string paramName)
    {
        int unit = SamplesPer2_5Ms(sampleRate);
        if (pcmLength % channels == 0)
        {
            int frameSize = pcmLength / channels;
            if (frameSize % unit == 0 && (frameSize / unit) is 1 or 2 or 4 or 8 or 16 or 24)
            {
                return frameSize;
            }
        }

        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture,
                $"{Describe(pcmLength, channels, sampleRate)} Opus encodes frames of 2.5, 5, 10, 20, 40 or 60 ms, which at " +
                $"{sampleRate} Hz are {unit}, {2 * unit}, {4 * unit}, {8 * unit}, {16 * unit} or {24 * unit} samples per channel " +
                $"({channels} channel(s) interleaved)."),
            paramName);
    }

    /// <summary>
    /// The frame size (samples per channel) of a buffer to decode into: a whole number of samples per channel,
    /// not empty. When <paramref name="exact"/> (loss concealment and FEC, where the size is the duration to
    /// produce) it must also be a multiple of 2.5 ms.
    /// </summary>
    internal static int GetDecodeFrameSize(int pcmLength, int channels, int sampleRate, bool exact, string paramName)
    {
        int unit = SamplesPer2_5Ms(sampleRate);
        if (pcmLength > 0 && pcmLength % channels == 0)
        {
            int frameSize = pcmLength / channels;
            if (!exact || frameSize % unit == 0)
            {
                return frameSize;
            }
        }

        string rule = exact
            ? $"a multiple of 2.5 ms ({unit} samples per channel at {sampleRate} Hz): the duration to conceal or recover"
            : $"a whole number of samples per channel and not empty; {MaxFrameMilliseconds} ms " +
              $"({sampleRate / 1000 * MaxFrameMilliseconds * channels} samples) holds any packet";
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"{Describe(pcmLength, channels, sampleRate)} It must be {rule}."),
            paramName);
    }

    private static string Describe(int pcmLength, int channels, int sampleRate)
    {
        double perChannel = (double)pcmLength / channels;
        return string.Create(CultureInfo.InvariantCulture,
            $"pcm holds {pcmLength} samples: {perChannel:0.#} per channel at {channels} channel(s), " +
            $"{perChannel * 1000 / sampleRate:0.###} ms at {sampleRate} Hz.");
    }
}
