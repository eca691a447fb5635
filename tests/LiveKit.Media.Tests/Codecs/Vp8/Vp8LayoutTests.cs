using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiveKit.Media.Codecs.Vp8;
using Xunit;

namespace LiveKit.Media.Tests.Codecs.Vp8;

/// <summary>
/// The struct layouts and ABI numbers of <c>Codecs/Vp8</c>, checked against the installed libvpx: libvpx fills our
/// structs and every field it writes must land where we read it, and nothing past their end.
/// </summary>
public class Vp8LayoutTests
{
    private const byte GuardValue = 0xAB;

    [Fact]
    public void The_structs_have_the_sizes_and_offsets_of_libvpx_1_12_on_x86_64()
    {
        Assert.Equal(VpxCodecEncConfig.Size, Unsafe.SizeOf<VpxCodecEncConfig>());
        Assert.Equal(504, VpxCodecEncConfig.Size);
        Assert.Equal(136, Unsafe.SizeOf<VpxImage>());
        Assert.Equal(136, Unsafe.SizeOf<VpxCodecCxPacket>());
        Assert.Equal(56, Unsafe.SizeOf<VpxCodecContext>());
        Assert.Equal(12, Unsafe.SizeOf<VpxCodecDecConfig>());

        VpxCodecEncConfig config = default;
        Assert.Equal(28, Offset(ref config, ref config.Timebase));
        Assert.Equal(72, Offset(ref config, ref config.EndUsage));
        Assert.Equal(80, Offset(ref config, ref config.TwoPassStatsIn));
        Assert.Equal(112, Offset(ref config, ref config.TargetBitrate));
        Assert.Equal(168, Offset(ref config, ref config.KeyFrameMaxDistance));
        Assert.Equal(216, Offset(ref config, ref config.TemporalLayerCount));
        Assert.Equal(376, Offset(ref config, ref config.TemporalLayeringMode));
        Assert.Equal(496, Offset(ref config, ref config.RdMultKeyQpFactor));

        VpxImage image = default;
        Assert.Equal(48, Offset(ref image, ref image.PlaneY));
        Assert.Equal(80, Offset(ref image, ref image.StrideY));
        Assert.Equal(104, Offset(ref image, ref image.UserPrivate));
        Assert.Equal(128, Offset(ref image, ref image.FrameBufferPrivate));

        VpxCodecCxPacket packet = default;
        Assert.Equal(8, Offset(ref packet, ref packet.FrameBuffer));
        Assert.Equal(40, Offset(ref packet, ref packet.FrameFlags));

        VpxCodecContext context = default;
        Assert.Equal(24, Offset(ref context, ref context.ErrorDetail));
        Assert.Equal(48, Offset(ref context, ref context.Private));
    }

