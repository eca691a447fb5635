using System;
using System.Runtime.InteropServices;

namespace LiveKit.Media.Codecs.Vp8;

/// <summary>
/// Owns the native memory of one <c>vpx_codec_ctx_t</c> (<see cref="VpxCodecContext"/>) and, once initialized,
/// the codec in it: release calls <c>vpx_codec_destroy</c>, then frees the memory.
/// </summary>
/// <remarks>
/// The context lives in native memory because libvpx keeps pointers to it between calls, and the handle is what
/// the bindings take so that a call in progress keeps it alive (the marshaller adds a reference around each
/// call). <c>vpx_codec_destroy</c> runs only after a successful init: before that the library may not even be
/// loadable, and a release must never throw.
/// </remarks>
internal sealed unsafe class VpxCodecContextHandle : SafeHandle
{
    private bool _initialized;

    private VpxCodecContextHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The context's fields, for reading what libvpx wrote (valid while the handle is open).</summary>
    internal VpxCodecContext* Context => (VpxCodecContext*)handle;

    /// <summary>Allocates a zeroed context, as libvpx's init functions expect.</summary>
    internal static VpxCodecContextHandle Allocate()
    {
        var context = new VpxCodecContextHandle();
        context.SetHandle((IntPtr)NativeMemory.AllocZeroed((nuint)sizeof(VpxCodecContext)));
        return context;
    }

    /// <summary>Records that init succeeded, so that release destroys the codec.</summary>
    internal void MarkInitialized() => _initialized = true;

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        if (_initialized)
        {
            Vp8Native.Destroy(handle);
        }

        NativeMemory.Free((void*)handle);
        return true;
    }
}
