using Microsoft.Win32.SafeHandles;

namespace LiveKit.Media.Codecs.Opus;

/// <summary>Owns an <c>OpusDecoder*</c> from <c>opus_decoder_create</c>; releases it with <c>opus_decoder_destroy</c>.</summary>
internal sealed class OpusDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Called by the generated marshaller, which then sets the handle.</summary>
    public OpusDecoderHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        OpusNative.DecoderDestroy(handle);
        return true;
    }
}
