using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// Distributional focal loss (DFL) of "Identifying Incorrect Classifications with Balanced Uncertainty" (BTCP): a
    /// confidence head learns the true-class probability c_i = p̂(y_i | x_i) (TCP, as ConfidNet), with each example's
    /// squared error weighted by how rare its TCP value is in the batch, so the few low-TCP (misclassified) examples are
    /// not drowned by the many confident ones:
    /// <c>L = (1/N) Σ_i (1 − h(b(c_i)))^γ (ĉ_i − c_i)²</c>, h the share of the batch's TCP values in each of 10 equal
    /// bins on [0, 1], b(c) = ⌊10 c⌋ (c = 1 in the last bin). γ = 0 is ConfidNet's mean squared error.
    /// <para>
    /// Variant pinned: the authors' <c>train.py</c> (lblaoke/BTCP): histogram of the detached TCP with
    /// <c>histc(bins = 10, min = 0, max = 1)</c> divided by the batch size, weights without gradient, MSE per example,
    /// the weighted sum divided by N. The reference's TCP is read from its classifier's outputs shifted by their row
    /// minimum and normalised to sum 1 (not a softmax); which probability to use as c is the caller's choice
    /// (<see cref="TrueClassProbability"/> computes either; <see cref="Training.TcpEstimator"/> trains a confidence head with this loss).
    /// Re-checked against train.py @852376d: histogram, index, weights and reduction as here.
    /// </para>
    /// </summary>
    /// <param name="predictedConfidence">The confidence head's output ĉ, shape [N] or [N, 1].</param>
    /// <param name="trueClassProbability">The target c in [0, 1], same number of elements (treated as a constant).</param>
    /// <param name="gamma">Focusing parameter γ ≥ 0.</param>
    /// <param name="bins">Number of equal-width histogram bins on [0, 1] (10 in the reference).</param>
    public static Tensor DistributionalFocalLoss(Tensor predictedConfidence, Tensor trueClassProbability, double gamma = 2.0, int bins = 10)
    {
        Guard.NotNull(predictedConfidence, nameof(predictedConfidence));
        Guard.NotNull(trueClassProbability, nameof(trueClassProbability));
        if (!predictedConfidence.is_floating_point() || predictedConfidence.numel() == 0)
            throw new ArgumentException("predictedConfidence must be a non-empty floating-point tensor.", nameof(predictedConfidence));
        if (predictedConfidence.dim() > 2 || (predictedConfidence.dim() == 2 && predictedConfidence.shape[1] != 1))
            throw new ArgumentException($"predictedConfidence must have shape [N] or [N, 1]; got [{string.Join(", ", predictedConfidence.shape)}].", nameof(predictedConfidence));
        if (trueClassProbability.numel() != predictedConfidence.numel())
            throw new ArgumentException($"trueClassProbability must hold {predictedConfidence.numel()} values; it holds {trueClassProbability.numel()}.", nameof(trueClassProbability));
        Guard.NonNegative(gamma, nameof(gamma));
        Guard.Positive(bins, nameof(bins));
        using var scope = NewDisposeScope();
        var c = trueClassProbability.detach().flatten().to(predictedConfidence.dtype);
        if (Guard.AnyOutsideUnitInterval(c))
            throw new ArgumentOutOfRangeException(nameof(trueClassProbability), "trueClassProbability must lie in [0, 1].");
        long n = c.shape[0];
        Tensor weights;
        using (no_grad())
        {
            var bin = c.mul(bins).to(int64).clamp_max(bins - 1);
            var share = zeros(bins, dtype: c.dtype, device: c.device).index_add_(0, bin, ones_like(c), 1).div_(n);
            weights = (1 - share.index_select(0, bin)).pow(gamma);
        }
        var squared = (predictedConfidence.flatten() - c).square();
        return ((weights * squared).sum() / n).MoveToOuterDisposeScope();
    }
}
