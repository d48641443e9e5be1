using DebiasKit.Projections;
using static TorchSharp.torch;

namespace DebiasKit.Metrics;

/// <summary>
/// A utility check for a debiasing transform: how many of each query word's k nearest neighbours (cosine, over the whole
/// vocabulary, the word itself excluded) are still among its k nearest neighbours afterwards. 1 = the local geometry is
/// untouched; a transform that scrambles the space scores near k / vocabulary size.
/// </summary>
public static class NeighbourOverlap
{
    /// <summary>Mean share of the k nearest neighbours kept, over the <paramref name="queryRows"/>.</summary>
    /// <param name="before">Vocabulary vectors before [n, d].</param>
    /// <param name="after">Vocabulary vectors after [n, d′] (same rows; the dimension may differ).</param>
    /// <param name="queryRows">Rows whose neighbourhoods are compared.</param>
    /// <param name="k">Neighbours per query, 1 ≤ k &lt; n.</param>
    public static double Compute(Tensor before, Tensor after, IReadOnlyList<long> queryRows, int k = 10)
    {
        VectorChecks.Rows(before, nameof(before), minRows: 2);
        VectorChecks.Rows(after, nameof(after));
        if (after.shape[0] != before.shape[0])
            throw new ArgumentException($"after must hold the same {before.shape[0]} rows as before; it has {after.shape[0]}.", nameof(after));
        Guard.NotNull(queryRows, nameof(queryRows));
        if (queryRows.Count == 0) throw new ArgumentException("queryRows must name at least one row.", nameof(queryRows));
        if (queryRows.Any(r => r < 0 || r >= before.shape[0]))
            throw new ArgumentOutOfRangeException(nameof(queryRows), $"queryRows must lie in [0, {before.shape[0]}).");
        if (k < 1 || k >= before.shape[0]) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in [1, {before.shape[0] - 1}].");
        using var scope = NewDisposeScope();
        var rows = tensor(queryRows.ToArray(), device: before.device);
        var a = Neighbours(before, rows, k);
        var b = Neighbours(after, rows.to(after.device), k).to(a.device);
        long kept = 0;
        var na = a.cpu().data<long>().ToArray();
        var nb = b.cpu().data<long>().ToArray();
        for (int q = 0; q < queryRows.Count; q++)
        {
            var set = new HashSet<long>(na.Skip(q * k).Take(k));
            kept += nb.Skip(q * k).Take(k).Count(set.Contains);
        }
        return (double)kept / (queryRows.Count * (long)k);
    }

    private static Tensor Neighbours(Tensor vectors, Tensor rows, int k)
    {
        var unit = vectors.detach().to(ScalarType.Float32);
        unit = unit / unit.norm(1, keepdim: true).clamp_min(1e-12);
        var similarity = unit.index_select(0, rows).matmul(unit.T);
        similarity.scatter_(1, rows.unsqueeze(1), full([rows.shape[0], 1], float.NegativeInfinity, device: similarity.device));
        return similarity.topk(k, dim: 1).indexes;
    }
}
