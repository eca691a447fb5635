using System;

namespace LiveKit.Media.Codecs.Opus;

/// <summary>An error code returned by libopus, with the text <c>opus_strerror</c> gives for it.</summary>
public sealed class OpusException : Exception
{
    /// <summary>Creates the exception for a libopus error code.</summary>
    /// <param name="errorCode">The negative libopus error code (<c>OPUS_BAD_ARG</c> is -1 ... <c>OPUS_ALLOC_FAIL</c> is -7).</param>
    /// <param name="message">The message.</param>
    public OpusException(int errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>
    /// The libopus error code: -1 bad argument, -2 buffer too small, -3 internal error, -4 corrupted packet,
    /// -5 unimplemented request, -6 invalid state, -7 allocation failure.
    /// </summary>
    public int ErrorCode { get; }

    /// <summary>The exception for <paramref name="errorCode"/> returned by the libopus call <paramref name="function"/>.</summary>
    internal static OpusException FromError(int errorCode, string function) =>
        new(errorCode,
            $"{function} failed: {OpusNative.GetErrorText(errorCode)} ({OpusNative.GetErrorName(errorCode)}, {errorCode}).");
}
