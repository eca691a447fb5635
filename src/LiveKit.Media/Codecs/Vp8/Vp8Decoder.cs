using System;
using System.Runtime.InteropServices;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary>
/// A VP8 decoder to I420 (libvpx <c>vpx_codec_decode</c>, <c>vpx_codec_get_frame</c>). One decoder per stream;
/// not thread-safe.
/// </summary>
/// <remarks>
/// <para>Bad input never throws: a frame that libvpx refuses, or that decodes from a damaged reference, gives
/// <see cref="Vp8DecodeStatus.Corrupt"/>; after that, and before the first frame, only a key frame is decoded
/// (<see cref="Vp8DecodeStatus.KeyFrameRequired"/> for the others), so a picture built on a missing reference is
/// never shown. Either status tells the caller to ask the sender for a key frame. This is the policy of
/// libwebrtc's VP8 decoder (<c>key_frame_required_</c> in <c>libvpx_vp8_decoder.cc</c>).</para>
/// <para>Decoding allocates nothing: the image is a view of libvpx's frame buffer, valid until the next decode.</para>
/// </remarks>
public sealed class Vp8Decoder : IDisposable
{
    private readonly VpxCodecContextHandle _context;

    /// <summary>Creates a decoder (<c>vpx_codec_dec_init_ver</c>, one thread, no post-processing).</summary>
    /// <exception cref="Vp8Exception">libvpx refused to create the decoder.</exception>
    /// <exception cref="DllNotFoundException">libvpx is not installed; the message names the package (libvpx7).</exception>
    public Vp8Decoder()
    {
        // First, because it loads the library: a missing libvpx throws before anything native is allocated.
        IntPtr iface = Vp8Native.Vp8DecoderInterface();
        VpxCodecContextHandle context = VpxCodecContextHandle.Allocate();
        try
        {
            VpxCodecDecConfig config = new() { Threads = 1 };
            int result = Vp8Native.DecoderInit(context, iface, ref config, default, Vp8Native.DecoderAbiVersion);
            if (result != Vp8Native.Ok)
            {
                throw Vp8Exception.FromContext(context, result, "vpx_codec_dec_init_ver");
            }

            context.MarkInitialized();
        }
        catch
        {
            context.Dispose();
            throw;
        }

        _context = context;
    }

    /// <summary>
    /// True until a key frame has been decoded, and again after a corrupt frame: only a key frame will be decoded
    /// next, and the sender should be asked for one.
    /// </summary>
    public bool IsKeyFrameRequired { get; private set; } = true;

    /// <summary>
    /// The <c>vpx_codec_err_t</c> of the last frame libvpx refused (e.g. 7, <c>VPX_CODEC_CORRUPT_FRAME</c>), or 0;
    /// for diagnostics.
    /// </summary>
    public int LastErrorCode { get; private set; }

    /// <summary>
    /// True when <paramref name="frame"/> starts as a key frame: bit 0 of the frame tag (the inverse key frame flag)
    /// is 0 (RFC 6386 §9.1). False for an empty span.
    /// </summary>
    public static bool IsKeyFrame(ReadOnlySpan<byte> frame) => !frame.IsEmpty && (frame[0] & 0x01) == 0;

    /// <summary>Decodes one frame; true when it gave an image (<see cref="Decode"/> returned <see cref="Vp8DecodeStatus.Decoded"/>).</summary>
    /// <param name="frame">One complete VP8 frame (RFC 6386), as the encoder produced it or the depacketizer assembled it.</param>
    /// <param name="image">The decoded image, valid until the next decode; default when false.</param>
    /// <exception cref="ObjectDisposedException">The decoder is disposed.</exception>
    public bool TryDecode(ReadOnlySpan<byte> frame, out Vp8DecodedImage image) => Decode(frame, out image) == Vp8DecodeStatus.Decoded;

