using static TorchSharp.torch;

namespace DebiasKit.Data;

/// <summary>
/// A multi-label image set built from real single-label images: each canvas is a grid of cells, some of which hold an
/// image drawn from a pool (the others stay blank), and the canvas's labels are the set of classes placed on it. From
/// real MNIST digits this gives a small multi-label benchmark with the structure of MS-COCO's (several objects per
/// image, most labels negative on most images), for the multi-label losses (Asymmetric Loss, paper 043).
/// </summary>
public sealed class MultiDigitCanvas : IDisposable
{
    private MultiDigitCanvas(Tensor images, Tensor targets, long[][] sources, int grid)
    {
        Images = images;
        Targets = targets;
        Sources = sources;
        Grid = grid;
    }

    /// <summary>Canvases, float32 [N, C, grid·H, grid·W], pixels scaled to [0, 1].</summary>
    public Tensor Images { get; }

    /// <summary>Label sets, float32 [N, classes]: 1 where the class was placed on the canvas.</summary>
    public Tensor Targets { get; }

    /// <summary>For each canvas, the source image index placed in each grid cell (row-major), −1 for a blank cell.</summary>
    public long[][] Sources { get; }

    /// <summary>Cells per side.</summary>
    public int Grid { get; }

    /// <summary>Number of canvases.</summary>
    public long Count => Images.shape[0];

    /// <summary>
    /// Draws <paramref name="count"/> canvases. Each holds between <paramref name="minImages"/> and
    /// <paramref name="maxImages"/> images (uniform), placed in distinct random cells; images are drawn from
    /// <paramref name="pool"/> uniformly with replacement across canvases (never twice on one canvas). Drawing from a
    /// split's training part for training canvases and its test part for test canvases keeps the two disjoint.
    /// </summary>
    /// <param name="source">The single-label images (e.g. <c>Mnist.Load()</c>).</param>
    /// <param name="pool">Indices into <paramref name="source"/> that may be placed; at least <paramref name="maxImages"/>.</param>
    /// <param name="count">Number of canvases, ≥ 1.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <param name="grid">Cells per side, ≥ 1 (2 gives a 2 × 2 grid, 56 × 56 from MNIST).</param>
    /// <param name="minImages">Fewest images per canvas, ≥ 1.</param>
    /// <param name="maxImages">Most images per canvas, in [minImages, grid²].</param>
    /// <param name="device">Device of the tensors; default the CPU.</param>
    public static MultiDigitCanvas Create(ImageSet source, IReadOnlyList<long> pool, int count, int seed, int grid = 2, int minImages = 1,
        int maxImages = 3, Device? device = null)
    {
        Guard.NotNull(source, nameof(source));
        Guard.NotNull(pool, nameof(pool));
        Guard.Positive(count, nameof(count));
        Guard.Positive(grid, nameof(grid));
        if (minImages < 1) throw new ArgumentOutOfRangeException(nameof(minImages), minImages, "minImages must be at least 1.");
        if (maxImages < minImages || maxImages > grid * grid)
            throw new ArgumentOutOfRangeException(nameof(maxImages), maxImages, $"maxImages must lie in [{minImages}, {grid * grid}] for a {grid} × {grid} grid.");
        if (pool.Count < maxImages)
            throw new ArgumentException($"pool must hold at least maxImages ({maxImages}) images; it holds {pool.Count}.", nameof(pool));
        for (int k = 0; k < pool.Count; k++)
            if (pool[k] < 0 || pool[k] >= source.Count)
                throw new ArgumentOutOfRangeException(nameof(pool), pool[k], $"pool[{k}] must lie in [0, {source.Count - 1}].");

        int channels = source.Channels, h = source.Height, w = source.Width, height = grid * h, width = grid * w;
        var pixels = new float[(long)count * channels * height * width];
        var targets = new float[(long)count * source.Classes];
        var sources = new long[count][];
        var random = new Random(seed);
        float scale = 1f / source.MaxValue;
        for (int n = 0; n < count; n++)
        {
            int placed = random.Next(minImages, maxImages + 1);
            var cells = Enumerable.Range(0, grid * grid).OrderBy(_ => random.Next()).Take(placed).ToArray();
            var chosen = new HashSet<int>();
            sources[n] = Enumerable.Repeat(-1L, grid * grid).ToArray();
            foreach (var cell in cells)
            {
                int k;
                do k = random.Next(pool.Count); while (!chosen.Add(k));
                long index = pool[k];
                sources[n][cell] = index;
                targets[(long)n * source.Classes + source.Labels[(int)index]] = 1f;
                var image = source.Image((int)index);
                int top = cell / grid * h, left = cell % grid * w;
                for (int ch = 0; ch < channels; ch++)
                    for (int row = 0; row < h; row++)
                        for (int col = 0; col < w; col++)
                            pixels[(((long)n * channels + ch) * height + top + row) * width + left + col] = image[(ch * h + row) * w + col] * scale;
            }
        }
        return new MultiDigitCanvas(
            tensor(pixels, [count, channels, height, width], device: device),
            tensor(targets, [count, source.Classes], device: device), sources, grid);
    }

    /// <summary>
    /// The label sets with each positive label hidden (set to 0) independently with probability <paramref name="rate"/>:
    /// the missing positives of web-scale multi-label data, which ASL's probability margin is meant to tolerate.
    /// </summary>
    public Tensor WithMissingPositives(double rate, int seed)
    {
        Guard.InRange(rate, 0, 1, nameof(rate));
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var keep = rand(Targets.shape, generator: generator).to(Targets.device).ge(rate);
        return Targets.mul(keep.to(Targets.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Targets.Dispose();
    }
}
