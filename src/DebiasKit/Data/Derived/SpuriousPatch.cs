namespace DebiasKit.Data;

/// <summary>Images with a spurious patch, and which of them carry it.</summary>
public sealed record PatchedImages(ImageSet Images, bool[] HasPatch);

/// <summary>
/// Injects a spurious feature into real images: a bright square in the top-left corner, present with a probability that
/// depends on the class. Making it frequent in the head classes and rare in the tail classes recreates the setting of
/// "Imbalanced classification through the lens of spurious correlations" (paper 074): a model trained on the long tail
/// can use the patch as a shortcut for "head class", and a test set with the patch independent of the class exposes it.
/// The patch is a real pixel change, so the model must learn the correlation from the data.
/// </summary>
public static class SpuriousPatch
{
    /// <param name="images">Source images (any channels; the patch is set in every channel).</param>
    /// <param name="indices">Which images to use, in this order.</param>
    /// <param name="patchProbability">For each class, the probability that an image of that class gets the patch, in [0, 1].</param>
    /// <param name="seed">Seeds which images get the patch.</param>
    /// <param name="size">Side of the square in pixels, at least 1 and at most the image's smaller side.</param>
    public static PatchedImages Apply(ImageSet images, IReadOnlyList<long> indices, IReadOnlyList<double> patchProbability, int seed, int size = 4)
    {
        Guard.NotNull(images, nameof(images));
        Guard.NotNull(indices, nameof(indices));
        Guard.NotNull(patchProbability, nameof(patchProbability));
        if (patchProbability.Count != images.Classes)
            throw new ArgumentException($"patchProbability must hold one probability per class ({images.Classes}); it holds {patchProbability.Count}.", nameof(patchProbability));
        for (int c = 0; c < patchProbability.Count; c++) Guard.InRange(patchProbability[c], 0, 1, nameof(patchProbability));
        if (size < 1 || size > Math.Min(images.Height, images.Width))
            throw new ArgumentOutOfRangeException(nameof(size), size, $"size must lie in [1, {Math.Min(images.Height, images.Width)}].");
        var subset = images.Subset(indices);   // checks the indices; a fresh pixel buffer we may write to
        var pixels = subset.Pixels.ToArray();
        var random = new Random(seed);
        var hasPatch = new bool[subset.Count];
        for (int k = 0; k < subset.Count; k++)
        {
            hasPatch[k] = random.NextDouble() < patchProbability[(int)subset.Labels[k]];
            if (!hasPatch[k]) continue;
            for (int ch = 0; ch < subset.Channels; ch++)
                for (int row = 0; row < size; row++)
                    for (int col = 0; col < size; col++)
                        pixels[(long)k * subset.ImageSize + (long)ch * subset.Height * subset.Width + row * subset.Width + col] = subset.MaxValue;
        }
        var patched = new ImageSet(subset.Name + " (spurious patch)", pixels, subset.Labels.ToArray(), subset.Channels, subset.Height,
            subset.Width, subset.MaxValue, subset.ClassNames);
        return new PatchedImages(patched, hasPatch);
    }
}
