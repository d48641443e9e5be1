using static TorchSharp.torch;

namespace DebiasKit.Text;

/// <summary>
/// Label-preserving perturbations of padded word-id rows (<see cref="TokenIds"/>), the kind of text augmentation that
/// semi-supervised text classifiers use for their weak and strong views: EDA's random deletion and synonym replacement
/// (Wei and Zou, EMNLP 2019), with nearest neighbours in an embedding space standing in for WordNet synonyms. The
/// DeCrisisMB reference code's main.py calls utils/aug.py with alpha_sr and alpha_rs, EDA's names for the rates of synonym
/// replacement and random swap (read from main.py; utils/aug.py itself was not available, so this is our reading). Random
/// swap is left out here because it does not change a bag-of-words input. Randomness comes only from the given
/// generator, so a seeded generator gives the same views on every run.
/// </summary>
public static class TokenAugment
{
    /// <summary>
    /// Random deletion: every word (non-padding id) is replaced by padding with probability <paramref name="rate"/>,
    /// independently. A sentence that would lose all its words keeps them all (EDA keeps one word; keeping the row
    /// unchanged avoids a second draw). Positions are not compacted: a bag-of-embeddings model ignores padding.
    /// </summary>
    /// <param name="ids">Word ids [N, L] (int64, 0 = padding).</param>
    /// <param name="rate">Deletion probability in [0, 1).</param>
    /// <param name="generator">Seeded CPU generator.</param>
    public static Tensor Dropout(Tensor ids, double rate, Generator generator)
    {
        CheckIds(ids);
        Guard.InRange(rate, 0, 1, nameof(rate), highOpen: true);
        Guard.NotNull(generator, nameof(generator));
        using var scope = NewDisposeScope();
        var present = ids.ne(TokenIds.Padding);
        var keep = rand(ids.shape, generator: generator).to(ids.device).ge(rate).logical_and(present);
        var emptied = keep.any(1, keepdim: true).logical_not().logical_and(present.any(1, keepdim: true));
        keep = keep.logical_or(emptied.logical_and(present));
        return ids.where(keep, zeros_like(ids)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Neighbour replacement: every word is replaced with probability <paramref name="rate"/> by one of its k nearest
    /// neighbours (row id of <paramref name="neighbours"/>, column drawn uniformly); padding stays padding.
    /// </summary>
    /// <param name="ids">Word ids [N, L] (int64, 0 = padding).</param>
    /// <param name="rate">Replacement probability in [0, 1].</param>
    /// <param name="neighbours">Neighbour table [V + 1, k] (int64) from <see cref="NearestNeighbours"/>.</param>
    /// <param name="generator">Seeded CPU generator.</param>
    public static Tensor Replace(Tensor ids, double rate, Tensor neighbours, Generator generator)
    {
        CheckIds(ids);
        Guard.InRange(rate, 0, 1, nameof(rate));
        Guard.NotNull(neighbours, nameof(neighbours));
        Guard.NotNull(generator, nameof(generator));
        if (neighbours.dim() != 2 || neighbours.dtype != ScalarType.Int64 || neighbours.shape[1] < 1)
            throw new ArgumentException($"neighbours must be int64 [V + 1, k ≥ 1]; got {neighbours.dtype} [{string.Join(", ", neighbours.shape)}].", nameof(neighbours));
        using var scope = NewDisposeScope();
        if (ids.numel() > 0 && ids.max().item<long>() >= neighbours.shape[0])
            throw new ArgumentException($"ids reach {ids.max().item<long>()} but neighbours has rows for ids 0 to {neighbours.shape[0] - 1}.", nameof(ids));
        long k = neighbours.shape[1];
        var draw = rand(ids.shape, generator: generator).to(ids.device);
        var column = randint(k, ids.shape, generator: generator).to(ids.device);
        var table = neighbours.to(ids.device);
        var replacement = table.index_select(0, ids.flatten()).gather(1, column.flatten().unsqueeze(1)).view(ids.shape);
        var swap = draw.lt(rate).logical_and(ids.ne(TokenIds.Padding));
        return replacement.where(swap, ids).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The <paramref name="k"/> nearest neighbours by cosine similarity of every row of an embedding matrix [V + 1, d],
    /// itself excluded, as int64 [V + 1, k] (ids 1 … V, nearest first; row 0, the padding, maps to 0).
    /// </summary>
    /// <param name="embeddings">Embedding matrix [V + 1, d] with row 0 the padding and at least k + 1 words.</param>
    /// <param name="k">Neighbours per word, ≥ 1.</param>
    public static Tensor NearestNeighbours(Tensor embeddings, int k)
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        Guard.Positive(k, nameof(k));
        if (embeddings.dim() != 2 || !embeddings.is_floating_point())
            throw new ArgumentException($"embeddings must be a floating-point [V + 1, d] matrix; got {embeddings.dtype} [{string.Join(", ", embeddings.shape)}].", nameof(embeddings));
        long words = embeddings.shape[0] - 1;
        if (words < k + 1) throw new ArgumentException($"embeddings hold {words} words; k = {k} neighbours need at least {k + 1}.", nameof(k));
        using var scope = NewDisposeScope();
        var unit = nn.functional.normalize(embeddings.narrow(0, 1, words).to_type(ScalarType.Float64), p: 2, dim: 1);
        var similarity = unit.matmul(unit.t());
        similarity.masked_fill_(eye(words, dtype: ScalarType.Bool, device: embeddings.device), double.NegativeInfinity);
        var top = similarity.topk(k, dim: 1, largest: true, sorted: true).indexes + 1;
        var result = cat([zeros(1, k, dtype: ScalarType.Int64, device: embeddings.device), top], 0);
        return result.MoveToOuterDisposeScope();
    }

    private static void CheckIds(Tensor ids)
    {
        Guard.NotNull(ids, nameof(ids));
        if (ids.dim() != 2 || ids.dtype != ScalarType.Int64)
            throw new ArgumentException($"ids must be int64 [N, L]; got {ids.dtype} [{string.Join(", ", ids.shape)}].", nameof(ids));
        using var min = ids.numel() == 0 ? null : ids.min();
        if (min is not null && min.item<long>() < 0) throw new ArgumentException("ids must not be negative.", nameof(ids));
    }
}
