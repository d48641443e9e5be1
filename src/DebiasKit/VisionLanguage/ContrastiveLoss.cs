using static TorchSharp.torch;

namespace DebiasKit.VisionLanguage;

/// <summary>The symmetric contrastive (InfoNCE) loss of CLIP (Radford et al., 2021).</summary>
public static class ContrastiveLoss
{
    /// <summary>
    /// For a batch of B matching (image, text) pairs with L2-normalised features I, T ([B, d]) and temperature s, the
    /// logits are Z = s · I Tᵀ and the loss is ½ [CE(Z, diag) + CE(Zᵀ, diag)]: each image must pick its own caption among
    /// the batch's captions, and each caption its own image. Returns a scalar.
    /// </summary>
    /// <param name="imageFeatures">[B, d], row i matching row i of <paramref name="textFeatures"/>.</param>
    /// <param name="textFeatures">[B, d].</param>
    /// <param name="logitScale">The temperature s (a scalar tensor, may carry gradients).</param>
    public static Tensor Symmetric(Tensor imageFeatures, Tensor textFeatures, Tensor logitScale)
    {
        Guard.NotNull(imageFeatures, nameof(imageFeatures));
        Guard.NotNull(textFeatures, nameof(textFeatures));
        Guard.NotNull(logitScale, nameof(logitScale));
        if (imageFeatures.dim() != 2 || textFeatures.dim() != 2 || !imageFeatures.shape.SequenceEqual(textFeatures.shape))
            throw new ArgumentException($"imageFeatures and textFeatures must both be [B, d] of the same shape; got [{string.Join(", ", imageFeatures.shape)}] and [{string.Join(", ", textFeatures.shape)}].", nameof(textFeatures));
        if (imageFeatures.shape[0] == 0) throw new ArgumentException("imageFeatures must hold at least one pair.", nameof(imageFeatures));
        if (logitScale.numel() != 1) throw new ArgumentException("logitScale must be a scalar.", nameof(logitScale));
        using var scope = NewDisposeScope();
        var logits = imageFeatures.matmul(textFeatures.T) * logitScale;
        var targets = arange(imageFeatures.shape[0], dtype: ScalarType.Int64, device: imageFeatures.device);
        var loss = (nn.functional.cross_entropy(logits, targets) + nn.functional.cross_entropy(logits.T, targets)) / 2;
        return loss.MoveToOuterDisposeScope();
    }
}
