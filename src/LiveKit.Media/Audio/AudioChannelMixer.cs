using System;

namespace LiveKit.Media.Audio;

/// <summary>Changes the channel count of interleaved 16-bit PCM between mono and stereo.</summary>
public static class AudioChannelMixer
{
    /// <summary>
    /// Converts <paramref name="source"/> (<paramref name="sourceChannels"/> interleaved) to
    /// <paramref name="destinationChannels"/> in <paramref name="destination"/>: stereo to mono averages the two
    /// channels (no clipping, -6 dB for a signal on one side only), mono to stereo puts the sample on both; equal
    /// counts copy.
    /// </summary>
    /// <returns>Samples written per channel.</returns>
    /// <exception cref="ArgumentException">A count is not 1 or 2, or <paramref name="destination"/> is too short.</exception>
    public static int Convert(ReadOnlySpan<short> source, int sourceChannels, Span<short> destination, int destinationChannels)
    {
        if (sourceChannels is < 1 or > 2 || destinationChannels is < 1 or > 2)
        {
            throw new ArgumentException($"Only mono and stereo are mixed ({sourceChannels} to {destinationChannels} channels asked).");
        }

        int frames = source.Length / sourceChannels;
        if (destination.Length < frames * destinationChannels)
        {
            throw new ArgumentException($"The destination holds {destination.Length} samples; {frames * destinationChannels} are needed.", nameof(destination));
        }

        if (sourceChannels == destinationChannels)
        {
            source[..(frames * sourceChannels)].CopyTo(destination);
        }
        else if (sourceChannels == 2)
        {
            for (int i = 0; i < frames; i++)
            {
                destination[i] = (short)((source[2 * i] + source[(2 * i) + 1]) >> 1);
            }
        }
        else
        {
            for (int i = 0; i < frames; i++)
            {
                destination[2 * i] = source[i];
                destination[(2 * i) + 1] = source[i];
            }
        }

        return frames;
    }
}