    /// <summary>Decodes one frame (<c>vpx_codec_decode</c>, then <c>vpx_codec_get_frame</c>). Never throws for bad input.</summary>
    /// <param name="frame">One complete VP8 frame (RFC 6386), as the encoder produced it or the depacketizer assembled it.</param>
    /// <param name="image">The decoded image when the result is <see cref="Vp8DecodeStatus.Decoded"/>, valid until the next decode; default otherwise.</param>
    /// <returns>What became of the frame; <see cref="Vp8DecodeStatus.KeyFrameRequired"/> and <see cref="Vp8DecodeStatus.Corrupt"/> ask for a key frame.</returns>
    /// <exception cref="ObjectDisposedException">The decoder is disposed.</exception>
    public unsafe Vp8DecodeStatus Decode(ReadOnlySpan<byte> frame, out Vp8DecodedImage image)
    {
        ObjectDisposedException.ThrowIf(_context.IsClosed, this);
        image = default;
        if (frame.IsEmpty)
        {
            // Not a frame at all (libvpx would take a null, empty buffer as "flush"): something was lost.
            return Fail(Vp8Native.CorruptFrame);
        }

        if (IsKeyFrameRequired && !IsKeyFrame(frame))
        {
            return Vp8DecodeStatus.KeyFrameRequired;
        }

        int result = Vp8Native.Decode(_context, ref MemoryMarshal.GetReference(frame), (uint)frame.Length, IntPtr.Zero, default);

        if (result != Vp8Native.Ok)
        {
            return Fail(result);
        }

        // A frame can decode "successfully" from a reference that an earlier error damaged; libvpx flags it.
        result = Vp8Native.Control(_context, Vp8Native.GetFrameCorrupted, out int corrupted);
        if (result != Vp8Native.Ok)
        {
            return Fail(result);
        }

        if (corrupted != 0)
        {
            return Fail(Vp8Native.CorruptFrame);
        }

        IsKeyFrameRequired = false;
        IntPtr iterator = IntPtr.Zero;
        IntPtr decoded = Vp8Native.GetFrame(_context, ref iterator);
        if (decoded == IntPtr.Zero)
        {
            return Vp8DecodeStatus.NotShown;
        }

        if (!TryView((VpxImage*)decoded, out image))
        {
            return Fail(Vp8Native.UnsupportedFeature);
        }

        return Vp8DecodeStatus.Decoded;
    }

    /// <summary>Frees the native decoder (<c>vpx_codec_destroy</c>). Later calls do nothing; an image still held is invalid.</summary>
    public void Dispose() => _context.Dispose();

    private Vp8DecodeStatus Fail(int errorCode)
    {
        LastErrorCode = errorCode;
        IsKeyFrameRequired = true;
        return Vp8DecodeStatus.Corrupt;
    }

    // VP8 always decodes to 8-bit I420; anything else (which libvpx's VP8 decoder never returns) is refused rather
    // than misread.
    private static unsafe bool TryView(VpxImage* decoded, out Vp8DecodedImage image)
    {
        image = default;
        int width = (int)decoded->DisplayWidth;
        int height = (int)decoded->DisplayHeight;
        int chromaWidth = (width + 1) / 2;
        int chromaHeight = (height + 1) / 2;
        if (decoded->Format != Vp8Native.ImageFormatI420 ||
            width is < 1 or > Vp8Encoder.MaxDimension || height is < 1 or > Vp8Encoder.MaxDimension ||
            decoded->StrideY < width || decoded->StrideU < chromaWidth || decoded->StrideV < chromaWidth ||
            decoded->PlaneY == IntPtr.Zero || decoded->PlaneU == IntPtr.Zero || decoded->PlaneV == IntPtr.Zero)
        {
            return false;
        }

        image = new Vp8DecodedImage(width, height,
            new ReadOnlySpan<byte>((void*)decoded->PlaneY, decoded->StrideY * (height - 1) + width), decoded->StrideY,
            new ReadOnlySpan<byte>((void*)decoded->PlaneU, decoded->StrideU * (chromaHeight - 1) + chromaWidth), decoded->StrideU,
            new ReadOnlySpan<byte>((void*)decoded->PlaneV, decoded->StrideV * (chromaHeight - 1) + chromaWidth), decoded->StrideV);
        return true;
    }
}