    [Fact]
    public void Vpx_codec_enc_config_default_fills_the_documented_VP8_defaults_at_our_offsets_and_nothing_beyond()
    {
        GuardedEncConfig guarded = default;
        Fill(ref guarded, GuardValue);

        int result = Vp8Native.EncoderConfigDefault(Vp8Native.Vp8EncoderInterface(), ref guarded.Config, 0);

        Assert.Equal(Vp8Native.Ok, result);
        VpxCodecEncConfig config = guarded.Config;
        // vp8_cx_iface.c, vp8e_usage_cfg_map (positional initializer, in field order).
        Assert.Equal(0u, config.Usage);
        Assert.Equal(0u, config.Threads);
        Assert.Equal(0u, config.Profile);
        Assert.Equal(320u, config.Width);
        Assert.Equal(240u, config.Height);
        Assert.Equal(8, config.BitDepth);
        Assert.Equal(8u, config.InputBitDepth);
        Assert.Equal(1, config.Timebase.Numerator);
        Assert.Equal(30, config.Timebase.Denominator);
        Assert.Equal(0u, config.ErrorResilient);
        Assert.Equal(Vp8Native.OnePass, config.Pass);
        Assert.Equal(0u, config.LagInFrames);
        Assert.Equal(0u, config.DropFrameThreshold);
        Assert.Equal(0u, config.ResizeAllowed);
        Assert.Equal(1u, config.ScaledWidth);
        Assert.Equal(1u, config.ScaledHeight);
        // The initializer's comments name these two the other way round; position decides: 60 then 30.
        Assert.Equal(60u, config.ResizeUpThreshold);
        Assert.Equal(30u, config.ResizeDownThreshold);
        Assert.Equal(0, config.EndUsage); // VPX_VBR
        Assert.Equal(IntPtr.Zero, config.TwoPassStatsIn.Buffer);
        Assert.Equal(0u, config.TwoPassStatsIn.Size);
        Assert.Equal(256u, config.TargetBitrate);
        Assert.Equal(4u, config.MinQuantizer);
        Assert.Equal(63u, config.MaxQuantizer);
        Assert.Equal(100u, config.UndershootPercent);
        Assert.Equal(100u, config.OvershootPercent);
        Assert.Equal(6000u, config.BufferSize);
        Assert.Equal(4000u, config.BufferInitialSize);
        Assert.Equal(5000u, config.BufferOptimalSize);
        Assert.Equal(50u, config.TwoPassVbrBiasPercent);
        Assert.Equal(0u, config.TwoPassVbrMinSectionPercent);
        Assert.Equal(400u, config.TwoPassVbrMaxSectionPercent);
        Assert.Equal(Vp8Native.KeyFrameAuto, config.KeyFrameMode);
        Assert.Equal(0u, config.KeyFrameMinDistance);
        Assert.Equal(128u, config.KeyFrameMaxDistance);
        Assert.Equal(1u, config.SpatialLayerCount); // VPX_SS_DEFAULT_LAYERS
        Assert.Equal(1u, config.TemporalLayerCount);
        Assert.Equal(0u, config.TemporalPeriodicity);
        Assert.Equal(0, config.TemporalLayeringMode);
        Assert.Equal(0, config.UseVizierRateControlParameters);
        Assert.Equal(1, config.ActiveWqFactor.Numerator);
        Assert.Equal(1, config.ActiveWqFactor.Denominator);
        Assert.Equal(1, config.ZeroMotionFactor.Denominator);
        // The last field, in the last 8 bytes: the struct ends where ours does...
        Assert.Equal(1, config.RdMultKeyQpFactor.Numerator);
        Assert.Equal(1, config.RdMultKeyQpFactor.Denominator);
        // ...and libvpx copied nothing past it.
        Assert.All(AsBytes(ref guarded)[VpxCodecEncConfig.Size..].ToArray(), b => Assert.Equal(GuardValue, b));
    }

    [Fact]
    public void Vpx_img_wrap_fills_an_I420_image_at_our_offsets_and_nothing_beyond()
    {
        byte[] data = new byte[320 * 240 * 3 / 2];
        GCHandle pin = GCHandle.Alloc(data, GCHandleType.Pinned);
        try
        {
            IntPtr address = pin.AddrOfPinnedObject();
            GuardedImage guarded = default;
            Fill(ref guarded, GuardValue);

            IntPtr wrapped = Vp8Native.ImageWrap(ref guarded.Image, Vp8Native.ImageFormatI420, 320, 240, 1, ref data[0]);

            Assert.NotEqual(IntPtr.Zero, wrapped);
            VpxImage image = guarded.Image;
            Assert.Equal(0x102, image.Format);
            Assert.Equal(320u, image.Width);
            Assert.Equal(240u, image.Height);
            Assert.Equal(8u, image.BitDepth);
            Assert.Equal(320u, image.DisplayWidth);
            Assert.Equal(240u, image.DisplayHeight);
            Assert.Equal(1u, image.XChromaShift);
            Assert.Equal(1u, image.YChromaShift);
            Assert.Equal(address, image.PlaneY);
            Assert.Equal(address + 320 * 240, image.PlaneU);
            Assert.Equal(address + 320 * 240 + 160 * 120, image.PlaneV);
            Assert.Equal(320, image.StrideY);
            Assert.Equal(160, image.StrideU);
            Assert.Equal(160, image.StrideV);
            Assert.Equal(12, image.BitsPerSample);
            Assert.Equal(address, image.ImageData);
            Assert.Equal(0, image.ImageDataOwner);
            Assert.Equal(0, image.SelfAllocated);
            Assert.Equal(IntPtr.Zero, image.UserPrivate);
            Assert.Equal(IntPtr.Zero, image.FrameBufferPrivate);
            // vpx_img_wrap clears sizeof(vpx_image_t) bytes first: all of ours, none of the guard.
            Assert.All(AsBytes(ref guarded)[VpxImage.Size..].ToArray(), b => Assert.Equal(GuardValue, b));
        }
        finally
        {
            pin.Free();
        }
    }

