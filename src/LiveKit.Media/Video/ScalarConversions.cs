using System;

namespace LiveKit.Media.Video;

/// <summary>
/// The scalar reference of <see cref="VideoFrameConverter"/>: every pair of formats, pixel by pixel, straight from the
/// <see cref="Bt601"/> definitions, with no vectors and no shared row code. The tests hold the vectorized kernels to
/// exactly its output; the benchmarks measure what vectorizing gains over it.
/// </summary>
internal static class ScalarConversions
{
    /// <summary>Converts <paramref name="source"/> into <paramref name="destination"/> (same size), as the converter does.</summary>
    /// <exception cref="ArgumentException">The frames differ in size.</exception>
    public static void Convert(VideoFrame source, VideoFrame destination)
    {
        if (source.Width != destination.Width || source.Height != destination.Height)
        {
            throw new ArgumentException("The frames differ in size.", nameof(destination));
        }

        destination.Timestamp = source.Timestamp;
        bool fromRgb = RgbLayout.IsPackedRgb(source.Format);
        bool toRgb = RgbLayout.IsPackedRgb(destination.Format);
        if (source.Format == destination.Format)
        {
            for (int plane = 0; plane < source.PlaneCount; plane++)
            {
                source.GetPlane(plane).Data.CopyTo(destination.GetPlane(plane).Data);
            }
        }
        else if (fromRgb && toRgb)
        {
            RgbToRgb(source, destination);
        }
        else if (toRgb)
        {
            YuvToRgb(source, destination);
        }
        else if (fromRgb)
        {
            RgbToYuv(source, destination);
        }
        else
        {
            YuvToYuv(source, destination);
        }
    }

    private static void RgbToRgb(VideoFrame source, VideoFrame destination)
    {
        RgbLayout from = RgbLayout.Of(source.Format);
        RgbLayout to = RgbLayout.Of(destination.Format);
        Span<byte> input = source.GetPlane(0).Data;
        Span<byte> output = destination.GetPlane(0).Data;
        for (int i = 0; i < source.Width * source.Height * 4; i += 4)
        {
            output[i + to.RedOffset] = input[i + from.RedOffset];
            output[i + to.GreenOffset] = input[i + from.GreenOffset];
            output[i + to.BlueOffset] = input[i + from.BlueOffset];
            output[i + to.AlphaOffset] = input[i + from.AlphaOffset];
        }
    }

    private static void YuvToRgb(VideoFrame source, VideoFrame destination)
    {
        RgbLayout to = RgbLayout.Of(destination.Format);
        VideoPlane luma = source.GetPlane(0);
        Chroma chroma = Chroma.Of(source);
        VideoPlane output = destination.GetPlane(0);
        for (int row = 0; row < source.Height; row++)
        {
            for (int column = 0; column < source.Width; column++)
            {
                int y = luma.Data[row * luma.Stride + column];
                int u = chroma.U[chroma.IndexOf(column / 2, row / 2)];
                int v = chroma.V[chroma.IndexOf(column / 2, row / 2)];
                int at = row * output.Stride + column * 4;
                output.Data[at + to.RedOffset] = Bt601.Red(y, v);
                output.Data[at + to.GreenOffset] = Bt601.Green(y, u, v);
                output.Data[at + to.BlueOffset] = Bt601.Blue(y, u);
                output.Data[at + to.AlphaOffset] = 255;
            }
        }
    }

    private static void RgbToYuv(VideoFrame source, VideoFrame destination)
    {
        RgbLayout from = RgbLayout.Of(source.Format);
        VideoPlane input = source.GetPlane(0);
        VideoPlane luma = destination.GetPlane(0);
        Chroma chroma = Chroma.Of(destination);
        for (int row = 0; row < source.Height; row++)
        {
            for (int column = 0; column < source.Width; column++)
            {
                int at = row * input.Stride + column * 4;
                luma.Data[row * luma.Stride + column] = Bt601.Luma(input.Data[at + from.RedOffset], input.Data[at + from.GreenOffset], input.Data[at + from.BlueOffset]);
            }
        }

        for (int chromaRow = 0; chromaRow < destination.ChromaHeight; chromaRow++)
        {
            for (int chromaColumn = 0; chromaColumn < destination.ChromaWidth; chromaColumn++)
            {
                // The 2x2 block, its second column and row falling back to the first at an odd edge.
                int left = chromaColumn * 2, right = Math.Min(left + 1, source.Width - 1);
                int top = chromaRow * 2, bottom = Math.Min(top + 1, source.Height - 1);
                int topLeft = top * input.Stride + left * 4, topRight = top * input.Stride + right * 4;
                int bottomLeft = bottom * input.Stride + left * 4, bottomRight = bottom * input.Stride + right * 4;
                int r = Bt601.Average(input.Data[topLeft + from.RedOffset], input.Data[topRight + from.RedOffset], input.Data[bottomLeft + from.RedOffset], input.Data[bottomRight + from.RedOffset]);
                int g = Bt601.Average(input.Data[topLeft + from.GreenOffset], input.Data[topRight + from.GreenOffset], input.Data[bottomLeft + from.GreenOffset], input.Data[bottomRight + from.GreenOffset]);
                int b = Bt601.Average(input.Data[topLeft + from.BlueOffset], input.Data[topRight + from.BlueOffset], input.Data[bottomLeft + from.BlueOffset], input.Data[bottomRight + from.BlueOffset]);
                chroma.U[chroma.IndexOf(chromaColumn, chromaRow)] = Bt601.Cb(r, g, b);
                chroma.V[chroma.IndexOf(chromaColumn, chromaRow)] = Bt601.Cr(r, g, b);
            }
        }
    }

    private static void YuvToYuv(VideoFrame source, VideoFrame destination)
    {
        source.GetPlane(0).Data.CopyTo(destination.GetPlane(0).Data);
        Chroma from = Chroma.Of(source);
        Chroma to = Chroma.Of(destination);
        for (int chromaRow = 0; chromaRow < source.ChromaHeight; chromaRow++)
        {
            for (int chromaColumn = 0; chromaColumn < source.ChromaWidth; chromaColumn++)
            {
                to.U[to.IndexOf(chromaColumn, chromaRow)] = from.U[from.IndexOf(chromaColumn, chromaRow)];
                to.V[to.IndexOf(chromaColumn, chromaRow)] = from.V[from.IndexOf(chromaColumn, chromaRow)];
            }
        }
    }

    /// <summary>
    /// The U and V samples of a YUV frame as two views with one indexing rule: I420's two planes with step 1, or NV12's
    /// pair plane seen twice (V one byte later) with step 2.
    /// </summary>
    private readonly ref struct Chroma
    {
        private readonly int _stride;
        private readonly int _step;

        private Chroma(Span<byte> u, Span<byte> v, int stride, int step)
        {
            U = u;
            V = v;
            _stride = stride;
            _step = step;
        }

        public Span<byte> U { get; }

        public Span<byte> V { get; }

        public static Chroma Of(VideoFrame frame)
        {
            if (frame.Format == VideoFormat.I420)
            {
                VideoPlane u = frame.GetPlane(1);
                return new Chroma(u.Data, frame.GetPlane(2).Data, u.Stride, step: 1);
            }

            VideoPlane uv = frame.GetPlane(1);
            return new Chroma(uv.Data, uv.Data[1..], uv.Stride, step: 2);
        }

        public int IndexOf(int chromaColumn, int chromaRow) => chromaRow * _stride + chromaColumn * _step;
    }
}
