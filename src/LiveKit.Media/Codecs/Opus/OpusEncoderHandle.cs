using Microsoft.Win32.SafeHandles;

namespace LiveKit.Media.Codecs.Opus;

/// <summary>Owns an <c>OpusEncoder*</c> from <c>opus_encoder_create</c>; releases it with <c>opus_encoder_destroy</c>.</summary>
internal sealed class OpusEncoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Called by the generated marshaller, which then sets the handle.</summary>
    public OpusEncoderHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        OpusNative.EncoderDestroy(handle);
        return true;
    }
}