    [Fact]
    public void The_codec_context_fields_are_where_libvpx_writes_them()
    {
        IntPtr iface = Vp8Native.Vp8EncoderInterface();
        VpxCodecEncConfig config = default;
        Assert.Equal(Vp8Native.Ok, Vp8Native.EncoderConfigDefault(iface, ref config, 0));
        using VpxCodecContextHandle context = VpxCodecContextHandle.Allocate();
        const int usePsnr = 0x10000; // VPX_CODEC_USE_PSNR: a flag VP8 accepts, to see init_flags land.

        Assert.Equal(Vp8Native.Ok, Vp8Native.EncoderInit(context, iface, ref config, new CLong(usePsnr), Vp8Native.EncoderAbiVersion));
        context.MarkInitialized();

        VpxCodecContext fields = Marshal.PtrToStructure<VpxCodecContext>(context.DangerousGetHandle());
        Assert.Equal(Vp8Native.InterfaceName(iface), fields.Name);
        Assert.StartsWith("WebM Project VP8 Encoder", Vp8Native.ToManaged(fields.Name));
        Assert.Equal(iface, fields.Interface);
        Assert.Equal(Vp8Native.Ok, fields.Error);
        Assert.Equal(usePsnr, (long)fields.InitFlags.Value);
        Assert.NotEqual(IntPtr.Zero, fields.Config);
        Assert.NotEqual(IntPtr.Zero, fields.Private);

        // A refused configuration sets err (offset 16) and a detail the exception carries.
        config.MaxQuantizer = 64;
        Assert.Equal(Vp8Native.InvalidParam, Vp8Native.EncoderConfigSet(context, ref config));
        fields = Marshal.PtrToStructure<VpxCodecContext>(context.DangerousGetHandle());
        Assert.Equal(Vp8Native.InvalidParam, fields.Error);
        Vp8Exception error = Vp8Exception.FromContext(context, Vp8Native.InvalidParam, "vpx_codec_enc_config_set");
        Assert.Contains("rc_max_quantizer out of range", error.Message);
        Assert.Contains("VPX_CODEC_INVALID_PARAM", error.Message);
        Assert.Equal(Vp8Native.InvalidParam, error.ErrorCode);
    }

    [Fact]
    public void An_output_packet_carries_the_pts_duration_and_key_flag_we_gave_at_our_offsets()
    {
        IntPtr iface = Vp8Native.Vp8EncoderInterface();
        VpxCodecEncConfig config = default;
        Assert.Equal(Vp8Native.Ok, Vp8Native.EncoderConfigDefault(iface, ref config, 0)); // 320x240, timebase 1/30
        using VpxCodecContextHandle context = VpxCodecContextHandle.Allocate();
        Assert.Equal(Vp8Native.Ok, Vp8Native.EncoderInit(context, iface, ref config, default, Vp8Native.EncoderAbiVersion));
        context.MarkInitialized();
        var picture = new TestPicture(320, 240);

        VpxCodecCxPacket first = EncodeOne(context, picture, 0, pts: 0, duration: 1);
        VpxCodecCxPacket second = EncodeOne(context, picture, 1, pts: 1, duration: 1);
        VpxCodecCxPacket third = EncodeOne(context, picture, 2, pts: 3, duration: 2);

        Assert.Equal(Vp8Native.CxFramePacket, first.Kind);
        Assert.Equal(0, first.FramePts);
        Assert.Equal(1u, (ulong)first.FrameDuration.Value);
        Assert.Equal(Vp8Native.FrameIsKey, first.FrameFlags & Vp8Native.FrameIsKey);
        Assert.Equal(1, second.FramePts);
        Assert.Equal(0u, second.FrameFlags & Vp8Native.FrameIsKey);
        Assert.Equal(3, third.FramePts);
        Assert.Equal(2u, (ulong)third.FrameDuration.Value);
        // partition_id is -1 outside VPX_CODEC_USE_OUTPUT_PARTITION mode (vp8e_encode): the int after the flags.
        Assert.Equal(-1, third.FramePartitionId);
    }

