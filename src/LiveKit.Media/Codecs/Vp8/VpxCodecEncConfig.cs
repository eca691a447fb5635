using System.Runtime.InteropServices;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary>
/// <c>vpx_codec_enc_cfg_t</c> of libvpx 1.12 (<c>vpx_encoder.h</c>), laid out for x86-64 Linux (LP64): 504
/// bytes, the size <c>vpx_codec_enc_config_default</c> copies (its <c>rep movsq</c> moves 63 quadwords).
/// </summary>
/// <remarks>
/// Field order and types are the header's; the offsets in the comments follow from them. The layout test fills
/// this struct with <c>vpx_codec_enc_config_default</c> for VP8 and checks the defaults of
/// <c>vp8_cx_iface.c</c> at these offsets (320x240, timebase 1/30, 256 kbps, quantizers 4 ... 63, kf_max_dist
/// 128, the vizier factors 1/1 up to the last 8 bytes), and that nothing past byte 504 is written: a field at a
/// wrong offset or a wrong size fails it. A newer libvpx (another soname) adds fields, which is one reason only
/// <c>libvpx.so.7</c> is loaded.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VpxCodecEncConfig
{
    /// <summary>The size in bytes of the struct in libvpx 1.12 on x86-64.</summary>
    internal const int Size = 504;

    /// <summary><c>unsigned int g_usage</c> (offset 0).</summary>
    public uint Usage;

    /// <summary><c>unsigned int g_threads</c> (4): at most this many threads; 0 is 1.</summary>
    public uint Threads;

    /// <summary><c>unsigned int g_profile</c> (8): the VP8 version/profile 0 ... 3.</summary>
    public uint Profile;

    /// <summary><c>unsigned int g_w</c> (12): the frame width.</summary>
    public uint Width;

    /// <summary><c>unsigned int g_h</c> (16): the frame height.</summary>
    public uint Height;

    /// <summary><c>vpx_bit_depth_t g_bit_depth</c> (20): 8 for VP8.</summary>
    public int BitDepth;

    /// <summary><c>unsigned int g_input_bit_depth</c> (24).</summary>
    public uint InputBitDepth;

    /// <summary><c>struct vpx_rational g_timebase</c> (28): the unit of pts and duration.</summary>
    public VpxRational Timebase;

    /// <summary><c>vpx_codec_er_flags_t g_error_resilient</c> (36).</summary>
    public uint ErrorResilient;

    /// <summary><c>enum vpx_enc_pass g_pass</c> (40).</summary>
    public int Pass;

    /// <summary><c>unsigned int g_lag_in_frames</c> (44): frames the encoder may hold back; 0 for real time.</summary>
    public uint LagInFrames;

    /// <summary><c>unsigned int rc_dropframe_thresh</c> (48): buffer fullness (percent) below which frames are dropped; 0 never.</summary>
    public uint DropFrameThreshold;

    /// <summary><c>unsigned int rc_resize_allowed</c> (52).</summary>
    public uint ResizeAllowed;

    /// <summary><c>unsigned int rc_scaled_width</c> (56).</summary>
    public uint ScaledWidth;

    /// <summary><c>unsigned int rc_scaled_height</c> (60).</summary>
    public uint ScaledHeight;

    /// <summary><c>unsigned int rc_resize_up_thresh</c> (64).</summary>
    public uint ResizeUpThreshold;

    /// <summary><c>unsigned int rc_resize_down_thresh</c> (68).</summary>
    public uint ResizeDownThreshold;

    /// <summary><c>enum vpx_rc_mode rc_end_usage</c> (72), then 4 bytes of padding.</summary>
    public int EndUsage;

    /// <summary><c>vpx_fixed_buf_t rc_twopass_stats_in</c> (80).</summary>
    public VpxFixedBuffer TwoPassStatsIn;

    /// <summary><c>vpx_fixed_buf_t rc_firstpass_mb_stats_in</c> (96).</summary>
    public VpxFixedBuffer FirstPassMacroblockStatsIn;

    /// <summary><c>unsigned int rc_target_bitrate</c> (112): kilobits per second.</summary>
    public uint TargetBitrate;

    /// <summary><c>unsigned int rc_min_quantizer</c> (116): 0 ... 63.</summary>
    public uint MinQuantizer;

    /// <summary><c>unsigned int rc_max_quantizer</c> (120): 0 ... 63.</summary>
    public uint MaxQuantizer;

    /// <summary><c>unsigned int rc_undershoot_pct</c> (124).</summary>
    public uint UndershootPercent;

    /// <summary><c>unsigned int rc_overshoot_pct</c> (128).</summary>
    public uint OvershootPercent;

    /// <summary><c>unsigned int rc_buf_sz</c> (132): the decoder buffer model's size, in ms of the target bitrate.</summary>
    public uint BufferSize;

    /// <summary><c>unsigned int rc_buf_initial_sz</c> (136): in ms.</summary>
    public uint BufferInitialSize;

    /// <summary><c>unsigned int rc_buf_optimal_sz</c> (140): in ms.</summary>
    public uint BufferOptimalSize;

    /// <summary><c>unsigned int rc_2pass_vbr_bias_pct</c> (144).</summary>
    public uint TwoPassVbrBiasPercent;

    /// <summary><c>unsigned int rc_2pass_vbr_minsection_pct</c> (148).</summary>
    public uint TwoPassVbrMinSectionPercent;

    /// <summary><c>unsigned int rc_2pass_vbr_maxsection_pct</c> (152).</summary>
    public uint TwoPassVbrMaxSectionPercent;

    /// <summary><c>unsigned int rc_2pass_vbr_corpus_complexity</c> (156).</summary>
    public uint TwoPassVbrCorpusComplexity;

    /// <summary><c>enum vpx_kf_mode kf_mode</c> (160).</summary>
    public int KeyFrameMode;

    /// <summary><c>unsigned int kf_min_dist</c> (164).</summary>
    public uint KeyFrameMinDistance;

    /// <summary><c>unsigned int kf_max_dist</c> (168): at most this many frames between automatic key frames.</summary>
    public uint KeyFrameMaxDistance;

    /// <summary><c>unsigned int ss_number_layers</c> (172).</summary>
    public uint SpatialLayerCount;

    /// <summary><c>int ss_enable_auto_alt_ref[VPX_SS_MAX_LAYERS = 5]</c> (176).</summary>
    public fixed int SpatialEnableAutoAltRef[5];

    /// <summary><c>unsigned int ss_target_bitrate[VPX_SS_MAX_LAYERS = 5]</c> (196).</summary>
    public fixed uint SpatialTargetBitrate[5];

    /// <summary><c>unsigned int ts_number_layers</c> (216).</summary>
    public uint TemporalLayerCount;

    /// <summary><c>unsigned int ts_target_bitrate[VPX_TS_MAX_LAYERS = 5]</c> (220).</summary>
    public fixed uint TemporalTargetBitrate[5];

    /// <summary><c>unsigned int ts_rate_decimator[VPX_TS_MAX_LAYERS = 5]</c> (240).</summary>
    public fixed uint TemporalRateDecimator[5];

    /// <summary><c>unsigned int ts_periodicity</c> (260).</summary>
    public uint TemporalPeriodicity;

    /// <summary><c>unsigned int ts_layer_id[VPX_TS_MAX_PERIODICITY = 16]</c> (264).</summary>
    public fixed uint TemporalLayerId[16];

    /// <summary><c>unsigned int layer_target_bitrate[VPX_MAX_LAYERS = 12]</c> (328).</summary>
    public fixed uint LayerTargetBitrate[12];

    /// <summary><c>int temporal_layering_mode</c> (376).</summary>
    public int TemporalLayeringMode;

    /// <summary><c>int use_vizier_rc_params</c> (380).</summary>
    public int UseVizierRateControlParameters;

    /// <summary><c>vpx_rational_t active_wq_factor</c> (384).</summary>
    public VpxRational ActiveWqFactor;

    /// <summary><c>vpx_rational_t err_per_mb_factor</c> (392).</summary>
    public VpxRational ErrorPerMacroblockFactor;

    /// <summary><c>vpx_rational_t sr_default_decay_limit</c> (400).</summary>
    public VpxRational SrDefaultDecayLimit;

    /// <summary><c>vpx_rational_t sr_diff_factor</c> (408).</summary>
    public VpxRational SrDiffFactor;

    /// <summary><c>vpx_rational_t kf_err_per_mb_factor</c> (416).</summary>
    public VpxRational KeyFrameErrorPerMacroblockFactor;

    /// <summary><c>vpx_rational_t kf_frame_min_boost_factor</c> (424).</summary>
    public VpxRational KeyFrameMinBoostFactor;

    /// <summary><c>vpx_rational_t kf_frame_max_boost_first_factor</c> (432).</summary>
    public VpxRational KeyFrameMaxBoostFirstFactor;

    /// <summary><c>vpx_rational_t kf_frame_max_boost_subs_factor</c> (440).</summary>
    public VpxRational KeyFrameMaxBoostSubsequentFactor;

    /// <summary><c>vpx_rational_t kf_max_total_boost_factor</c> (448).</summary>
    public VpxRational KeyFrameMaxTotalBoostFactor;

    /// <summary><c>vpx_rational_t gf_max_total_boost_factor</c> (456).</summary>
    public VpxRational GoldenFrameMaxTotalBoostFactor;

    /// <summary><c>vpx_rational_t gf_frame_max_boost_factor</c> (464).</summary>
    public VpxRational GoldenFrameMaxBoostFactor;

    /// <summary><c>vpx_rational_t zm_factor</c> (472).</summary>
    public VpxRational ZeroMotionFactor;

    /// <summary><c>vpx_rational_t rd_mult_inter_qp_fac</c> (480).</summary>
    public VpxRational RdMultInterQpFactor;

    /// <summary><c>vpx_rational_t rd_mult_arf_qp_fac</c> (488).</summary>
    public VpxRational RdMultArfQpFactor;

    /// <summary><c>vpx_rational_t rd_mult_key_qp_fac</c> (496): the last field; the struct ends at 504.</summary>
    public VpxRational RdMultKeyQpFactor;
}
