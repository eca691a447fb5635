using System;

namespace LiveKit.Media.Tests.Codecs.Vp8;

/// <summary>A deterministic moving test pattern and the quality measure the VP8 tests use.</summary>
internal static class VideoPatterns
{
    /// <summary>
    /// Draws frame <paramref name="index"/> of a moving pattern: a textured background of drifting sine waves (so
    /// that bits matter and motion search has work) and a bright square crossing the picture; chroma drifts too.
    /// </summary>
    public static void Draw(TestPicture picture, int index)
    {
        int width = picture.Width, height = picture.Height;
        int squareSize = Math.Max(8, width / 6);
        int squareX = (index * 5) % Math.Max(1, width - squareSize);
        int squareY = (index * 3) % Math.Max(1, height - squareSize);
        // The background is separable (a product of a wave in x and one in y, plus a diagonal wave), so the sines
        // are computed per row, column and diagonal rather than per pixel.
        double[] across = new double[width];
        double[] down = new double[height];
        double[] diagonal = new double[width + height];
        for (int x = 0; x < width; x++)
        {
            across[x] = 45 * Math.Sin(2 * Math.PI * (x + 3 * index) / 37.0);
        }

        for (int y = 0; y < height; y++)
        {
            down[y] = Math.Cos(2 * Math.PI * (y - 2 * index) / 29.0);
        }

        for (int k = 0; k < width + height; k++)
        {
            diagonal[k] = 25 * Math.Sin(2 * Math.PI * (k + index) / 11.0);
        }

        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double value = 128 + across[x] * down[y] + diagonal[x + y];
                bool inSquare = x >= squareX && x < squareX + squareSize && y >= squareY && y < squareY + squareSize;
                picture.Y[y * picture.YStride + x] = inSquare ? (byte)235 : Clamp(value);
            }
        }

        for (int y = 0; y < picture.ChromaHeight; y++)
        {
            for (int x = 0; x < picture.ChromaWidth; x++)
            {
                picture.U[y * picture.ChromaStride + x] = Clamp(128 + 40 * Math.Sin(2 * Math.PI * (x + y + 2 * index) / 53.0));
                picture.V[y * picture.ChromaStride + x] = Clamp(128 + 40 * Math.Cos(2 * Math.PI * (x - y + index) / 47.0));
            }
        }
    }

    /// <summary>PSNR in dB of one plane against another (peak 255); infinity when identical.</summary>
    public static double Psnr(ReadOnlySpan<byte> reference, int referenceStride, ReadOnlySpan<byte> test, int testStride, int width, int height)
    {
        double squaredError = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int difference = reference[y * referenceStride + x] - test[y * testStride + x];
                squaredError += difference * difference;
            }
        }

        double mse = squaredError / ((double)width * height);
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    private static byte Clamp(double value) => (byte)Math.Clamp((int)Math.Round(value), 0, 255);
}