    [Fact]
    public void A_decoded_image_has_our_layout_and_its_planes_are_the_picture()
    {
        var picture = new TestPicture(320, 240);
        byte[] frame;
        using (var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings { TargetBitrateKbps = 800 }))
        {
            frame = Vp8Stream.Encode(encoder, picture, 1)[0].Data;
        }

        VpxCodecDecConfig decoderConfig = new() { Threads = 1 };
        using VpxCodecContextHandle context = VpxCodecContextHandle.Allocate();
        Assert.Equal(Vp8Native.Ok, Vp8Native.DecoderInit(context, Vp8Native.Vp8DecoderInterface(), ref decoderConfig, default, Vp8Native.DecoderAbiVersion));
        context.MarkInitialized();
        Assert.Equal(Vp8Native.Ok, Vp8Native.Decode(context, ref frame[0], (uint)frame.Length, IntPtr.Zero, default));
        IntPtr iterator = IntPtr.Zero;
        IntPtr decoded = Vp8Native.GetFrame(context, ref iterator);

        Assert.NotEqual(IntPtr.Zero, decoded);
        Assert.Equal(IntPtr.Zero, Vp8Native.GetFrame(context, ref iterator));
        VpxImage image = Marshal.PtrToStructure<VpxImage>(decoded);
        Assert.Equal(Vp8Native.ImageFormatI420, image.Format);
        Assert.Equal(320u, image.DisplayWidth);
        Assert.Equal(240u, image.DisplayHeight);
        Assert.Equal(8u, image.BitDepth);
        Assert.Equal(1u, image.XChromaShift);
        Assert.Equal(1u, image.YChromaShift);
        Assert.Equal(12, image.BitsPerSample);
        Assert.InRange(image.StrideY, 320, 320 + 2 * 64);
        Assert.InRange(image.StrideU, 160, 160 + 64);
        Assert.Equal(image.StrideU, image.StrideV);
        Assert.NotEqual(IntPtr.Zero, image.PlaneY);
        Assert.NotEqual(image.PlaneY, image.PlaneU);
        Assert.NotEqual(image.PlaneU, image.PlaneV);

        // The planes read through PlaneY/StrideY etc. are the encoded picture, not some other memory.
        VideoPatterns.Draw(picture, 0);
        Assert.True(PlanePsnr(picture.Y, picture.YStride, image.PlaneY, image.StrideY, 320, 240) > 35);
        Assert.True(PlanePsnr(picture.U, picture.ChromaStride, image.PlaneU, image.StrideU, 160, 120) > 35);
        Assert.True(PlanePsnr(picture.V, picture.ChromaStride, image.PlaneV, image.StrideV, 160, 120) > 35);

