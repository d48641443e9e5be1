using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// The normalised-temperature cross-entropy (NT-Xent) of SimCLR (Chen, Kornblith, Norouzi and Hinton, 2020): for N
    /// pairs of views (z₁ᵢ, z₂ᵢ), with s the cosine similarity over all 2N projections,
    /// ℓᵢ = −log( exp(s(i, pos(i))/τ) / Σ_{k ≠ i} exp(s(i, k)/τ) ), averaged over the 2N anchors (Mean).
    /// Every other view in the batch is a negative. It is the contrastive objective the kit's noisy long-tail papers learn
    /// representations with (RCAL, paper 113, starts from such a representation).
    /// </summary>
    /// <param name="first">Projections of the first views, [N, D], N ≥ 2.</param>
    /// <param name="second">Projections of the second views, [N, D]; row i is the positive of row i of <paramref name="first"/>.</param>
    /// <param name="temperature">τ &gt; 0 (SimCLR uses 0.1–0.5).</param>
    /// <param name="reduction">None (per anchor, 2N values: first views then second), Mean or Sum.</param>
    public static Tensor NtXentLoss(Tensor first, Tensor second, double temperature = 0.5, nn.Reduction reduction = nn.Reduction.Mean)
    {
        Guard.NotNull(first, nameof(first));
        Guard.NotNull(second, nameof(second));
        if (first.dim() != 2 || !first.shape.SequenceEqual(second.shape))
            throw new ArgumentException($"first and second must both be [N, D]; got [{string.Join(", ", first.shape)}] and [{string.Join(", ", second.shape)}].", nameof(second));
        if (first.shape[0] < 2) throw new ArgumentException($"first needs at least 2 pairs to have negatives; got {first.shape[0]}.", nameof(first));
        Guard.Positive(temperature, nameof(temperature));
        using var scope = NewDisposeScope();
        long n = first.shape[0];
        var z = nn.functional.normalize(cat(new[] { first, second }), p: 2, dim: 1);
        var logits = z.mm(z.t()) / temperature;
        logits = logits.masked_fill(eye(2 * n, dtype: ScalarType.Bool, device: z.device), double.NegativeInfinity);   // k ≠ i
        var positives = cat(new[] { arange(n, 2 * n, device: z.device), arange(0, n, device: z.device) });
        var perAnchor = nn.functional.cross_entropy(logits, positives, reduction: nn.Reduction.None);
        return Reduce(perAnchor, reduction).MoveToOuterDisposeScope();
    }
}
