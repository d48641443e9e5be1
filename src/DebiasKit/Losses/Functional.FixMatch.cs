using TorchSharp;
using static TorchSharp.torch;

namespace DebiasKit.Losses;

public static partial class Functional
{
    /// <summary>
    /// FixMatch's pseudo-labels (Sohn et al., NeurIPS 2020): argmax of the softmax of the weakly augmented view's logits,
    /// kept where its probability is at least <paramref name="threshold"/>. No gradient flows through them.
    /// </summary>
    /// <param name="weakLogits">Logits of the weak views [N, C].</param>
    /// <param name="threshold">Confidence τ in [0, 1] (FixMatch uses 0.95).</param>
    public static (Tensor Labels, Tensor Mask) PseudoLabels(Tensor weakLogits, double threshold = 0.95)
    {
        Guard.NotNull(weakLogits, nameof(weakLogits));
        if (weakLogits.dim() != 2) throw new ArgumentException($"weakLogits must be [N, C]; got [{string.Join(", ", weakLogits.shape)}].", nameof(weakLogits));
        Guard.InRange(threshold, 0, 1, nameof(threshold));
        using var scope = NewDisposeScope();
        var (confidence, labels) = weakLogits.detach().softmax(1).max(1);
        return (labels.MoveToOuterDisposeScope(), (confidence >= threshold).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// FixMatch's unsupervised loss: (1/N) Σᵢ 1[maxⱼ pᵢⱼ ≥ τ] · CE(strong logitsᵢ, argmax pᵢ), p the softmax of the weak
    /// view. Normalised by the whole batch N as in the paper (not by the number of confident examples).
    /// </summary>
    /// <param name="weakLogits">Logits of the weak views [N, C]; used only through the pseudo-labels.</param>
    /// <param name="strongLogits">Logits of the strong views [N, C].</param>
    /// <param name="threshold">Confidence τ in [0, 1].</param>
    public static Tensor FixMatchLoss(Tensor weakLogits, Tensor strongLogits, double threshold = 0.95)
    {
        Guard.NotNull(strongLogits, nameof(strongLogits));
        if (weakLogits is null || !weakLogits.shape.SequenceEqual(strongLogits.shape))
            throw new ArgumentException($"strongLogits must have the shape of weakLogits.", nameof(strongLogits));
        using var scope = NewDisposeScope();
        var (labels, mask) = PseudoLabels(weakLogits, threshold);
        var perExample = nn.functional.cross_entropy(strongLogits, labels, reduction: nn.Reduction.None);
        return (perExample * mask.to_type(perExample.dtype)).mean().MoveToOuterDisposeScope();
    }
}