        // Control ids: a key frame refreshes all three references (last 1 | golden 2 | altref 4) and is not corrupt.
        Assert.Equal(Vp8Native.Ok, Vp8Native.Control(context, Vp8Native.GetLastReferenceUpdates, out int updates));
        Assert.Equal(7, updates);
        Assert.Equal(Vp8Native.Ok, Vp8Native.Control(context, Vp8Native.GetFrameCorrupted, out int corrupted));
        Assert.Equal(0, corrupted);
    }

    [Fact]
    public void The_ABI_versions_are_the_installed_librarys()
    {
        Assert.Equal(25, Vp8Native.EncoderAbiVersion);
        Assert.Equal(12, Vp8Native.DecoderAbiVersion);

        Assert.Equal(Vp8Native.Ok, InitEncoder(Vp8Native.EncoderAbiVersion));
        Assert.Equal(Vp8Native.AbiMismatch, InitEncoder(Vp8Native.EncoderAbiVersion + 1));
        Assert.Equal(Vp8Native.Ok, InitDecoder(Vp8Native.DecoderAbiVersion));
        Assert.Equal(Vp8Native.AbiMismatch, InitDecoder(Vp8Native.DecoderAbiVersion + 1));
    }

    [Fact]
    public void The_quantizer_controls_read_back_a_fixed_quantizer()
    {
        // min = max pins the quantizer: VP8E_GET_LAST_QUANTIZER_64 (id 20) gives it in the configuration's 0 ... 63
        // scale, which also shows rc_min_quantizer and rc_max_quantizer sit where libvpx reads them.
        using var encoder = new Vp8Encoder(320, 240, new Vp8EncoderSettings { MinQuantizer = 30, MaxQuantizer = 30 });
        Vp8Stream.Encode(encoder, new TestPicture(320, 240), 3);

        Assert.Equal(30, encoder.LastQuantizer);
    }

    private static int InitEncoder(int abiVersion)
    {
        IntPtr iface = Vp8Native.Vp8EncoderInterface();
        VpxCodecEncConfig config = default;
        Assert.Equal(Vp8Native.Ok, Vp8Native.EncoderConfigDefault(iface, ref config, 0));
        using VpxCodecContextHandle context = VpxCodecContextHandle.Allocate();
        int result = Vp8Native.EncoderInit(context, iface, ref config, default, abiVersion);
        if (result == Vp8Native.Ok)
        {
            context.MarkInitialized();
        }

        return result;
    }

    private static int InitDecoder(int abiVersion)
    {
        VpxCodecDecConfig config = new() { Threads = 1 };
        using VpxCodecContextHandle context = VpxCodecContextHandle.Allocate();
        int result = Vp8Native.DecoderInit(context, Vp8Native.Vp8DecoderInterface(), ref config, default, abiVersion);
        if (result == Vp8Native.Ok)
        {
            context.MarkInitialized();
        }

        return result;
    }

    private static VpxCodecCxPacket EncodeOne(VpxCodecContextHandle context, TestPicture picture, int index, long pts, ulong duration)
    {
        VideoPatterns.Draw(picture, index);
        GCHandle y = GCHandle.Alloc(picture.Y, GCHandleType.Pinned);
        GCHandle u = GCHandle.Alloc(picture.U, GCHandleType.Pinned);
        GCHandle v = GCHandle.Alloc(picture.V, GCHandleType.Pinned);
        try
        {
            VpxImage image = new()
            {
                Format = Vp8Native.ImageFormatI420,
                Width = (uint)picture.Width,
                Height = (uint)picture.Height,
                DisplayWidth = (uint)picture.Width,
                DisplayHeight = (uint)picture.Height,
                BitDepth = 8,
                XChromaShift = 1,
                YChromaShift = 1,
                PlaneY = y.AddrOfPinnedObject(),
                PlaneU = u.AddrOfPinnedObject(),
                PlaneV = v.AddrOfPinnedObject(),
                StrideY = picture.YStride,
                StrideU = picture.ChromaStride,
                StrideV = picture.ChromaStride,
                BitsPerSample = 12,
            };
            Assert.Equal(Vp8Native.Ok, Vp8Native.Encode(context, ref image, pts, new CULong((nuint)duration), default,
                new CULong(Vp8Native.DeadlineRealtime)));
        }
        finally
        {
            y.Free();
            u.Free();
            v.Free();
        }

        IntPtr iterator = IntPtr.Zero;
        IntPtr packet = Vp8Native.GetCxData(context, ref iterator);
        Assert.NotEqual(IntPtr.Zero, packet);
        VpxCodecCxPacket read = Marshal.PtrToStructure<VpxCodecCxPacket>(packet);
        // The key flag agrees with the frame's own tag (RFC 6386 §9.1: bit 0 is 0 on a key frame).
        bool keyByTag = (Marshal.ReadByte(read.FrameBuffer) & 1) == 0;
        Assert.Equal(keyByTag, (read.FrameFlags & Vp8Native.FrameIsKey) != 0);
        Assert.InRange((long)read.FrameSize, 1, 320 * 240 * 3);
        return read;
    }

    private static double PlanePsnr(byte[] reference, int referenceStride, IntPtr plane, int stride, int width, int height)
    {
        byte[] copy = new byte[stride * height];
        Marshal.Copy(plane, copy, 0, stride * (height - 1) + width);
        return VideoPatterns.Psnr(reference, referenceStride, copy, stride, width, height);
    }

    private static long Offset<TStruct, TField>(ref TStruct container, ref TField field) =>
        (long)Unsafe.ByteOffset(ref Unsafe.As<TStruct, byte>(ref container), ref Unsafe.As<TField, byte>(ref field));

    private static void Fill<T>(ref T value, byte pattern)
        where T : struct => AsBytes(ref value).Fill(pattern);

    private static Span<byte> AsBytes<T>(ref T value)
        where T : struct => MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref value, 1));
}
