using System;

namespace LiveKit.Media.Tests.Codecs.Vp8;

/// <summary>An I420 picture in three arrays with strides (the layout the VP8 encoder takes).</summary>
internal sealed class TestPicture
{
    public TestPicture(int width, int height, int padding = 0)
    {
        Width = width;
        Height = height;
        YStride = width + padding;
        ChromaStride = ChromaWidth + padding;
        Y = new byte[YStride * height];
        U = new byte[ChromaStride * ChromaHeight];
        V = new byte[ChromaStride * ChromaHeight];
    }

    public int Width { get; }

    public int Height { get; }

    public int ChromaWidth => (Width + 1) / 2;

    public int ChromaHeight => (Height + 1) / 2;

    public int YStride { get; }

    public int ChromaStride { get; }

    public byte[] Y { get; }

    public byte[] U { get; }

    public byte[] V { get; }
}
