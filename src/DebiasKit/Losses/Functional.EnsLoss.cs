using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// EnsLoss of Dai, "EnsLoss: Stochastic Calibrated Loss Ensembles for Preventing Overfitting in Classification"
    /// (arXiv:2409.00908): binary classification with a new random convex, classification-calibrated (CC) margin loss
    /// φ at every mini-batch. SGD only needs φ′ at each example's margin s_i = ỹ_i f(x_i) (ỹ ∈ {−1, +1}); φ is convex
    /// and CC when φ′ is non-decreasing with φ′(0) &lt; 0, so the method draws negative derivatives and assigns them
    /// in increasing order to the examples sorted by margin. The returned surrogate is mean_i(g_i · s_i) with g
    /// detached, whose gradient is the drawn φ′(s_i) ∇s_i / n.
    /// <para>
    /// Variant pinned: the authors' <c>losses.py</c> (statmlben/ensLoss, class <c>ensLoss</c>, commit 051d87d):
    /// n draws ε ~ N(0, 1); g = −exp(ε) (the inverse Box–Cox transform with λ = 0); sorted ascending and clamped
    /// at −1; the k-th smallest g goes to the example with the k-th smallest margin; for margins s &gt; 1, g is
    /// divided by s (a super-linear tail: the loss flattens for confidently right examples); finally 10⁻⁶ is
    /// subtracted so that g &lt; 0 everywhere. (The reference draws a new loss every batch; its <c>period</c> field is
    /// unused in that version.)
    /// </para>
    /// <para>
    /// Re-checked against the stored history of that file (16 versions): the latest ones (commits 5589e90 and 051d87d,
    /// the versions beside the text and sequence experiments) agree with the rule above. Earlier versions differ in
    /// two ways that this function does not follow: they padded the batch with one extra margin 0 (so n + 1 draws, one
    /// of them spent on the pad) and, earlier still (class <c>COTO</c> / first <c>ensLoss</c>), divided the tail by
    /// s·log²(s) for s &gt; e instead of by s for s &gt; 1.
    /// </para>
    /// </summary>
    /// <param name="scores">Real-valued scores f(x), shape [N] or [N, 1].</param>
    /// <param name="targets">Labels 0/1 (any numeric dtype), shape [N] or [N, 1].</param>
    /// <param name="generator">Source of the random loss derivatives (CPU generator; seed it for determinism).</param>
    public static Tensor EnsLoss(Tensor scores, Tensor targets, Generator generator)
    {
        Guard.NotNull(generator, nameof(generator));
        using var scope = NewDisposeScope();
        var (flat, y) = CheckBinaryScores(scores, targets);
        var margins = flat * (2 * y - 1);
        var derivatives = EnsLossDerivatives(margins.detach(), generator);
        return (derivatives * margins).mean().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The random loss derivatives g_i = φ′(s_i) that <see cref="EnsLoss"/> assigns to margins <paramref name="margins"/>:
    /// negative, non-decreasing in the margin, at least −1 (before the 1/s tail and the −10⁻⁶ shift).
    /// </summary>
    public static Tensor EnsLossDerivatives(Tensor margins, Generator generator)
    {
        Guard.NotNull(margins, nameof(margins));
        Guard.NotNull(generator, nameof(generator));
        if (margins.dim() != 1) throw new ArgumentException($"margins must be a vector; got [{string.Join(", ", margins.shape)}].", nameof(margins));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long n = margins.shape[0];
        var draws = randn(n, dtype: float64, generator: generator).to(margins.dtype).to(margins.device);
        var sorted = draws.exp().neg().sort().Values.clamp_min(-1.0);        // ascending: most negative first
        var order = margins.argsort();                                         // smallest margin first
        var g = zeros_like(margins).index_put_(sorted, order);
        var tail = margins.gt(1.0);
        g = where(tail, g / margins.clamp_min(1.0), g);
        return g.sub_(1e-6).MoveToOuterDisposeScope();
    }
}
