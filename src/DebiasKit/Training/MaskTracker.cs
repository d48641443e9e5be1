using static TorchSharp.torch;

namespace DebiasKit.Training;

/// <summary>
/// Accumulates, per training example, how often an in-batch mask left it out of the loss: the data-curation diagnostic
/// of the Z-Error loss (Godin 2025, arXiv:2506.02154), whose masks flag the examples a batch sees as outliers. After
/// training, the masked fraction of example i is (batches in which i was masked) / (batches in which i was seen); with
/// one visit per epoch that is the fraction of epochs. Counts are kept on the host.
/// </summary>
public sealed class MaskTracker
{
    private readonly long[] seen;
    private readonly long[] masked;

    /// <param name="count">Number of training examples N (indices run over 0 … N − 1).</param>
    public MaskTracker(long count)
    {
        if (count <= 0 || count > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be a positive number of examples (at most int.MaxValue).");
        seen = new long[count];
        masked = new long[count];
    }

    /// <summary>Number of examples tracked.</summary>
    public long Count => seen.LongLength;

    /// <summary>Times each example was seen (recorded in a batch).</summary>
    public IReadOnlyList<long> Seen => seen;

    /// <summary>Times each example was masked (left out of the loss).</summary>
    public IReadOnlyList<long> Masked => masked;

    /// <summary>Records one batch: the examples at <paramref name="indices"/> were seen; those whose <paramref name="kept"/> is false were masked.</summary>
    /// <param name="indices">Example indices of the batch, int64 [B], each in [0, N).</param>
    /// <param name="kept">The batch's mask, bool [B], true where the example entered the loss.</param>
    public void Record(Tensor indices, Tensor kept)
    {
        Guard.NotNull(indices, nameof(indices));
        Guard.NotNull(kept, nameof(kept));
        if (indices.dim() != 1 || indices.dtype != ScalarType.Int64)
            throw new ArgumentException($"indices must be an int64 vector [B]; got {indices.dtype} [{string.Join(", ", indices.shape)}].", nameof(indices));
        if (kept.dim() != 1 || kept.dtype != ScalarType.Bool || kept.shape[0] != indices.shape[0])
            throw new ArgumentException($"kept must be a bool vector [{indices.shape[0]}] matching indices; got {kept.dtype} [{string.Join(", ", kept.shape)}].", nameof(kept));
        using var hostIndices = indices.cpu();
        using var hostKept = kept.cpu();
        var index = hostIndices.data<long>().ToArray();
        var keep = hostKept.data<bool>().ToArray();
        foreach (var i in index)
            if (i < 0 || i >= Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"indices must lie in [0, {Count - 1}].");
        for (int b = 0; b < index.Length; b++)
        {
            seen[index[b]]++;
            if (!keep[b]) masked[index[b]]++;
        }
    }

    /// <summary>Masked fraction per example: masked / seen, NaN for an example never seen.</summary>
    public double[] MaskedFraction() =>
        seen.Select((s, i) => s == 0 ? double.NaN : (double)masked[i] / s).ToArray();

    /// <summary>
    /// The examples masked in at least <paramref name="threshold"/> of their visits (the paper's "often masked" set;
    /// 0.5 = masked in at least half the epochs), in increasing index order. Never-seen examples are not flagged.
    /// </summary>
    /// <param name="threshold">Fraction in (0, 1].</param>
    public long[] Flagged(double threshold = 0.5)
    {
        Guard.InRange(threshold, 0, 1, nameof(threshold), lowOpen: true);
        var fraction = MaskedFraction();
        return Enumerable.Range(0, fraction.Length).Where(i => fraction[i] >= threshold).Select(i => (long)i).ToArray();
    }
}
