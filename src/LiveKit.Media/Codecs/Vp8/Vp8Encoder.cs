using System;
using System.Runtime.InteropServices;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary>
/// A real-time VP8 encoder for I420 frames (libvpx <c>vpx_codec_encode</c> with <c>VPX_DL_REALTIME</c>), set up
/// as libwebrtc sets up its own (see <see cref="Vp8EncoderSettings"/>). One encoder per stream; not thread-safe.
/// </summary>
/// <remarks>
/// <see cref="Encode"/> allocates nothing: it pins the caller's planes, describes them in a <c>vpx_image_t</c> on
/// the stack (libvpx copies the frame before it returns) and copies the compressed frame into the caller's buffer.
/// The output is a VP8 frame as RFC 6386 defines it, ready for the RTP payload format of RFC 7741.
/// </remarks>
public sealed class Vp8Encoder : IDisposable
{
    /// <summary>
    /// The 90 kHz clock of VP8 over RTP (RFC 7741 §4.1): the timebase of <see cref="Encode"/>'s pts, so an RTP
    /// timestamp can be passed as it is (libwebrtc does the same).
    /// </summary>
    public const int ClockRate = 90000;

    /// <summary>The largest width or height VP8 codes: 14 bits (RFC 6386 §9.1).</summary>
    public const int MaxDimension = 16383;

    private readonly VpxCodecContextHandle _context;
    private readonly ulong _frameDuration;
    private VpxCodecEncConfig _config;
    private bool _keyFrameRequested;

    /// <summary>Creates an encoder (<c>vpx_codec_enc_config_default</c>, <c>vpx_codec_enc_init_ver</c>, then the controls).</summary>
    /// <param name="width">The frame width in pixels, 1 ... 16383; odd sizes are fine.</param>
    /// <param name="height">The frame height in pixels, 1 ... 16383.</param>
    /// <param name="settings">Bitrate, frame rate, key-frame interval and rate control; see <see cref="Vp8EncoderSettings"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size or setting outside what VP8 and libvpx accept.</exception>
    /// <exception cref="Vp8Exception">libvpx refused the configuration.</exception>
    /// <exception cref="DllNotFoundException">libvpx is not installed; the message names the package (libvpx7).</exception>
    public Vp8Encoder(int width, int height, Vp8EncoderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ValidateDimension(width, nameof(width));
        ValidateDimension(height, nameof(height));
        ValidateSettings(settings);

        // First, because it loads the library: a missing libvpx throws before anything native is allocated.
        IntPtr iface = Vp8Native.Vp8EncoderInterface();
        VpxCodecEncConfig config = default;
        int result = Vp8Native.EncoderConfigDefault(iface, ref config, 0);
        if (result != Vp8Native.Ok)
        {
            throw new Vp8Exception(result,
                $"vpx_codec_enc_config_default failed: {Vp8Native.ToManaged(Vp8Native.ErrorToString(result))} " +
                $"({Vp8Native.GetErrorName(result)}, {result}).");
        }

        Apply(settings, width, height, ref config);
        _config = config;
        int cpuUsed = settings.CpuUsed ?? DefaultCpuUsed(width, height);

        VpxCodecContextHandle context = VpxCodecContextHandle.Allocate();
        try
        {
            result = Vp8Native.EncoderInit(context, iface, ref config, default, Vp8Native.EncoderAbiVersion);
            if (result != Vp8Native.Ok)
            {
                throw Vp8Exception.FromContext(context, result, "vpx_codec_enc_init_ver");
            }

            context.MarkInitialized();
            // The controls libwebrtc sets for a camera stream (InitAndSetControlSettings).
            SetControl(context, Vp8Native.SetCpuUsed, cpuUsed, "VP8E_SET_CPUUSED");
            SetControl(context, Vp8Native.SetStaticThreshold, 1, "VP8E_SET_STATIC_THRESHOLD");
            SetControl(context, Vp8Native.SetTokenPartitions, 0, "VP8E_SET_TOKEN_PARTITIONS");
            SetControl(context, Vp8Native.SetMaxIntraBitratePercent, MaxIntraBitratePercent(settings.FrameRate),
                "VP8E_SET_MAX_INTRA_BITRATE_PCT");
        }
        catch
        {
            context.Dispose();
            throw;
        }

        _context = context;
        _frameDuration = (ulong)(ClockRate / settings.FrameRate);
        Width = width;
        Height = height;
        CpuUsed = cpuUsed;
        TargetBitrateKbps = settings.TargetBitrateKbps;
    }

    /// <summary>The frame width in pixels.</summary>
    public int Width { get; }

    /// <summary>The frame height in pixels.</summary>
    public int Height { get; }

