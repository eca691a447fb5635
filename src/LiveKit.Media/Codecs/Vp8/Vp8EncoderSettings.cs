namespace LiveKit.Media.Codecs.Vp8;

/// <summary>
/// The settings of a <see cref="Vp8Encoder"/>, fixed when it is created (the bitrate can change later through
/// <see cref="Vp8Encoder.SetBitrate"/>). The defaults are those of libwebrtc's VP8 encoder
/// (<c>modules/video_coding/codecs/vp8/libvpx_vp8_encoder.cc</c>, <c>InitEncode</c> and
/// <c>InitAndSetControlSettings</c>) for one camera stream on x86-64, so that what we send looks to receivers like
/// what a browser sends.
/// </summary>
public sealed class Vp8EncoderSettings
{
    /// <summary>
    /// The target bitrate in kilobits per second (<c>rc_target_bitrate</c>), held by constant-bitrate rate
    /// control. Default 500: a middle value for 640x360 at 30 fps; set it from the publication's encoding.
    /// </summary>
    public int TargetBitrateKbps { get; init; } = 500;

    /// <summary>
    /// The frame rate the frames arrive at, in frames per second: it sets each frame's duration (90000 /
    /// FrameRate ticks of the 90 kHz clock) and the key-frame size cap. Default 30.
    /// </summary>
    public int FrameRate { get; init; } = 30;

    /// <summary>
    /// At most this many frames between automatic key frames (<c>kf_max_dist</c> with <c>VPX_KF_AUTO</c>); 0 leaves
    /// key frames to <see cref="Vp8Encoder.RequestKeyFrame"/> and the first frame (<c>VPX_KF_DISABLED</c>).
    /// Default 3000, libwebrtc's <c>keyFrameInterval</c>: receivers ask for key frames (PLI) when they need one.
    /// </summary>
    public int KeyFrameInterval { get; init; } = 3000;

    /// <summary>
    /// <c>VP8E_SET_CPUUSED</c>, -16 ... 16: higher is faster and worse; negative values are the real-time range
    /// libwebrtc uses. Null (the default) picks libwebrtc's choice on x86-64: -6, or -4 below CIF (352x288)
    /// where the encoder has time to spare (<c>GetCpuSpeed</c>).
    /// </summary>
    public int? CpuUsed { get; init; }

    /// <summary>
    /// The best quantizer rate control may use (<c>rc_min_quantizer</c>, 0 ... 63). Default 2, libwebrtc's for
    /// camera video (12 for screen sharing).
    /// </summary>
    public int MinQuantizer { get; init; } = 2;

    /// <summary>
    /// The worst quantizer rate control may use (<c>rc_max_quantizer</c>, 0 ... 63). Default 56, libwebrtc's
    /// default QP limit for VP8 (<c>kDefaultQpMax</c>).
    /// </summary>
    public int MaxQuantizer { get; init; } = 56;

    /// <summary>
    /// Error-resilient coding (<c>g_error_resilient = VPX_ERROR_RESILIENT_DEFAULT</c>): each frame's entropy
    /// context starts from the key frame's instead of the previous frame's, so a lost frame does not corrupt the
    /// probability model of those that follow. Costs a few percent of bitrate. Default true (libwebrtc turns it
    /// on with temporal layers, where frames are dropped on purpose).
    /// </summary>
    public bool ErrorResilient { get; init; } = true;

    /// <summary>
    /// Let rate control drop a frame when its buffer runs low (<c>rc_dropframe_thresh</c> 30, as libwebrtc's
    /// <c>FrameDropThreshold</c>): <see cref="Vp8Encoder.Encode"/> then returns 0. Default true; false encodes
    /// every frame, overshooting the bitrate on hard content instead.
    /// </summary>
    public bool FrameDropping { get; init; } = true;

    /// <summary>
    /// Encoder threads (<c>g_threads</c>), 1 ... 64. Default 1, libwebrtc's choice up to 640x480 (it uses 2 to 3
    /// above that on machines with 3 cores or more).
    /// </summary>
    public int Threads { get; init; } = 1;
}
