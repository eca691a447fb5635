using System;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary>An error returned by libvpx (<c>vpx_codec_err_t</c>), with libvpx's text and detail for it.</summary>
public sealed class Vp8Exception : Exception
{
    /// <summary>Creates the exception for a libvpx error code.</summary>
    /// <param name="errorCode">The <c>vpx_codec_err_t</c> (1 <c>VPX_CODEC_ERROR</c> ... 8 <c>VPX_CODEC_INVALID_PARAM</c>).</param>
    /// <param name="message">The message.</param>
    public Vp8Exception(int errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>
    /// The <c>vpx_codec_err_t</c>: 1 error, 2 memory error, 3 ABI mismatch, 4 incapable, 5 unsupported bitstream,
    /// 6 unsupported feature, 7 corrupt frame, 8 invalid parameter.
    /// </summary>
    public int ErrorCode { get; }

    /// <summary>
    /// The exception for <paramref name="errorCode"/> returned by the libvpx call <paramref name="function"/> on
    /// <paramref name="context"/>: <c>vpx_codec_error</c>'s text and, when libvpx gives one,
    /// <c>vpx_codec_error_detail</c> (e.g. "rc_max_quantizer out of range [..63]").
    /// </summary>
    internal static Vp8Exception FromContext(VpxCodecContextHandle context, int errorCode, string function)
    {
        string detail = context.IsClosed ? string.Empty : Vp8Native.ToManaged(Vp8Native.ErrorDetail(context));
        return new Vp8Exception(errorCode,
            $"{function} failed: {Vp8Native.ToManaged(Vp8Native.ErrorToString(errorCode))}" +
            (detail.Length > 0 ? $": {detail}" : string.Empty) +
            $" ({Vp8Native.GetErrorName(errorCode)}, {errorCode}).");
    }
}