    /// <summary>The width of the U and V planes: (width + 1) / 2.</summary>
    public int ChromaWidth => (Width + 1) / 2;

    /// <summary>The height of the U and V planes: (height + 1) / 2.</summary>
    public int ChromaHeight => (Height + 1) / 2;

    /// <summary>The <c>VP8E_SET_CPUUSED</c> value in effect.</summary>
    public int CpuUsed { get; }

    /// <summary>The target bitrate in effect, in kilobits per second.</summary>
    public int TargetBitrateKbps { get; private set; }

    /// <summary>
    /// An output buffer of this many bytes takes any frame: libvpx's own buffer for one compressed frame is
    /// width x height x 3 bytes, at least 32768 (<c>vp8_cx_iface.c</c>, <c>vp8e_init</c>).
    /// </summary>
    public int MaxEncodedFrameBytes => Math.Max(Width * Height * 3, 32768);

    /// <summary>
    /// The quantizer of the last encoded frame, 0 ... 63, the scale of <see cref="Vp8EncoderSettings.MinQuantizer"/>
    /// (<c>VP8E_GET_LAST_QUANTIZER_64</c>).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The encoder is disposed.</exception>
    public int LastQuantizer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_context.IsClosed, this);
            int result = Vp8Native.Control(_context, Vp8Native.GetLastQuantizer64, out int quantizer);
            if (result != Vp8Native.Ok)
            {
                throw Vp8Exception.FromContext(_context, result, "vpx_codec_control VP8E_GET_LAST_QUANTIZER_64");
            }

            return quantizer;
        }
    }

    /// <summary>
    /// Makes the next frame <see cref="Encode"/> produces a key frame, e.g. on a receiver's PLI or FIR
    /// (RFC 4585 §6.3.1, RFC 5104 §4.3.1). The request stays pending until a key frame is actually produced (a
    /// frame that rate control drops does not consume it).
    /// </summary>
    public void RequestKeyFrame() => _keyFrameRequested = true;

    /// <summary>
    /// Changes the target bitrate of the running encoder (<c>rc_target_bitrate</c> through
    /// <c>vpx_codec_enc_config_set</c>), e.g. when congestion control's estimate moves. Takes effect from the next
    /// frame; rate control converges over the buffer's length (about a second).
    /// </summary>
    /// <param name="kbps">Kilobits per second, above zero.</param>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    /// <exception cref="Vp8Exception">libvpx refused the change.</exception>
    /// <exception cref="ObjectDisposedException">The encoder is disposed.</exception>
    public void SetBitrate(int kbps)
    {
        ObjectDisposedException.ThrowIf(_context.IsClosed, this);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kbps);
        VpxCodecEncConfig changed = _config;
        changed.TargetBitrate = (uint)kbps;
        int result = Vp8Native.EncoderConfigSet(_context, ref changed);
        if (result != Vp8Native.Ok)
        {
            throw Vp8Exception.FromContext(_context, result, "vpx_codec_enc_config_set");
        }

        _config = changed;
        TargetBitrateKbps = kbps;
    }

    /// <summary>
    /// Encodes one I420 frame (<c>vpx_codec_encode</c>, deadline <c>VPX_DL_REALTIME</c>) and copies the compressed
    /// frame into <paramref name="output"/>.
    /// </summary>
    /// <param name="y">The luma plane: <see cref="Height"/> rows of <see cref="Width"/> bytes, <paramref name="yStride"/> apart.</param>
    /// <param name="yStride">Bytes from one luma row to the next, at least <see cref="Width"/>.</param>
    /// <param name="u">The U plane: <see cref="ChromaHeight"/> rows of <see cref="ChromaWidth"/> bytes.</param>
    /// <param name="uStride">Bytes from one U row to the next, at least <see cref="ChromaWidth"/>.</param>
    /// <param name="v">The V plane, shaped as <paramref name="u"/>.</param>
    /// <param name="vStride">Bytes from one V row to the next; must equal <paramref name="uStride"/> (VP8's encoder reads one chroma stride).</param>
    /// <param name="pts">The frame's time in <see cref="ClockRate"/> (90 kHz) ticks, e.g. its RTP timestamp; increasing.</param>
    /// <param name="forceKeyFrame">Make this frame a key frame (<c>VPX_EFLAG_FORCE_KF</c>); <see cref="RequestKeyFrame"/> does the same for the next frame.</param>
    /// <param name="output">Where the compressed frame is written; <see cref="MaxEncodedFrameBytes"/> always suffices.</param>
    /// <param name="isKeyFrame">True when the frame is a key frame (<c>VPX_FRAME_IS_KEY</c>): it decodes on its own.</param>
    /// <returns>
    /// The frame's length in bytes; 0 when rate control dropped the frame to hold the bitrate (only with
    /// <see cref="Vp8EncoderSettings.FrameDropping"/>): nothing is to be sent for it.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// A plane is too short for its stride and size, a stride is too small, the chroma strides differ,
    /// <paramref name="output"/> is empty, or the frame did not fit in <paramref name="output"/> (it is lost and the
    /// next frame is made a key frame so the stream recovers).
    /// </exception>
    /// <exception cref="Vp8Exception">libvpx failed.</exception>
    /// <exception cref="ObjectDisposedException">The encoder is disposed.</exception>
    public unsafe int Encode(
        ReadOnlySpan<byte> y, int yStride,
        ReadOnlySpan<byte> u, int uStride,
        ReadOnlySpan<byte> v, int vStride,
        long pts, bool forceKeyFrame, Span<byte> output, out bool isKeyFrame)
    {
        ObjectDisposedException.ThrowIf(_context.IsClosed, this);
        ValidatePlane(y, yStride, Width, Height, nameof(y), nameof(yStride));
        ValidatePlane(u, uStride, ChromaWidth, ChromaHeight, nameof(u), nameof(uStride));
        ValidatePlane(v, vStride, ChromaWidth, ChromaHeight, nameof(v), nameof(vStride));
        if (vStride != uStride)
        {
            throw new ArgumentException(
                $"uStride is {uStride} and vStride {vStride}: VP8's encoder reads the U stride for both chroma planes " +
                "(vp8_cx_iface.c, image2yuvconfig), so they must be equal.", nameof(vStride));
        }

        if (output.IsEmpty)
        {
            throw new ArgumentException(
                $"The output buffer is empty; MaxEncodedFrameBytes ({MaxEncodedFrameBytes}) always suffices.", nameof(output));
        }

        bool forceKey = forceKeyFrame || _keyFrameRequested;
        int result;
        fixed (byte* yPointer = y)
        fixed (byte* uPointer = u)
        fixed (byte* vPointer = v)
        {
            VpxImage image = default;
            image.Format = Vp8Native.ImageFormatI420;
            image.Width = (uint)Width;
            image.Height = (uint)Height;
            image.DisplayWidth = (uint)Width;
            image.DisplayHeight = (uint)Height;
            image.BitDepth = 8;
            image.XChromaShift = 1;
            image.YChromaShift = 1;
            image.PlaneY = (IntPtr)yPointer;
            image.PlaneU = (IntPtr)uPointer;
            image.PlaneV = (IntPtr)vPointer;
            image.StrideY = yStride;
            image.StrideU = uStride;
            image.StrideV = vStride;
            image.BitsPerSample = 12;
            result = Vp8Native.Encode(_context, ref image, pts, new CULong((nuint)_frameDuration),
                new CLong(forceKey ? Vp8Native.EncodeFlagForceKeyFrame : 0), new CULong(Vp8Native.DeadlineRealtime));
        }

        if (result != Vp8Native.Ok)
        {
            throw Vp8Exception.FromContext(_context, result, "vpx_codec_encode");
        }

        int written = 0;
        isKeyFrame = false;
        IntPtr iterator = IntPtr.Zero;
        IntPtr packetAddress;
        while ((packetAddress = Vp8Native.GetCxData(_context, ref iterator)) != IntPtr.Zero)
        {
            VpxCodecCxPacket* packet = (VpxCodecCxPacket*)packetAddress;
            if (packet->Kind != Vp8Native.CxFramePacket)
            {
                continue;
            }

            int size = checked((int)packet->FrameSize);
            if (size > output.Length - written)
            {
                _keyFrameRequested = true;
                throw new ArgumentException(
                    $"The encoded frame needs {written + size} bytes but the output buffer holds {output.Length}; the " +
                    $"frame is lost and the next one will be a key frame. MaxEncodedFrameBytes ({MaxEncodedFrameBytes}) " +
                    "always suffices.", nameof(output));
            }

            new ReadOnlySpan<byte>((void*)packet->FrameBuffer, size).CopyTo(output[written..]);
            written += size;
            isKeyFrame |= (packet->FrameFlags & Vp8Native.FrameIsKey) != 0;
        }

        if (isKeyFrame)
        {
            _keyFrameRequested = false;
        }

        return written;
    }

    /// <summary>Frees the native encoder (<c>vpx_codec_destroy</c>). Later calls do nothing.</summary>
    public void Dispose() => _context.Dispose();

    /// <summary>
    /// libwebrtc's cpu-used on x86-64 (<c>GetCpuSpeed</c>): its default -6, raised in effort to -4 below CIF
    /// (352x288), where a frame is cheap enough to spend more on it.
    /// </summary>
    internal static int DefaultCpuUsed(int width, int height) => (long)width * height < 352 * 288 ? -4 : -6;

    /// <summary>
    /// libwebrtc's key-frame size cap (<c>MaxIntraTarget</c>): half the optimal buffer (600 ms) in percent of a
    /// frame's share of the bitrate, 0.5 x 600 x fps / 10, at least 300 (three frames' worth).
    /// </summary>
    internal static int MaxIntraBitratePercent(int frameRate) => Math.Max(300, 600 / 2 * frameRate / 10);

    private static void Apply(Vp8EncoderSettings settings, int width, int height, ref VpxCodecEncConfig config)
    {
        // What libwebrtc's InitEncode sets, with our settings where it takes its own.
        config.Width = (uint)width;
        config.Height = (uint)height;
        config.Threads = (uint)settings.Threads;
        config.Timebase = new VpxRational { Numerator = 1, Denominator = ClockRate };
        config.LagInFrames = 0;
        config.ErrorResilient = settings.ErrorResilient ? Vp8Native.ErrorResilientDefault : 0;
        config.DropFrameThreshold = settings.FrameDropping ? 30u : 0u;
        config.EndUsage = Vp8Native.RateControlCbr;
        config.Pass = Vp8Native.OnePass;
        config.ResizeAllowed = 0;
        config.MinQuantizer = (uint)settings.MinQuantizer;
        config.MaxQuantizer = (uint)settings.MaxQuantizer;
        config.UndershootPercent = 100;
        config.OvershootPercent = 15;
        config.BufferInitialSize = 500;
        config.BufferOptimalSize = 600;
        config.BufferSize = 1000;
        config.TargetBitrate = (uint)settings.TargetBitrateKbps;
        if (settings.KeyFrameInterval > 0)
        {
            config.KeyFrameMode = Vp8Native.KeyFrameAuto;
            config.KeyFrameMaxDistance = (uint)settings.KeyFrameInterval;
        }
        else
        {
            config.KeyFrameMode = Vp8Native.KeyFrameDisabled;
        }
    }

    private static void SetControl(VpxCodecContextHandle context, int control, int value, string name)
    {
        int result = Vp8Native.Control(context, control, value);
        if (result != Vp8Native.Ok)
        {
            throw Vp8Exception.FromContext(context, result, "vpx_codec_control " + name);
        }
    }

    private static void ValidateDimension(int value, string paramName)
    {
        if (value is < 1 or > MaxDimension)
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                $"VP8 codes widths and heights of 1 to {MaxDimension} pixels (14 bits, RFC 6386 §9.1).");
        }
    }

    private static void ValidateSettings(Vp8EncoderSettings settings)
    {
        if (settings.TargetBitrateKbps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.TargetBitrateKbps,
                "TargetBitrateKbps is in kilobits per second and must be above zero (e.g. 500 for 640x360).");
        }

        if (settings.FrameRate is < 1 or > ClockRate)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.FrameRate,
                "FrameRate is in frames per second and must be at least 1 (e.g. 30).");
        }

        if (settings.KeyFrameInterval < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.KeyFrameInterval,
                "KeyFrameInterval is a number of frames, or 0 for key frames only on request.");
        }

        if (settings.CpuUsed is < -16 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.CpuUsed,
                "CpuUsed (VP8E_SET_CPUUSED) is -16 ... 16; libwebrtc uses -6 for real-time video, or null for its choice.");
        }

        if (settings.MinQuantizer is < 0 or > 63 || settings.MaxQuantizer is < 0 or > 63 ||
            settings.MinQuantizer > settings.MaxQuantizer)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), $"{settings.MinQuantizer} ... {settings.MaxQuantizer}",
                "MinQuantizer and MaxQuantizer are 0 ... 63 with MinQuantizer <= MaxQuantizer (libwebrtc: 2 and 56).");
        }

        if (settings.Threads is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Threads, "Threads is 1 ... 64.");
        }
    }

    private static void ValidatePlane(ReadOnlySpan<byte> plane, int stride, int width, int height, string planeName, string strideName)
    {
        if (stride < width)
        {
            throw new ArgumentOutOfRangeException(strideName, stride,
                $"The stride of plane {planeName} must be at least its width, {width} bytes.");
        }

        long needed = (long)stride * (height - 1) + width;
        if (plane.Length < needed)
        {
            throw new ArgumentException(
                $"Plane {planeName} holds {plane.Length} bytes; {height} rows of {width} bytes with a stride of {stride} " +
                $"need {needed}.", planeName);
        }
    }
}
